/** Typed errors of the Skylane core: each has a stable `code`, the offending value and a sentence that teaches the fix. */

/** Stable machine-readable error codes. Never rename one: clients match on them. */
export type SkylaneErrorCode =
  | 'PARSE_ERROR'
  | 'FORMAT_UNKNOWN'
  | 'FIELD_INVALID'
  | 'FIELD_MISSING'
  | 'CHECKSUM_MISMATCH'
  | 'ID_OUT_OF_RANGE'
  | 'TIME_INVALID'
  | 'TIME_OUT_OF_RANGE'
  | 'PROPAGATION_FAILED'
  | 'ELEMENTS_INVALID'
  | 'OBJECT_DECAYED'
  | 'EPHEMERIS_COVERAGE'
  | 'ARGUMENT_INVALID'
  | 'NOT_FOUND'
  | 'UNSUPPORTED';

/** Base class of every error thrown by Skylane. */
export class SkylaneError extends Error {
  override readonly name: string = 'SkylaneError';
  /** Stable code, e.g. `CHECKSUM_MISMATCH`. */
  readonly code: SkylaneErrorCode;
  /** The value that was rejected, when there is one. */
  readonly value: unknown;

  constructor(code: SkylaneErrorCode, message: string, value?: unknown) {
    super(message);
    this.code = code;
    this.value = value;
  }
}

/** Location of a rejected piece of input: 1-based line, optional 1-based column range and field name. */
export interface SourceLocation {
  readonly line: number;
  readonly column?: number;
  readonly field?: string;
}

/** A record or field that could not be read. Carries where in the input the problem is. */
export class ParseError extends SkylaneError {
  override readonly name: string = 'ParseError';
  readonly line: number;
  readonly field: string | undefined;
  readonly column: number | undefined;

  constructor(code: SkylaneErrorCode, message: string, where: SourceLocation, value?: unknown) {
    const at = `line ${where.line}${where.column !== undefined ? `, column ${where.column}` : ''}${where.field !== undefined ? `, field ${where.field}` : ''}`;
    super(code, `${at}: ${message}`, value);
    this.line = where.line;
    this.field = where.field;
    this.column = where.column;
  }
}

/** An invalid argument passed by the caller (a bad option, an empty range). */
export class ArgumentError extends SkylaneError {
  override readonly name: string = 'ArgumentError';
  constructor(message: string, value?: unknown) {
    super('ARGUMENT_INVALID', message, value);
  }
}

/** A time that cannot be represented or parsed. */
export class TimeError extends SkylaneError {
  override readonly name: string = 'TimeError';
}

/** Propagation of one object failed (decay, invalid elements, numerical failure). */
export class PropagationError extends SkylaneError {
  override readonly name: string = 'PropagationError';
  /** Catalog number of the object, when known. */
  readonly objectId: number | undefined;
  /** Minutes since the element-set epoch at which propagation failed, when known. */
  readonly tsinceMin: number | undefined;
  /** The SGP4 error code (1..6), when the failure came from SGP4. */
  readonly sgp4Code: number | undefined;
  constructor(
    code: SkylaneErrorCode,
    message: string,
    details: { objectId?: number; tsinceMin?: number; sgp4Code?: number; value?: unknown } = {},
  ) {
    super(code, message, details.value);
    this.objectId = details.objectId;
    this.tsinceMin = details.tsinceMin;
    this.sgp4Code = details.sgp4Code;
  }
}

/** A structured non-fatal warning produced by a lenient reader. */
export interface ReadWarning {
  readonly code: string;
  readonly line: number;
  readonly field?: string;
  readonly message: string;
}

/** Per-record failure, returned as data by batch operations (never thrown, never dropped). */
export interface RecordFailure {
  /** 1-based line where the record starts (or record index + 1 for line-less inputs such as JSON arrays). */
  readonly line: number;
  /** The field that failed, when one can be named. */
  readonly field?: string;
  /** Stable error code. */
  readonly code: SkylaneErrorCode;
  /** Human-readable reason. */
  readonly reason: string;
  /** The offending raw text, trimmed to something printable. */
  readonly raw?: string;
}

/** Turns any thrown value into a RecordFailure at a given line. Only SkylaneErrors are expected; others are reported as PARSE_ERROR. */
export function toRecordFailure(err: unknown, line: number, raw?: string): RecordFailure {
  if (err instanceof ParseError) {
    return {
      line: err.line,
      ...(err.field !== undefined ? { field: err.field } : {}),
      code: err.code,
      reason: err.message,
      ...(raw !== undefined ? { raw } : {}),
    };
  }
  if (err instanceof SkylaneError) {
    return { line, code: err.code, reason: err.message, ...(raw !== undefined ? { raw } : {}) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { line, code: 'PARSE_ERROR', reason: message, ...(raw !== undefined ? { raw } : {}) };
}

/** How many records (or warnings) of a batch were reported, by stable code; `total` counts every one, kept or not. */
export interface RecordTally {
  readonly total: number;
  readonly byCode: Readonly<Record<string, number>>;
}

/** Tallies of the capped lists made by `recordList` (kept beside the array, so that it stays a plain array). */
const TALLIES = new WeakMap<object, { total: number; byCode: Record<string, number> }>();

/**
 * A reader's failure or warning list: a plain array whose `push` keeps only the first `cap` items (all when `cap`
 * is undefined) and counts every item pushed, by `code` (`tallyOf`). A file of millions of bad lines then costs a
 * bounded amount of memory while the counts stay exact.
 */
export function recordList<T extends { readonly code: string }>(cap: number | undefined): T[] {
  const list: T[] = [];
  const limit = cap !== undefined && cap >= 0 ? cap : Number.POSITIVE_INFINITY;
  const tally = { total: 0, byCode: {} as Record<string, number> };
  TALLIES.set(list, tally);
  const push = Array.prototype.push;
  Object.defineProperty(list, 'push', {
    enumerable: false,
    value(this: T[], ...items: T[]): number {
      for (const item of items) {
        tally.total++;
        tally.byCode[item.code] = (tally.byCode[item.code] ?? 0) + 1;
        if (this.length < limit) push.call(this, item);
      }
      return this.length;
    },
  });
  return list;
}

/** Every item pushed to a list, by code: exact for a `recordList` (beyond its cap too), else counted from the items. */
export function tallyOf(list: readonly { readonly code: string }[]): RecordTally {
  const t = TALLIES.get(list);
  if (t !== undefined) return { total: t.total, byCode: { ...t.byCode } };
  const byCode: Record<string, number> = {};
  for (const x of list) byCode[x.code] = (byCode[x.code] ?? 0) + 1;
  return { total: list.length, byCode };
}
