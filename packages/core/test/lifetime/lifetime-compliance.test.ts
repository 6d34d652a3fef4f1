/**
 * Orbital lifetime: King-Hele's closed form for circular decay in a single-exponential atmosphere, the disposal Δv of
 * the compliance report against vis-viva computed here, the rule classes (a 1,068 km Qianfan-like shell), the mean
 * solar cycle and the no-look-ahead rule of the space-weather flux, and typed answers to bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  EARTH_MU_KM3S2,
  LifetimeError,
  catalogCompliance,
  constantSolarFlux,
  createTimeScales,
  disposalToMeetRule,
  exponentialLifetimeAtmosphere,
  meanCycleF107,
  orbitalLifetime,
  parseCelestrakSpaceWeather,
  spaceWeatherSolarFlux,
  summarizeCompliance,
  type ElementSet,
  type LifetimeOrbit,
} from '../../src/index.ts';

const RE = 6378.137;
const MU = EARTH_MU_KM3S2;
const epochMjd = 61109; // 2026-03-10

describe('King-Hele circular decay in an exponential atmosphere', () => {
  // ρ = ρ0 exp(−(h − h0)/H), da/dt = −B ρ √(μ a): t = ∫ exp((a − a0)/H) / (B ρ0 √(μ a)) da, and with √a frozen at a_i
  // (King-Hele 1964, eq. for circular orbits) t ≈ H / (B ρ_i √(μ a_i)) (1 − exp(−Δh/H)).
  const rho0 = 3.725e-12;
  const h0 = 400;
  const H = 50;
  const B = 0.01;
  const atmosphere = exponentialLifetimeAtmosphere(rho0, h0, H);
  for (const hi of [300, 400, 500]) {
    it(`circular ${hi} km, H = ${H} km, B = ${B} m²/kg: within 0.5 % of the exact integral, 2 % of King-Hele's frozen-√a formula`, () => {
      const hf = 80;
      // Exact: composite Simpson on 20,000 intervals (independent of the model's step control).
      const n = 20_000;
      const f = (h: number): number => 1 / (B * 1000 * rho0 * Math.exp(-(h - h0) / H) * Math.sqrt(MU * (RE + h)));
      let s = f(hf) + f(hi);
      const dh = (hi - hf) / n;
      for (let k = 1; k < n; k++) s += (k % 2 === 1 ? 4 : 2) * f(hf + k * dh);
      const exactS = (s * dh) / 3;
      const rhoI = rho0 * Math.exp(-(hi - h0) / H);
      const kingHeleS = (H / (B * 1000 * rhoI * Math.sqrt(MU * (RE + hi)))) * (1 - Math.exp(-(hi - hf) / H));
      const r = orbitalLifetime(
        { semiMajorAxisKm: RE + hi, eccentricity: 0, inclinationRad: 0.9, epochMjd, ballisticCoefficientM2PerKg: B },
        { atmosphere, solarFlux: constantSolarFlux(150), atmosphereRotation: false, oblatenessHeightCorrection: false, horizonYears: 1000 },
      );
      const modelS = r.lifetimeYears * 365.25 * 86400;
      const relExact = Math.abs(modelS - exactS) / exactS;
      const relKh = Math.abs(modelS - kingHeleS) / kingHeleS;
      console.info(`King-Hele ${hi} km: model ${(modelS / 86400).toFixed(2)} d, exact ${(exactS / 86400).toFixed(2)} d (${(relExact * 100).toFixed(3)} %), frozen-√a ${(kingHeleS / 86400).toFixed(2)} d (${(relKh * 100).toFixed(2)} %)`);
      expect(relExact).toBeLessThan(0.005);
      expect(relKh).toBeLessThan(0.02);
    });
  }
});

describe('disposal compliance', () => {
  const shell: LifetimeOrbit = { semiMajorAxisKm: RE + 1068, eccentricity: 0.0005, inclinationRad: (89 * Math.PI) / 180, epochMjd, ballisticCoefficientM2PerKg: 0.01 };

  it('Δv of the apogee burn equals vis-viva computed independently, and the lowered orbit lasts the rule (±5 %)', () => {
    for (const rule of [25, 5]) {
      const d = disposalToMeetRule(shell, rule);
      const ra = shell.semiMajorAxisKm * (1 + shell.eccentricity);
      const rq = RE + d.requiredPerigeeAltKm;
      // Independent: speeds at apogee in m/s from vis-viva in SI units.
      const muSi = MU * 1e9;
      const vBefore = Math.sqrt(muSi * (2 / (ra * 1e3) - 1 / (shell.semiMajorAxisKm * 1e3)));
      const vAfter = Math.sqrt(muSi * (2 / (ra * 1e3) - 2 / ((ra + rq) * 1e3)));
      expect(Math.abs(d.deltaVMps - (vBefore - vAfter))).toBeLessThan(1e-6);
      const lowered = orbitalLifetime({ ...shell, semiMajorAxisKm: (ra + rq) / 2, eccentricity: (ra - rq) / (ra + rq) }, { horizonYears: 100 });
      console.info(`1,068 km shell, ${rule}-yr rule: perigee ${d.requiredPerigeeAltKm.toFixed(1)} km, Δv ${d.deltaVMps.toFixed(1)} m/s, lifetime there ${lowered.lifetimeYears.toFixed(2)} yr`);
      expect(Math.abs(lowered.lifetimeYears - rule) / rule).toBeLessThan(0.05);
      // A Hohmann-like single burn from 1,068 km to a perigee in the atmosphere costs 100-300 m/s.
      expect(d.deltaVMps).toBeGreaterThan(100);
      expect(d.deltaVMps).toBeLessThan(300);
    }
  });

  const ts = createTimeScales();
  function set(id: number, name: string, altKm: number, bstar: number, type: NonNullable<ElementSet['objectType']>): ElementSet {
    const a = RE + altKm;
    const n = (Math.sqrt(MU / (a * a * a)) * 86400) / (2 * Math.PI);
    return {
      catalogNumber: id, objectName: name, objectType: type, classification: 'U', epoch: ts.fromUtc(2026, 3, 10),
      meanMotionRevPerDay: n, eccentricity: 0.0003, inclinationDeg: 53, raanDeg: 0, argOfPericenterDeg: 0, meanAnomalyDeg: 0,
      bstarPerEarthRadii: bstar, meanMotionDotRevPerDay2: 0, meanMotionDdotRevPerDay3: 0, ephemerisType: 0, elementSetNo: 1, revAtEpoch: 1,
    };
  }

  it('classes: a low object decays naturally, a 1,068 km shell needs active disposal, debris gets no Δv; summaries by owner', () => {
    const r = catalogCompliance({
      elementSets: [set(1, 'LOW SAT', 350, 5e-4, 'PAYLOAD'), set(2, 'QIANFAN-LIKE', 1068, 1e-4, 'PAYLOAD'), set(3, 'DEB', 1068, 1e-3, 'DEBRIS'), set(4, 'MID', 650, 2e-4, 'PAYLOAD')],
      owners: new Map([[1, { owner: 'PRC' }], [2, { owner: 'PRC' }], [4, { owner: 'US' }]]),
    });
    expect(r.failures).toEqual([]);
    const by = new Map(r.entries.map((e) => [e.catalogNumber, e]));
    expect(by.get(1)!.disposal).toBe('natural-decay');
    expect(by.get(1)!.rule5.compliant).toBe(true);
    expect(by.get(2)!.disposal).toBe('active-disposal-only');
    expect(by.get(2)!.reason).toMatch(/passive decay cannot meet/);
    expect(by.get(2)!.rule25.deltaVMps).toBeGreaterThan(100);
    expect(by.get(3)!.rule25.compliant).toBe(false);
    expect(by.get(3)!.rule25.deltaVMps).toBeUndefined();
    const owners = summarizeCompliance(r.entries, (e) => e.owner);
    const prc = owners.find((o) => o.key === 'PRC')!;
    expect(prc.objects).toBe(2);
    expect(prc.compliant25).toBe(1);
    expect(prc.activeDisposalOnly).toBe(1);
  });

  it('bad input gives typed answers: open orbit, non-positive B, perigee below the interface', () => {
    const bad = (o: Partial<LifetimeOrbit>, code: string): void => {
      let err: unknown;
      try {
        orbitalLifetime({ ...shell, ...o });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(LifetimeError);
      expect((err as LifetimeError).code).toBe(code);
    };
    bad({ eccentricity: 1.2 }, 'ELEMENTS_INVALID');
    bad({ ballisticCoefficientM2PerKg: 0 }, 'ARGUMENT_INVALID');
    bad({ semiMajorAxisKm: RE + 60, eccentricity: 0 }, 'OBJECT_DECAYED');
    const r = catalogCompliance({ elementSets: [{ ...set(9, 'DECAYED', 60, 1e-4, 'DEBRIS') }] });
    expect(r.entries).toEqual([]);
    expect(r.failures[0]!.code).toBe('OBJECT_DECAYED');
  });
});

describe('solar flux', () => {
  it('mean cycle: 70 sfu at the December 2019 minimum, 180 sfu 4.6 years later, 11-year period', () => {
    expect(meanCycleF107(58818)).toBeCloseTo(70, 6);
    expect(meanCycleF107(58818 + 4.6 * 365.25)).toBeCloseTo(180, 6);
    expect(meanCycleF107(58818 + 11 * 365.25)).toBeCloseTo(70, 6);
  });

  it('space-weather flux uses no observed value after as-of (persistence rule: the mean cycle)', () => {
    const line = (y: number, m: number, d: number, f: number): string =>
      `${y} ${String(m).padStart(2, '0')} ${String(d).padStart(2, '0')} 2600  1  7  7  7  7  7  7  7  7  56   3   3   3   3   3   3   3   3   3 0.0 0  10 ${f.toFixed(1).padStart(5)} 0 ${f.toFixed(1).padStart(5)} ${f.toFixed(1).padStart(5)} ${f.toFixed(1).padStart(5)} ${f.toFixed(1).padStart(5)} ${f.toFixed(1).padStart(5)}`;
    const rows: string[] = [];
    for (let d = 1; d <= 28; d++) rows.push(line(2026, 2, d, d <= 14 ? 100 : 250));
    const text = ['DATATYPE CelesTrak Space Weather Data', 'VERSION 1.2', 'BEGIN OBSERVED', ...rows, 'END OBSERVED'].join('\n');
    const sw = parseCelestrakSpaceWeather(text, 'synthetic.txt');
    const asOf = sw.firstMjd + 13; // 2026-02-14
    const flux = spaceWeatherSolarFlux(sw, { asOfMjd: asOf });
    expect(flux.f107AverageAt(asOf)).toBe(100);
    expect(flux.f107AverageAt(asOf + 5)).toBeCloseTo(meanCycleF107(asOf + 5), 9);
    expect(spaceWeatherSolarFlux(sw).f107AverageAt(asOf + 5)).toBe(250);
  });
});
