/**
 * Tourism tab data shaping (issue 19): passenger readiness at the flight date and the go/no-go failing items as
 * display lines with value and limit. Expected strings are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { failingLines, passengerReadiness } from '../src/tourism/tourismView.ts';

describe('tourism tab data shaping', () => {
  const launch = Date.parse('2026-07-20T02:00:00Z');
  it('passenger readiness: training, medical status and expiry against the launch date', () => {
    const p = { id: 1, name: 'P', trainingStatus: 'complete', medicalStatus: 'cleared', medicalExpiresUtc: '2026-12-31T00:00:00Z' };
    expect(passengerReadiness(p, launch)).toEqual({ ready: true, reasons: [] });
    expect(passengerReadiness({ ...p, medicalExpiresUtc: '2026-07-19T00:00:00Z' }, launch)).toEqual({ ready: false, reasons: ['medical expired 2026-07-19'] });
    expect(passengerReadiness({ ...p, trainingStatus: 'in-progress', medicalStatus: 'pending' }, launch).reasons).toEqual(['training in-progress', 'medical pending']);
  });
  it('failing items as lines naming value and limit, or missing', () => {
    const lines = failingLines({
      verdict: 'NO-GO',
      items: [],
      failing: [
        { item: 'gusts', status: 'no-go', reason: 'limit-exceeded', value: 16.04, limit: 15.4, unit: 'm/s', detail: '' },
        { item: 'passenger-medical', subject: 'seat 1B', status: 'no-go', reason: 'limit-exceeded', value: '2026-07-19T00:00:00Z', limit: '2026-07-20T02:00:00Z', detail: '' },
        { item: 'lcola', status: 'no-go', reason: 'missing', detail: 'LCOLA result missing: not evaluated' },
      ],
    });
    expect(lines).toEqual(['gusts: 16.04 m/s, limit 15.4 m/s', 'passenger-medical [seat 1B]: 2026-07-19T00:00:00Z, limit 2026-07-20T02:00:00Z', 'lcola: missing (LCOLA result missing: not evaluated)']);
  });
});
