/** Tourism tab: the tenant's manifest (flights with seats, vehicles, passengers with readiness) and a launch-day go/no-go panel showing the verdict with its reasons. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { formatUtc } from '../app/format.ts';
import { FlightSummary } from './FlightSummary.tsx';
import { failingLines, passengerReadiness, type GoNoGoReportView, type TourismPassengerView } from './tourismView.ts';

interface VehicleView {
  readonly id: number;
  readonly name: string;
  readonly vehicleClass: string | null;
  readonly seats: number;
  readonly turnaroundS: number;
  readonly limits: { maxSurfaceWindMps: number; maxGustMps: number; maxWaveHeightM: number | null };
}

interface FlightView {
  readonly id: number;
  readonly name: string;
  readonly site: string;
  readonly plannedLaunchUtc: string;
  readonly vehicleId: number;
  readonly status: string;
  readonly seats: readonly { seat: string; passengerId: number }[];
  readonly lastGoNoGo: GoNoGoReportView | null;
}

export interface TourismTabProps {
  readonly api: ApiClient | null;
}

/** The day's inputs the go/no-go form starts with (edit to the day's numbers). */
const EXAMPLE_DAY = JSON.stringify(
  {
    hazardAreas: [],
    traffic: [],
    lcola: { blackouts: [] },
    recovery: { landingZone: { latDeg: 0, lonDeg: 0, stationRadiusKm: 50 }, assets: [], required: { any: 1 } },
    weather: { surfaceWindMps: 0, gustMps: 0, waveHeightM: 0 },
    vehicle: { openAnomalies: 0 },
  },
  null,
  1,
);

export function TourismTab(props: TourismTabProps) {
  const { api } = props;
  const [vehicles, setVehicles] = useState<readonly VehicleView[]>([]);
  const [flights, setFlights] = useState<readonly FlightView[] | null>(null);
  const [passengers, setPassengers] = useState<readonly TourismPassengerView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [dayJson, setDayJson] = useState(EXAMPLE_DAY);
  const [report, setReport] = useState<GoNoGoReportView | null>(null);
  const [goError, setGoError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (api === null) return;
    try {
      const [v, f, p] = await Promise.all([
        api.json<{ items: VehicleView[] }>('/api/v1/tourism/vehicles'),
        api.json<{ items: FlightView[] }>('/api/v1/tourism/flights'),
        api.json<{ items: TourismPassengerView[] }>('/api/v1/tourism/passengers'),
      ]);
      setVehicles(v.items);
      setFlights(f.items);
      setPassengers(p.items);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const flight = flights?.find((f) => f.id === selected) ?? null;
  const shown = report ?? flight?.lastGoNoGo ?? null;
  const evaluate = async () => {
    if (api === null || flight === null) return;
    setGoError(null);
    let body: unknown;
    try {
      body = JSON.parse(dayJson);
    } catch (e) {
      setGoError(`the day's inputs are not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    try {
      setReport(await api.json<GoNoGoReportView>(`/api/v1/tourism/flights/${flight.id}/go-no-go`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
      void load();
    } catch (e) {
      setGoError(e instanceof Error ? e.message : String(e));
    }
  };

  if (api === null) return <p className="muted">Enter an API key to see the tourism manifest.</p>;
  const vehicleName = (id: number) => vehicles.find((v) => v.id === id)?.name ?? `#${id}`;
  const nextLaunchMs = (pid: number): number => {
    const f = flights?.find((x) => x.seats.some((s) => s.passengerId === pid) && x.status === 'planned');
    return f !== undefined ? Date.parse(f.plannedLaunchUtc) : Date.now();
  };
  return (
    <div data-testid="tourism">
      {error !== null ? (
        <p className="error" role="alert">
          Tourism manifest unavailable: {error}
        </p>
      ) : null}
      <h3>Flights</h3>
      {flights === null ? (
        <p className="muted">Loading the manifest…</p>
      ) : flights.length === 0 ? (
        <p className="empty">No tourism flight on the manifest.</p>
      ) : (
        <table aria-label="Tourism flights">
          <thead>
            <tr>
              <th>flight</th>
              <th>launch (UTC)</th>
              <th>site</th>
              <th>vehicle</th>
              <th>seats</th>
              <th>status</th>
              <th>go/no-go</th>
            </tr>
          </thead>
          <tbody>
            {flights.map((f) => (
              <tr key={f.id} className={f.id === selected ? 'selected' : undefined} onClick={() => {
                  setSelected(f.id);
                  setReport(null);
                }} style={{ cursor: 'pointer' }}>
                <td>{f.name}</td>
                <td>{formatUtc(Date.parse(f.plannedLaunchUtc))}</td>
                <td>{f.site}</td>
                <td>{vehicleName(f.vehicleId)}</td>
                <td>
                  {f.seats.length}/{vehicles.find((v) => v.id === f.vehicleId)?.seats ?? '?'} {f.seats.map((s) => s.seat).join(' ')}
                </td>
                <td>{f.status}</td>
                <td className={f.lastGoNoGo?.verdict === 'GO' ? 'ok' : f.lastGoNoGo !== null ? 'error' : 'muted'}>{f.lastGoNoGo?.verdict ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Vehicles</h3>
      <table aria-label="Tourism vehicles">
        <thead>
          <tr>
            <th>vehicle</th>
            <th>seats</th>
            <th>turnaround</th>
            <th>wind / gust / waves limits</th>
          </tr>
        </thead>
        <tbody>
          {vehicles.map((v) => (
            <tr key={v.id}>
              <td>
                {v.name} <span className="muted">{v.vehicleClass ?? ''}</span>
              </td>
              <td>{v.seats}</td>
              <td>{(v.turnaroundS / 86400).toFixed(1)} d</td>
              <td>
                {v.limits.maxSurfaceWindMps} / {v.limits.maxGustMps} m/s / {v.limits.maxWaveHeightM === null ? 'n/a (land)' : `${v.limits.maxWaveHeightM} m`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Passengers</h3>
      <table aria-label="Tourism passengers">
        <thead>
          <tr>
            <th>passenger</th>
            <th>training</th>
            <th>medical</th>
            <th>ready for next flight</th>
          </tr>
        </thead>
        <tbody>
          {passengers.map((p) => {
            const r = passengerReadiness(p, nextLaunchMs(p.id));
            return (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.trainingStatus}</td>
                <td>
                  {p.medicalStatus}
                  {p.medicalExpiresUtc !== null ? ` until ${p.medicalExpiresUtc.slice(0, 10)}` : ''}
                </td>
                <td className={r.ready ? 'ok' : 'error'}>{r.ready ? 'ready' : r.reasons.join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {flight !== null ? (
        <>
          <h3>Flight summary: {flight.name}</h3>
          <FlightSummary api={api} flightId={flight.id} />
        </>
      ) : null}
      <h3>Go/no-go</h3>
      {flight === null ? (
        <p className="muted">Pick a flight above to evaluate its launch-day checklist.</p>
      ) : (
        <div data-testid="go-no-go">
          <label>
            Day&apos;s inputs for {flight.name} (hazard areas, traffic, LCOLA, recovery assets, weather, open anomalies; passengers and vehicle limits come from the manifest)
            <textarea rows={8} value={dayJson} onChange={(e) => setDayJson(e.target.value)} style={{ width: '100%', fontFamily: 'monospace' }} />
          </label>
          <button type="button" onClick={() => void evaluate()}>
            Evaluate go/no-go
          </button>
          {goError !== null ? (
            <p className="error" role="alert">
              {goError}
            </p>
          ) : null}
          {shown !== null ? (
            <div>
              <p data-testid="go-no-go-verdict" className={shown.verdict === 'GO' ? 'ok' : 'error'}>
                <strong>{shown.verdict}</strong>
                {shown.evaluatedAtUtc !== undefined ? <span className="muted"> (evaluated {shown.evaluatedAtUtc})</span> : null}
              </p>
              {shown.failing.length > 0 ? (
                <ul aria-label="Failing items">
                  {failingLines(shown).map((l) => (
                    <li key={l}>{l}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">All {shown.items.filter((i) => i.status === 'go').length} items GO.</p>
              )}
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
