/** The task a propagation worker runs: core batch SGP4 over a block of objects; the states come back transferred. */
import { propagateBatch, type BatchFailure, type Sgp4Input, type UtcClock } from '@skylane/core';

export interface PropagationTaskInput {
  readonly inputs: readonly Sgp4Input[];
  readonly anchor: UtcClock;
  readonly offsetsS: Float64Array;
}

export interface PropagationTaskOutput {
  readonly states: Float64Array;
  readonly status: Uint8Array;
  readonly failures: BatchFailure[];
}

export default function propagationTask(task: PropagationTaskInput): PropagationTaskOutput {
  const r = propagateBatch(task.inputs, { anchor: task.anchor, offsetsS: task.offsetsS });
  // Structured clone copies the typed arrays (a few MB per block), negligible next to SGP4 itself.
  return { states: r.states, status: r.status, failures: r.failures };
}
