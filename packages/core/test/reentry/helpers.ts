/** Shared inputs of the reentry tests: the Space-Track histories and the CelesTrak space weather, read from ../shared/data (never copied). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTimeScales, parseCelestrakSpaceWeather, readElementSets, type CelestrakSpaceWeather, type ElementSet } from '../../src/index.ts';

export const ts = createTimeScales();
const root = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
export const REENTRY_DIR = `${root}reentry/`;
export const SW_PATH = `${root}propagation/celestrak-space-weather/SW-All.from2000.txt`;

export function sharedDataPresent(file: string): boolean {
  const ok = existsSync(`${REENTRY_DIR}${file}`) && existsSync(SW_PATH);
  if (!ok) console.info(`skipped: ${REENTRY_DIR}${file} or ${SW_PATH} is absent (Space-Track data is never copied into the repository)`);
  return ok;
}

export function history(file: string): ElementSet[] {
  return readElementSets(readFileSync(`${REENTRY_DIR}${file}`, 'utf8'), { timeScales: ts, sourceName: file }).elementSets;
}

let sw: CelestrakSpaceWeather | undefined;
export function spaceWeather(): CelestrakSpaceWeather {
  sw ??= parseCelestrakSpaceWeather(readFileSync(SW_PATH, 'utf8'), 'SW-All.from2000.txt');
  return sw;
}
