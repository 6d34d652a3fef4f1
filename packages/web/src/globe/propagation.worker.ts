/**
 * The dashboard's propagation Web Worker: SGP4 for the whole catalog with @skylane/core (the same initialisation
 * and propagation the server and CLI use), rotated from TEME to the Earth-fixed frame (IAU-76/FK5 TEME → PEF →
 * ITRF, without EOP: a display needs no better than metres) and written in metres into the caller's buffer.
 */
import {
  createTimeScales,
  IERS_LEAP_SECONDS,
  readElementSets,
  rotateTemeStateInto,
  sgp4InputFrom,
  Sgp4Satellite,
  temeStateRotation,
  minutesSinceEpoch,
  objectTypeFromName,
  type Sgp4Input,
} from '@skylane/core';
import { utcClockFromMs, type CatalogObject, type FromWorker, type RejectedRecord, type ToWorker } from './protocol.ts';

const ts = createTimeScales(IERS_LEAP_SECONDS);
let inputs: Sgp4Input[] = [];
let satellites: Sgp4Satellite[] = [];
const state = new Float64Array(6);

const post = (m: FromWorker, transfer: Transferable[] = []): void => (self as unknown as Worker).postMessage(m, transfer);

function load(requestId: number, ommJson: string): void {
  const read = readElementSets(ommJson, { format: 'omm-json', timeScales: ts });
  const rejected: RejectedRecord[] = read.failures.map((f) => ({ line: f.line, reason: f.reason }));
  const nextInputs: Sgp4Input[] = [];
  const nextSats: Sgp4Satellite[] = [];
  const objects: CatalogObject[] = [];
  for (const el of read.elementSets) {
    const input = sgp4InputFrom(el, ts);
    try {
      nextSats.push(Sgp4Satellite.create(input));
      nextInputs.push(input);
      objects.push({
        ...input,
        name: el.objectName ?? `OBJECT ${el.catalogNumber}`,
        intlDesignator: el.objectId ?? '',
        objectType: el.objectType ?? objectTypeFromName(el.objectName),
        epochUtcMs: (input.epochUtcMjd - 40_587) * 86_400_000 + input.epochUtcSeconds * 1000,
      });
    } catch (e) {
      rejected.push({ line: el.source?.line ?? 0, reason: `${el.catalogNumber}: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  inputs = nextInputs;
  satellites = nextSats;
  post({ type: 'loaded', requestId, objects, rejected });
}

/** Earth-fixed position (m) of object `i` at `clock` into out[o..o+2]; NaN when SGP4 fails. Returns success. */
function positionInto(i: number, clock: { mjd: number; seconds: number }, rot: ReturnType<typeof temeStateRotation>, out: Float64Array, o: number): boolean {
  const code = satellites[i]!.propagateInto(minutesSinceEpoch(inputs[i]!, clock), state, 0);
  if (code !== 0) {
    out[o] = out[o + 1] = out[o + 2] = Number.NaN;
    return false;
  }
  rotateTemeStateInto(rot, state, 0, state, 0);
  out[o] = state[0]! * 1000;
  out[o + 1] = state[1]! * 1000;
  out[o + 2] = state[2]! * 1000;
  return true;
}

function positions(requestId: number, utcMs: number, buffer: Float64Array): void {
  const t0 = performance.now();
  const out = buffer.length >= satellites.length * 3 ? buffer : new Float64Array(satellites.length * 3);
  const clock = utcClockFromMs(utcMs);
  const rot = temeStateRotation('ITRF', ts.fromUtcDaySeconds(clock.mjd, clock.seconds), ts);
  let propagated = 0;
  for (let i = 0; i < satellites.length; i++) if (positionInto(i, clock, rot, out, i * 3)) propagated++;
  post({ type: 'positions', requestId, utcMs, buffer: out, propagated, elapsedMs: performance.now() - t0 }, [out.buffer]);
}

function track(requestId: number, catalogNumber: number, startUtcMs: number, stepS: number, count: number): void {
  const i = inputs.findIndex((x) => x.catalogNumber === catalogNumber);
  if (i < 0) {
    post({ type: 'error', requestId, message: `object ${catalogNumber} is not loaded` });
    return;
  }
  const out = new Float64Array(count * 3);
  for (let k = 0; k < count; k++) {
    const clock = utcClockFromMs(startUtcMs + k * stepS * 1000);
    positionInto(i, clock, temeStateRotation('ITRF', ts.fromUtcDaySeconds(clock.mjd, clock.seconds), ts), out, k * 3);
  }
  post({ type: 'track', requestId, catalogNumber, positions: out }, [out.buffer]);
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    if (m.type === 'load') load(m.requestId, m.ommJson);
    else if (m.type === 'positions') positions(m.requestId, m.utcMs, m.buffer);
    else track(m.requestId, m.catalogNumber, m.startUtcMs, m.stepS, m.count);
  } catch (e) {
    post({ type: 'error', requestId: m.requestId, message: e instanceof Error ? e.message : String(e) });
  }
};
