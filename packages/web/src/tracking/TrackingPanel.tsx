/**
 * Tracking panel: the tenant's stored observations per station (GET /api/v1/observations), the newest OD job with its
 * result and residual plots (GET /api/v1/od/jobs, /api/v1/od/jobs/{id}), the uncorrelated tracks (GET /api/v1/ucts) and
 * the provisional objects made of linked UCTs (GET /api/v1/provisional-objects; refreshed on the stream's notice), and
 * the breakups (BreakupSection.tsx: alerts, Gabbard diagram, fragment cloud on the globe).
 */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { countByStation, residualCharts, type ObservationView, type OdJobView, type ProvisionalObjectView, type UctView } from './trackingData.ts';
import { ResidualChart } from './ResidualChart.tsx';
import { BreakupSection } from './BreakupSection.tsx';
import type { GlobeController } from '../globe/Globe.tsx';

export function TrackingPanel({ api, refreshToken, controller = null, clockMs = null }: { api: ApiClient; refreshToken: number; controller?: GlobeController | null; clockMs?: number | null }) {
  const [observations, setObservations] = useState<ObservationView[]>([]);
  const [ucts, setUcts] = useState<UctView[]>([]);
  const [job, setJob] = useState<OdJobView | null>(null);
  const [provisional, setProvisional] = useState<ProvisionalObjectView[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const [obs, u, jobs, prov] = await Promise.all([
        api.all<ObservationView>('/api/v1/observations', 5000),
        api.json<{ items: UctView[] }>('/api/v1/ucts'),
        api.json<{ items: OdJobView[] }>('/api/v1/od/jobs?limit=20'),
        api.json<{ items: ProvisionalObjectView[] }>('/api/v1/provisional-objects?limit=100'),
      ]);
      const latest = jobs.items.find((j) => j.status === 'succeeded') ?? jobs.items[0];
      const detail = latest !== undefined ? await api.json<OdJobView>(`/api/v1/od/jobs/${latest.id}`) : null;
      if (!live) return;
      setObservations(obs);
      setUcts(u.items);
      setProvisional(prov.items);
      setJob(detail);
      setError(null);
    })().catch((e: unknown) => {
      if (live) setError(e instanceof Error ? e.message : String(e));
    });
    return () => {
      live = false;
    };
  }, [api, refreshToken]);
  const stations = useMemo(() => countByStation(observations), [observations]);
  const charts = useMemo(() => residualCharts(job?.residuals ?? []), [job]);
  return (
    <section className="tracking" aria-label="Tracking">
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <h3>Observations per station</h3>
      {stations.length === 0 ? (
        <p className="muted">No tracking data: POST a CCSDS TDM to /api/v1/observations.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Station</th>
              <th>Total</th>
              <th>By type</th>
              <th>UCT</th>
            </tr>
          </thead>
          <tbody>
            {stations.map((s) => (
              <tr key={s.station}>
                <td>{s.station}</td>
                <td>{s.total}</td>
                <td>
                  {Object.entries(s.byType)
                    .map(([t, n]) => `${t} ${n}`)
                    .join(', ')}
                </td>
                <td>{s.uct}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Orbit determination</h3>
      {job === null ? (
        <p className="muted">No OD job yet (POST /api/v1/od/jobs).</p>
      ) : (
        <div>
          <p>
            Job {job.id}, object {job.catalogNumber}: {job.status}
            {job.result !== null ? `, ${job.result.converged ? 'converged' : 'not converged'} in ${job.progress.iterations} iterations, weighted RMS ${job.result.weightedRms.toFixed(2)}, ${job.result.residuals.count} residuals (${job.result.residuals.edited} edited)` : job.status === 'running' ? `, iteration ${job.progress.iterations}` : ''}
            {job.error !== null ? ` — ${job.error}` : ''}
          </p>
          {charts.map((c) => (
            <ResidualChart key={c.unit} data={c} />
          ))}
        </div>
      )}
      <h3>Uncorrelated tracks ({ucts.length})</h3>
      {ucts.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {ucts.map((u) => (
            <li key={`${u.uploadId}-${u.segment}-${u.station}`}>
              {u.object ?? '(unnamed)'} by {u.station}: {u.count} measurements, {u.first} – {u.last}
            </li>
          ))}
        </ul>
      )}
      <h3>Provisional objects ({provisional.length})</h3>
      {provisional.length === 0 ? (
        <p className="muted">None (POST a TDM with its stations to correlate tracks and link UCTs).</p>
      ) : (
        <ul>
          {provisional.map((p) => (
            <li key={p.id}>
              {p.analystNumber}: {p.trackIds.length} tracks, {p.method}, epoch {p.epoch}, |r| {Math.hypot(p.positionKm[0] ?? 0, p.positionKm[1] ?? 0, p.positionKm[2] ?? 0).toFixed(0)} km
            </li>
          ))}
        </ul>
      )}
      <BreakupSection api={api} refreshToken={refreshToken} controller={controller} clockMs={clockMs} />
    </section>
  );
}
