/** Passenger-facing summary of a manifest flight in the Tourism tab: key numbers, altitude and g over time (echarts), the 3σ landing ellipse, the profile check. */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts';
import type { ApiClient } from '../api/client.ts';
import { landingEllipsePath, summarySeries, type FlightSummaryView } from './tourismView.ts';

function SummaryChart({ summary }: { summary: FlightSummaryView }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' });
    chart.on('finished', () => {
      el.dataset['drawn'] = 'true';
    });
    const s = summarySeries(summary);
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 56, right: 56, top: 30, bottom: 40 },
      legend: { data: ['altitude', '|g|'], top: 0, textStyle: { color: '#c8d3dd' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 's from liftoff', nameLocation: 'middle', nameGap: 26 },
      yAxis: [
        { type: 'value', name: 'km' },
        { type: 'value', name: 'g', splitLine: { show: false } },
      ],
      series: [
        { name: 'altitude', type: 'line', yAxisIndex: 0, showSymbol: false, data: s.altitude, markLine: { silent: true, symbol: 'none', data: [{ yAxis: 100, name: 'Kármán' }] } },
        { name: '|g|', type: 'line', yAxisIndex: 1, showSymbol: false, data: s.g },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [summary]);
  return <div ref={ref} className="pc-history" data-testid="flight-summary-chart" role="img" aria-label={`altitude and sensed g of ${summary.flight}`} />;
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
