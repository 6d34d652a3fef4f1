/**
 * The task a propagation worker runs: core batch SGP4 over a block of objects, written straight into the
 * SharedArrayBuffer-backed arrays the calling thread allocated (no copy of the states back); only the per-object
 * failures travel as a message.
 */
import { propagateBatch, type BatchFailure, type Sgp4Input, type UtcClock } from '@skylane/core';

export interface PropagationTaskInput {
  readonly inputs: readonly Sgp4Input[];
  readonly anchor: UtcClock;
  readonly offsetsS: Float64Array;
  /** Views of SharedArrayBuffers: objects × times × 6 states and objects × times status codes. */
  readonly states: Float64Array;
  readonly status: Uint8Array;
}

export default function propagationTask(task: PropagationTaskInput): BatchFailure[] {
  return propagateBatch(task.inputs, { anchor: task.anchor, offsetsS: task.offsetsS }, { states: task.states, status: task.status }).failures;
}
