/** Passenger-facing summary of a manifest flight in the Tourism tab: key numbers, altitude and g over time (echarts), the 3σ landing ellipse, the profile check. */
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.ts';
import { landingEllipsePath, summarySeries, type FlightSummaryView } from './tourismView.ts';
import { AltitudeGChart } from './AltitudeGChart.tsx';

function SummaryChart({ summary }: { summary: FlightSummaryView }) {
  const series = useMemo(() => summarySeries(summary), [summary]);
  return <AltitudeGChart series={series} testId="flight-summary-chart" label={`altitude and sensed g of ${summary.flight}`} />;
}

const fmt = (x: number | null | undefined, d: number, unit: string): string => (x === null || x === undefined ? '—' : `${x.toFixed(d)} ${unit}`);

export function FlightSummary({ api, flightId }: { api: ApiClient; flightId: number }) {
  const [summary, setSummary] = useState<FlightSummaryView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSummary(null);
    setError(null);
    api.json<FlightSummaryView>(`/api/v1/tourism/flights/${flightId}/summary`).then(
      (s) => {
        if (live) setSummary(s);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, flightId]);
  if (error !== null) return <p className="error" role="alert">Flight summary unavailable: {error}</p>;
  if (summary === null) return <p className="muted">Loading the flight summary…</p>;
  if (!summary.profileAvailable) return <p className="muted" data-testid="flight-summary">No profile for {summary.flight}: its vehicle has no suborbital model or its site is not a launch site.</p>;
  const k = summary.keyNumbers;
  const box = 160;
  const ell = landingEllipsePath(summary, box);
  const e = summary.landing?.ellipse;
  return (
    <div data-testid="flight-summary">
      <p>
        apogee {fmt(k.apogeeKm, 1, 'km')} · above 100 km {fmt(k.timeAboveKarmanS, 0, 's')} · microgravity {fmt(k.microgravityS, 0, 's')} · peak {fmt(k.peakG ?? Math.max(k.maxAscentG ?? 0, k.maxReentryG ?? 0), 1, 'g')}
        {summary.profileSource === 'computed' ? <span className="muted"> (computed from the suborbital model)</span> : null}
      </p>
      {summary.profileCheck !== undefined ? (
        <p className={summary.profileCheck.passed ? 'ok' : 'error'} data-testid="flight-summary-check">
          {summary.profileCheck.passed ? 'within the human-tolerance envelope' : `g-limit violations: ${summary.profileCheck.violations.join('; ')}`}
        </p>
      ) : null}
      {summary.plot !== undefined && summary.plot.length > 1 ? <SummaryChart summary={summary} /> : null}
      {ell !== null && e !== null && e !== undefined ? (
        <figure>
          <svg width={box} height={box} viewBox={`0 0 ${box} ${box}`} role="img" aria-label="landing area" data-testid="flight-summary-landing">
            <rect x={0} y={0} width={box} height={box} fill="none" stroke="#445" />
            <path d={ell.d} fill="rgba(255,160,60,0.3)" stroke="#ffa03c" />
            <circle cx={box / 2} cy={box / 2} r={2.5} fill="#fff" />
            <text x={4} y={12} fill="#c8d3dd" fontSize={10}>
              N↑
            </text>
          </svg>
          <figcaption className="muted">
            3σ landing ellipse {e.semiMajorKm.toFixed(1)} × {e.semiMinorKm.toFixed(1)} km{e.centerLatDeg !== undefined && e.centerLonDeg !== undefined ? ` centred ${e.centerLatDeg.toFixed(4)}°, ${e.centerLonDeg.toFixed(4)}°` : ''}
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
