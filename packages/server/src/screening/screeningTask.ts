/**
 * Worker task of the multi-threaded screener: screens one block of the plan the pool was created with
 * (piscina `workerData`), reusing the initialised SGP4 satellites across the blocks this thread receives.
 */
import { workerData } from 'piscina';
import { createScreeningContext, screenBlock, type BlockResult, type ScreeningContext, type ScreeningPlan } from '@skylane/core';

export interface ScreeningTask {
  readonly blockIndex: number;
}

let context: ScreeningContext | null = null;

export default function screeningTask(task: ScreeningTask): BlockResult {
  const plan = (workerData as { plan: ScreeningPlan }).plan;
  context ??= createScreeningContext(plan);
  return screenBlock(plan, task.blockIndex, context);
}
