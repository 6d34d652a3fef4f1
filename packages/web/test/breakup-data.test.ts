/**
 * Breakup view data shaping: Gabbard series sorted by period, fragment colours on the documented scales (Δv log
 * 1 → 1000 m/s blue → red, age 0 → 72 h yellow → purple). Expected values are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { fragmentColour, gabbardSeries } from '../src/tracking/breakupData.ts';

describe('breakup view data shaping', () => {
  it('Gabbard series: apogee and perigee against period, sorted by period', () => {
    const s = gabbardSeries([
      { catalogNumber: 2, periodMin: 101, apogeeAltitudeKm: 900, perigeeAltitudeKm: 700 },
      { catalogNumber: 1, periodMin: 99, apogeeAltitudeKm: 800, perigeeAltitudeKm: 600 },
    ]);
    expect(s.apogee).toEqual([
      [99, 800],
      [101, 900],
    ]);
    expect(s.perigee).toEqual([
      [99, 600],
      [101, 700],
    ]);
  });

  it('fragment colours: Δv 1 m/s blue, 1000 m/s red, 31.6 m/s half-way; unknown grey; age 0 yellow, 72 h purple', () => {
    expect(fragmentColour({ deltaVMPerS: 1, ageH: 0 }, 'deltaV')).toBe('rgb(33, 150, 243)');
    expect(fragmentColour({ deltaVMPerS: 1000, ageH: 0 }, 'deltaV')).toBe('rgb(244, 67, 54)');
    expect(fragmentColour({ deltaVMPerS: 5000, ageH: 0 }, 'deltaV')).toBe('rgb(244, 67, 54)');
    expect(fragmentColour({ deltaVMPerS: Math.sqrt(1000), ageH: 0 }, 'deltaV')).toBe('rgb(139, 109, 149)');
    expect(fragmentColour({ deltaVMPerS: null, ageH: 0 }, 'deltaV')).toBe('rgb(158, 158, 158)');
    expect(fragmentColour({ deltaVMPerS: 10, ageH: 0 }, 'age')).toBe('rgb(255, 235, 59)');
    expect(fragmentColour({ deltaVMPerS: 10, ageH: 100 }, 'age')).toBe('rgb(156, 39, 176)');
  });
});
