/**
 * Batch pass prediction: many satellites × many stations over one window. Satellites are independent, so
 * the batch is a plain loop that worker drivers split by satellite; the output order (satellites in input
 * order, then stations in input order, then time) does not depend on how the work is split.
 * A satellite that fails (invalid elements, decay) is reported as data and never sinks the batch.
 */
import { createTimeScales, type TimeScales } from '../time/index.ts';
import { PropagationError } from '../errors/index.ts';
import type { Sgp4Input } from '../propagation/sgp4/input.ts';
import { Sgp4Satellite } from '../propagation/sgp4/sgp4.ts';
import { RAD_TO_DEG } from '../units/index.ts';
import { findPassesOnTrack, type Pass, type PassSearchFailure, type PassSearchOptions } from './passes.ts';
import { compileStation, type GroundStation, type GroundStationSpec } from './station.ts';
import { SunDirectionTable } from './sun.ts';
import { EarthFixedTrack, type PassWindow } from './track.ts';

export interface PassBatchResult {
  readonly passes: Pass[];
  readonly failures: PassSearchFailure[];
}

/** Passes of every satellite over every station in the window. */
export function predictPassesBatch(
  inputs: readonly Sgp4Input[],
  stations: readonly GroundStation[],
  window: PassWindow,
  ts: TimeScales,
  options: PassSearchOptions = {},
): PassBatchResult {
  const passes: Pass[] = [];
  const failures: PassSearchFailure[] = [];
  let sun: SunDirectionTable | undefined;
  for (const input of inputs) {
    let sat: Sgp4Satellite;
    try {
      sat = Sgp4Satellite.create(input);
    } catch (err) {
      const e = err instanceof PropagationError ? err : undefined;
      failures.push({ catalogNumber: input.catalogNumber, code: e?.code ?? 'ELEMENTS_INVALID', message: e?.message ?? String(err), atS: 0 });
      continue;
    }
    const track = EarthFixedTrack.create(sat, window, ts);
    if (sun === undefined && (options.illumination ?? true)) sun = new SunDirectionTable(track.anchor, track.durationS);
    const r = findPassesOnTrack(track, stations, options, sun);
    for (const p of r.passes) passes.push(p);
    if (r.failure !== undefined) failures.push(r.failure);
  }
  return { passes, failures };
}

/** Structured-clone-safe request for worker threads: plain specs and ISO-8601 UTC times. */
export interface PassBatchRequest {
  readonly inputs: readonly Sgp4Input[];
  readonly stations: readonly GroundStationSpec[];
  readonly startIso: string;
  readonly stopIso: string;
  readonly options?: PassSearchOptions;
}

/** Runs a plain request with the bundled leap-second table and no EOP (what a worker thread does). */
export function runPassBatchRequest(req: PassBatchRequest, ts: TimeScales = createTimeScales()): PassBatchResult {
  const stations = req.stations.map((s) => compileStation(s, ts));
  const window = { start: ts.parseUtcIso(req.startIso), stop: ts.parseUtcIso(req.stopIso) };
  return predictPassesBatch(req.inputs, stations, window, ts, req.options ?? {});
}

/** A pass at the I/O edge: ISO-8601 UTC times, degrees, unit-suffixed names. */
export interface PassRecord {
  readonly object: number;
  readonly objectName?: string;
  readonly station: string;
  readonly aos: string;
  readonly tca: string;
  readonly los: string;
  readonly durationS: number;
  readonly maxElevationDeg: number;
  readonly aosAzimuthDeg: number;
  readonly tcaAzimuthDeg: number;
  readonly losAzimuthDeg: number;
  readonly tcaRangeKm: number;
  readonly illumination: string;
  readonly aosClipped: boolean;
  readonly losClipped: boolean;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Converts a pass to its JSON/CSV record (times to the millisecond, angles to 1e-4°). */
export function passRecord(pass: Pass, window: PassWindow, ts: TimeScales, objectName?: string): PassRecord {
  const at = (s: number): string => ts.formatUtcIso(ts.plusUtcClockSeconds(window.start, s), 3);
  return {
    object: pass.catalogNumber,
    ...(objectName !== undefined ? { objectName } : {}),
    station: pass.stationId,
    aos: at(pass.aosS),
    tca: at(pass.tcaS),
    los: at(pass.losS),
    durationS: round(pass.durationS, 3),
    maxElevationDeg: round(pass.maxElevationRad * RAD_TO_DEG, 4),
    aosAzimuthDeg: round(pass.aosAzimuthRad * RAD_TO_DEG, 4),
    tcaAzimuthDeg: round(pass.tcaAzimuthRad * RAD_TO_DEG, 4),
    losAzimuthDeg: round(pass.losAzimuthRad * RAD_TO_DEG, 4),
    tcaRangeKm: round(pass.tcaRangeKm, 3),
    illumination: pass.illumination,
    aosClipped: pass.aosClipped,
    losClipped: pass.losClipped,
  };
}
