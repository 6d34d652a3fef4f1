/**
 * Worker task of the multi-threaded screener: screens one block of the plan the pool was created with
 * (piscina `workerData`), reusing the initialised SGP4 satellites across the blocks this thread receives (near-earth ones
 * built from the records planning computed, sent with the plan).
 */
import { workerData } from 'piscina';
import { createScreeningContext, screenBlock, type BlockResult, type PlanSgp4Records, type ScreeningContext, type ScreeningPlan } from '@skylane/core';

export interface ScreeningTask {
  readonly blockIndex: number;
}

let context: ScreeningContext | null = null;

export default function screeningTask(task: ScreeningTask): BlockResult {
  const { plan, records } = workerData as { plan: ScreeningPlan; records?: PlanSgp4Records };
  context ??= createScreeningContext(plan, undefined, records);
  return screenBlock(plan, task.blockIndex, context);
}
