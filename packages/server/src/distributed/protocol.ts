/**
 * The wire contract of distributed runs on BullMQ/Redis: the queue name, the Redis keys, the shard job's data and
 * the worker's stall settings. Everything large travels once per run in Redis keys; a job carries only ids.
 */

/** The one queue every worker listens on; runs are told apart by their run id (job ids are `<runId>-<shardIndex>`). */
export const SHARD_QUEUE = 'skylane-shards';

/** Prefix of every Redis key Skylane writes besides BullMQ's own (`bull:<queue>:…`). */
export const KEY_PREFIX = 'skylane';

/** Kinds of run a worker can execute: screening (screeningRun.ts) and the registry of kinds.ts (lifetime, propagation, passes, od). */
export type RunKind = 'screening' | 'lifetime' | 'propagation' | 'passes' | 'od';

/** Data of one shard job. */
export interface ShardJobData {
  readonly kind: RunKind;
  /** Content hash of the run (SHA-256 hex): the catalog snapshot, the rest of the plan and the sharding. */
  readonly runId: string;
  /** Content hash (SHA-256 hex) of the canonical catalog snapshot the run reads. */
  readonly snapshotHash: string;
  readonly shardIndex: number;
  /** Screening: the shard's first block; other kinds: its first object (the full shard is in the run's plan key). */
  readonly firstBlock: number;
  /** Screening: the block after the shard's last; other kinds: the object after its last. */
  readonly endBlock: number;
  /**
   * Screening: the form of the result the submitter reads. `'sorted-shard-v1'` (core's SORTED_SHARD_FORM): the shard's
   * rows sorted in merge order by the worker (`sortShardResult`), so the submitter's streamed merge does no sort.
   * Absent (a submitter from before the sorted form): the block list of `screenShard`, which such a submitter
   * expects. A worker from before this field ignores it and stores a block list: the submitter still merges it (it
   * sorts it), so every pairing of old and new workers and submitters gives the same output.
   */
  readonly resultForm?: 'sorted-shard-v1';
}

/** What a worker reports for a finished shard (the blocks themselves are in the results hash). */
export interface ShardJobResult {
  readonly events: number;
  readonly blocks: number;
  readonly workMs: number;
  /** Time this shard's thread spent loading the run's inputs (snapshot read, hash check, decode, initialisation); 0 when the thread had them already. */
  readonly loadMs?: number;
}

/** Redis keys of snapshots and runs. */
export const keys = {
  /** The canonical catalog snapshot (v8 serialisation), by content hash: a hash of pieces (resultChunks.ts `setChunked`). */
  snapshot: (hash: string): string => `${KEY_PREFIX}:snapshot:${hash}`,
  /** The run's plan without its objects (v8 serialisation). */
  runPlan: (runId: string): string => `${KEY_PREFIX}:run:${runId}:plan`,
  /** Hash: shard index → the shard's result bytes (shardResultCodec.ts: compact sorted form, or v8 of a block list), in pieces of ≤ 64 MiB (resultChunks.ts; HSET: a retried shard overwrites). */
  runResults: (runId: string): string => `${KEY_PREFIX}:run:${runId}:results`,
  /** Hash: shard index → events found by the shard (progress). */
  runEvents: (runId: string): string => `${KEY_PREFIX}:run:${runId}:events`,
};

/** Seconds a snapshot and a run's keys live after their last use (refreshed on every submission). */
export const RUN_TTL_S = 86_400;

/**
 * Stall detection of the workers (BullMQ). A worker holds a lock on its shard for `lockDurationMs`, renewed every
 * half of it while the worker's event loop runs (the shard itself runs on a worker thread, so the loop stays free).
 * Every `stalledIntervalMs` each worker looks for active shards whose lock expired (the worker died: kill -9, lost
 * network) and moves them back to waiting, up to `maxStalledCount` times before the shard fails. A dead worker's
 * shard restarts at most lockDurationMs + stalledIntervalMs after its last renewal.
 */
export interface StallSettings {
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
}

/** BullMQ's own defaults: 30 s lock, 30 s stall check, one stall before a shard fails (raised to 3 here). */
export const DEFAULT_STALL_SETTINGS: StallSettings = { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 3 };
