/** Alert levels of an event from its tenant's thresholds (issue 5 defaults: red Pc ≥ 1e-4; yellow Pc ≥ 1e-7 or miss < 1 km; else green). */
import type { AlertPushPolicy } from '@skylane/core';
import type { AlertLevel } from '../storage/schema.ts';

export interface Thresholds {
  readonly redPc: number;
  readonly yellowPc: number;
  readonly yellowMissKm: number;
  /** Which changes are pushed (webhook, SSE, badge); default DEFAULT_PUSH_POLICY (core). */
  readonly pushPolicy?: AlertPushPolicy;
}

export const LEVEL_RANK: Readonly<Record<AlertLevel, number>> = { green: 0, yellow: 1, red: 2 };

export function alertLevel(pc: number, missDistanceKm: number, t: Thresholds): AlertLevel {
  if (pc >= t.redPc) return 'red';
  if (pc >= t.yellowPc || missDistanceKm < t.yellowMissKm) return 'yellow';
  return 'green';
}
