/**
 * Suborbital flight panel: a profile from POST /api/v1/suborbital/profile (bundled vehicle, launch site, time), its
 * altitude and sensed g over time (echarts), the key figures (apogee, time above 100 km, microgravity, peak g), the
 * human-tolerance violations and the abort modes; the capsule and booster 3σ landing ellipses and the abort landing
 * areas drawn on the globe (as the Launch tab draws its drop zones). Self-contained: give it the API client and globe.
 */
import { useEffect, useMemo, useState } from 'react';
import { SUBORBITAL_VEHICLES } from '@skylane/core';
import { ApiError, type ApiClient } from '../api/client.ts';
import { cesium } from '../globe/cesium.ts';
import type { GlobeController } from '../globe/Globe.tsx';
import { colour, markOverlay, useOverlay } from '../globe/overlay.ts';
import { ellipseRing, profileSeries, violationText, type SuborbitalProfileView } from './suborbitalView.ts';
import { AltitudeGChart } from './AltitudeGChart.tsx';

export interface SuborbitalPanelProps {
  readonly api: ApiClient;
  readonly controller: GlobeController | null;
  readonly onUnauthorized: (e: unknown) => void;
}

function ProfileChart({ profile }: { profile: SuborbitalProfileView }) {
  const series = useMemo(() => profileSeries(profile), [profile]);
  return <AltitudeGChart series={series} testId="suborbital-chart" label={`altitude and sensed g over ${profile.flightDurationS.toFixed(0)} s`} />;
}

export function SuborbitalPanel({ api, controller, onUnauthorized }: SuborbitalPanelProps) {
  const [vehicle, setVehicle] = useState('capsule');
  const [site, setSite] = useState('jiuquan');
  const [launchIso, setLaunchIso] = useState('2026-12-07T03:00:00Z');
  const [profile, setProfile] = useState<SuborbitalProfileView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const layer = useOverlay(controller, 'suborbital');

  const run = () => {
    setError(null);
    setBusy(true);
    api
      .json<SuborbitalProfileView>('/api/v1/suborbital/profile', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vehicle, site, launch: launchIso, samples: 200, abortStepS: 20, abortSamples: 20 }) })
      .then(
        (p) => {
          setProfile(p);
          setBusy(false);
          if (controller !== null) {
            const C = cesium();
            controller.viewer().camera.flyTo({ destination: C.Cartesian3.fromDegrees(p.landing.lon, p.landing.lat - 0.35, 60_000), orientation: { heading: 0, pitch: -0.9, roll: 0 }, duration: 1.5 });
          }
        },
        (e: unknown) => {
          setBusy(false);
          if (e instanceof ApiError && e.status === 401) onUnauthorized(e);
          else setError(e instanceof Error ? e.message : String(e));
        },
      );
  };

  useEffect(() => {
    if (layer === null || controller === null) return;
    const C = cesium();
    const E = layer.entities;
    E.suspendEvents();
    E.removeAll();
    if (profile !== null) {
      for (const a of profile.aborts) E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ellipseRing(a.ellipse)), material: colour(a.available ? '#ffd740' : '#ff5252', 0.12), outline: true, outlineColor: colour(a.available ? '#ffd740' : '#ff5252', 0.7), height: 0 } });
      if (profile.booster?.ellipse) E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ellipseRing(profile.booster.ellipse)), material: colour('#90caf9', 0.25), outline: true, outlineColor: colour('#90caf9'), height: 0 } });
      if (profile.landing.ellipse) E.add({ polygon: { hierarchy: C.Cartesian3.fromDegreesArray(ellipseRing(profile.landing.ellipse)), material: colour('#69f0ae', 0.3), outline: true, outlineColor: colour('#69f0ae'), height: 0 } });
      E.add({ position: C.Cartesian3.fromDegrees(profile.landing.lon, profile.landing.lat), point: { pixelSize: 9, color: colour('#69f0ae') }, label: { text: 'capsule landing (3σ)', font: '11px sans-serif', fillColor: colour('#69f0ae'), pixelOffset: new C.Cartesian2(0, 14) } });
      if (profile.booster) E.add({ position: C.Cartesian3.fromDegrees(profile.booster.lon, profile.booster.lat), point: { pixelSize: 7, color: colour('#90caf9') }, label: { text: 'booster return', font: '11px sans-serif', fillColor: colour('#90caf9'), pixelOffset: new C.Cartesian2(0, -14) } });
    }
    E.resumeEvents();
    markOverlay(controller, 'suborbital', E.values.length);
  }, [layer, controller, profile]);

  return (
    <section className="panel suborbital" aria-label="Suborbital flight profile">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          vehicle
          <select value={vehicle} onChange={(e) => setVehicle(e.target.value)} aria-label="suborbital vehicle">
            {SUBORBITAL_VEHICLES.map((v) => (
              <option key={v.id} value={v.id}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          site <input value={site} onChange={(e) => setSite(e.target.value)} style={{ width: 120 }} aria-label="launch site" />
        </label>
        <label>
          launch (UTC) <input value={launchIso} onChange={(e) => setLaunchIso(e.target.value)} style={{ width: 170 }} aria-label="launch time" />
        </label>
        <button type="submit" disabled={busy}>
          Fly profile
        </button>
      </form>
      {busy ? <p className="muted">flying the profile, 200 dispersed flights and the abort cases…</p> : null}
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {profile !== null ? (
        <div data-testid="suborbital-profile">
          <p>
            Apogee {profile.apogeeKm.toFixed(1)} km · above 100 km {profile.timeAboveKarmanS.toFixed(0)} s · microgravity {profile.microgravityS.toFixed(0)} s (&lt; {profile.microgravityThresholdG} g) · max g ascent{' '}
            {profile.maxAscentG.toFixed(2)}, reentry {profile.maxReentryG.toFixed(2)}, parachutes {profile.maxParachuteG.toFixed(2)} · touchdown T+{profile.flightDurationS.toFixed(0)} s
          </p>
          <ProfileChart profile={profile} />
          <h4>Human-tolerance check (NASA-STD-3001 sustained limits)</h4>
          {profile.violations.length === 0 ? (
            <p data-testid="suborbital-violations">No violation.</p>
          ) : (
            <ul data-testid="suborbital-violations">
              {profile.violations.map((v, k) => (
                <li key={k} className="error">
                  {violationText(v)}
                </li>
              ))}
            </ul>
          )}
          <h4>Abort modes</h4>
          <table>
            <thead>
              <tr>
                <th>T+ s</th>
                <th>mode</th>
                <th>available</th>
                <th>range km</th>
                <th>3σ km</th>
              </tr>
            </thead>
            <tbody>
              {profile.aborts.map((a) => (
                <tr key={a.tS} title={a.reason}>
                  <td>{a.tS.toFixed(0)}</td>
                  <td>{a.mode}</td>
                  <td>{a.available ? 'yes' : 'no'}</td>
                  <td>{a.rangeKm.toFixed(1)}</td>
                  <td>
                    {a.ellipse.semiMajorKm.toFixed(1)} × {a.ellipse.semiMinorKm.toFixed(1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
