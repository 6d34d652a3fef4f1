/** Worker task: one chunk of a batch pass prediction (plain structured-clone data in and out). */
import { runPassBatchRequest, type PassBatchRequest, type PassBatchResult } from '@skylane/core';

export default function passTask(req: PassBatchRequest): PassBatchResult {
  return runPassBatchRequest(req);
}
