/**
 * Bounds of an upload's error report: the first `UPLOAD_ERROR_LIMIT` rejected records (line, field, code, reason)
 * plus the count of every rejected record by code. The same bounded report is answered, stored on the upload row
 * and served on every read of the upload, so that a file of millions of bad lines costs kilobytes, not gigabytes.
 */
import type { RecordFailure, RecordTally } from '@skylane/core';

/** Rejected records named one by one in an answer, on the upload row and on each read of it. */
export const UPLOAD_ERROR_LIMIT = 100;
/** Warnings kept while reading (only their count is reported). */
export const UPLOAD_WARNING_LIMIT = 100;

/** One rejected record as the API shows it. */
export interface UploadError {
  readonly line: number;
  readonly field?: string;
  readonly code: string;
  readonly reason: string;
}

/** The bounded error report of an upload. */
export interface ErrorReport {
  /** The first rejected records (at most UPLOAD_ERROR_LIMIT), in input order. */
  readonly errors: UploadError[];
  /** Every rejected record by code (sums to `rejected`). */
  readonly errorCounts: Record<string, number>;
  /** How many records were rejected in all. */
  readonly rejected: number;
  /** True when `errors` lists fewer records than were rejected. */
  readonly errorsTruncated: boolean;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The bounded report of a failure list (possibly already capped) and its tally of every failure. */
export function errorReport(failures: readonly RecordFailure[], tally: RecordTally, limit = UPLOAD_ERROR_LIMIT): ErrorReport {
  const errors = failures.slice(0, limit).map((f) => ({ line: f.line, ...(f.field !== undefined ? { field: clip(f.field, 80) } : {}), code: f.code, reason: clip(f.reason, 500) }));
  const rejected = Math.max(tally.total, failures.length);
  return { errors, errorCounts: { ...tally.byCode }, rejected, errorsTruncated: errors.length < rejected };
}

/** What `uploads.failures_json` holds: the bounded report (older rows hold a bare array of failures). */
export function storedErrors(report: ErrorReport): string {
  return JSON.stringify({ errors: report.errors, errorCounts: report.errorCounts, rejected: report.rejected });
}

/** Reads `uploads.failures_json` of any age back into a bounded report (an old unbounded array is cut on read). */
export function readStoredErrors(json: string, limit = UPLOAD_ERROR_LIMIT): ErrorReport {
  const v = JSON.parse(json) as unknown;
  if (Array.isArray(v)) {
    const byCode: Record<string, number> = {};
    for (const f of v as { code?: string }[]) byCode[f.code ?? 'UNKNOWN'] = (byCode[f.code ?? 'UNKNOWN'] ?? 0) + 1;
    return errorReport(v as RecordFailure[], { total: v.length, byCode }, limit);
  }
  const o = v as { errors?: UploadError[]; errorCounts?: Record<string, number>; rejected?: number };
  const errors = (o.errors ?? []).slice(0, limit);
  const rejected = o.rejected ?? errors.length;
  return { errors, errorCounts: o.errorCounts ?? {}, rejected, errorsTruncated: errors.length < rejected };
}
