/**
 * The typed message protocol between the dashboard and its propagation Web Worker (propagation.worker.ts).
 *
 * The worker owns the SGP4 state of the whole catalog. The page sends the OMM JSON text once (`load`), then asks
 * for positions at a UTC instant (`positions`, with a buffer it transfers and gets back, so that no large array is
 * copied or allocated per frame) and for sampled tracks of single objects (`track`). Positions are Earth-fixed
 * (ITRF ≈ Cesium's fixed frame) in metres; a slot is NaN when SGP4 fails for that object at that time.
 */
import type { Sgp4Input } from '@skylane/core';

/** An OMM record the worker refused, with the reason (line is the record's index + 1 in the JSON array). */
export interface RejectedRecord {
  readonly line: number;
  readonly reason: string;
}

/**
 * What the page knows of a catalog object: the SGP4 mean elements and epoch the worker propagates (core's
 * Sgp4Input, same names and units), plus identity and type from the validated parse.
 */
export interface CatalogObject extends Sgp4Input {
  readonly name: string;
  readonly intlDesignator: string;
  /** PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN (from the source, or plain from the name). */
  readonly objectType: string;
  /** Element-set epoch, UTC ms since 1970. */
  readonly epochUtcMs: number;
}

export type ToWorker =
  | { readonly type: 'load'; readonly requestId: number; readonly ommJson: string }
  | { readonly type: 'positions'; readonly requestId: number; readonly utcMs: number; readonly buffer: Float64Array }
  | {
      readonly type: 'track';
      readonly requestId: number;
      readonly catalogNumber: number;
      readonly startUtcMs: number;
      readonly stepS: number;
      readonly count: number;
    };

export type FromWorker =
  | {
      readonly type: 'loaded';
      readonly requestId: number;
      /** The objects in the order of the position slots. */
      readonly objects: readonly CatalogObject[];
      readonly rejected: readonly RejectedRecord[];
    }
  | {
      readonly type: 'positions';
      readonly requestId: number;
      readonly utcMs: number;
      /** 3 values per object, metres, Earth-fixed; NaN where propagation failed. */
      readonly buffer: Float64Array;
      /** Objects with a finite position. */
      readonly propagated: number;
      /** Wall time the worker spent (ms). */
      readonly elapsedMs: number;
    }
  | { readonly type: 'track'; readonly requestId: number; readonly catalogNumber: number; readonly positions: Float64Array }
  | { readonly type: 'error'; readonly requestId: number; readonly message: string };

/** Converts a JavaScript time (UTC ms since 1970, no leap seconds) to integer MJD + seconds of day. */
export function utcClockFromMs(utcMs: number): { mjd: number; seconds: number } {
  const day = Math.floor(utcMs / 86_400_000);
  return { mjd: day + 40_587, seconds: (utcMs - day * 86_400_000) / 1000 };
}
