/** Distributed execution on BullMQ/Redis: content-addressed snapshots, shard jobs, queue workers and the merging submitter. */
export * from './protocol.ts';
export * from './snapshot.ts';
export * from './worker.ts';
export * from './screeningRun.ts';
export { loadRunPlan, RunInputMissingError } from './shardTask.ts';
export * from './kinds.ts';
export * from './kindRun.ts';
export * from './passesKind.ts';
export * from './odKind.ts';
export { getChunked, hdelResultChunks, hgetResultChunks, hsetResultChunks, RESULT_CHUNK_BYTES, setChunked } from './resultChunks.ts';
export * from './streamedOutput.ts';
export { decodeShardResult, encodeShardResult, encodeSortedShard, ShardResultFormatError } from './shardResultCodec.ts';
