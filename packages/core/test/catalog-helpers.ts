/** Shared helpers for the catalog tests: fixture paths and a field-by-field comparison of element sets. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTimeScales, type ElementSet } from '../src/index.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const validation = (...p: string[]): string => path.join(repoRoot, 'validation', ...p);
export const sharedData = (...p: string[]): string => path.resolve(repoRoot, '../shared/data', ...p);
export const readText = (p: string): string => readFileSync(p, 'utf8');
export const exists = existsSync;
export const ts = createTimeScales();

/** Largest difference between two angles in degrees, modulo 360. */
export function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}

/** Tolerances of the narrowest format (TLE columns) for comparing sets after a trip through it. */
export const TLE_PRECISION = {
  angleDeg: 0.5e-4 + 1e-9,
  eccentricity: 0.5e-7 + 1e-12,
  meanMotion: 0.5e-8 + 1e-12,
  ndot: 0.5e-8 + 1e-15,
  /** Relative, 5 significant digits. */
  impliedRel: 0.5e-4 + 1e-9,
  epochS: 0.5e-8 * 86400 + 1e-6,
};

/** Asserts two sets agree within TLE precision (or exactly when `exact`), returning the worst epoch error in s. */
export function compareSets(a: ElementSet, b: ElementSet, exact: boolean): string[] {
  const errs: string[] = [];
  const p = exact ? { angleDeg: 0, eccentricity: 0, meanMotion: 0, ndot: 0, impliedRel: 0, epochS: 1e-6 } : TLE_PRECISION;
  const near = (k: string, x: number, y: number, tol: number): void => {
    if (!(Math.abs(x - y) <= tol)) errs.push(`${k}: ${x} vs ${y}`);
  };
  const rel = (k: string, x: number, y: number): void => {
    if (!(Math.abs(x - y) <= p.impliedRel * Math.max(Math.abs(x), Math.abs(y)) + (exact ? 0 : 1e-14))) errs.push(`${k}: ${x} vs ${y}`);
  };
  if (a.catalogNumber !== b.catalogNumber) errs.push(`catalogNumber ${a.catalogNumber} vs ${b.catalogNumber}`);
  if (a.classification !== b.classification) errs.push('classification');
  if (a.ephemerisType !== b.ephemerisType) errs.push('ephemerisType');
  if (a.elementSetNo !== b.elementSetNo) errs.push('elementSetNo');
  if (a.revAtEpoch !== b.revAtEpoch) errs.push('revAtEpoch');
  if (a.objectName !== b.objectName) errs.push(`objectName ${a.objectName} vs ${b.objectName}`);
  if (a.objectId !== b.objectId) errs.push(`objectId ${a.objectId} vs ${b.objectId}`);
  near('epoch', a.epoch.secondsSince(b.epoch), 0, p.epochS);
  near('meanMotion', a.meanMotionRevPerDay, b.meanMotionRevPerDay, p.meanMotion);
  near('eccentricity', a.eccentricity, b.eccentricity, p.eccentricity);
  near('inclination', a.inclinationDeg, b.inclinationDeg, p.angleDeg);
  for (const k of ['raanDeg', 'argOfPericenterDeg', 'meanAnomalyDeg'] as const) {
    if (!(angleDiff(a[k], b[k]) <= p.angleDeg)) errs.push(`${k}: ${a[k]} vs ${b[k]}`);
  }
  near('ndot', a.meanMotionDotRevPerDay2, b.meanMotionDotRevPerDay2, p.ndot);
  rel('bstar', a.bstarPerEarthRadii, b.bstarPerEarthRadii);
  rel('nddot', a.meanMotionDdotRevPerDay3, b.meanMotionDdotRevPerDay3);
  return errs;
}
