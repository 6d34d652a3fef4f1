/** Reentry watch table (objects predicted to reenter within 30 days: predicted epoch and window) and the disposal-compliance summary of the tenant's first fleet. */
import { useEffect, useState } from 'react';
import type { ApiClient, FleetView } from '../api/client.ts';
import { formatUtc } from '../app/format.ts';

interface ReentryItem {
  readonly object: number;
  readonly name: string | null;
  readonly predictedEpoch: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly predictor: string;
}

interface ComplianceSummary {
  readonly objects: number;
  readonly compliant25: number;
  readonly compliant5: number;
  readonly activeDisposalOnly: number;
  readonly totalDeltaV25Mps: number;
}

export interface ReentryPanelProps {
  readonly api: ApiClient;
  readonly fleets: readonly FleetView[];
}

export function ReentryPanel(props: ReentryPanelProps) {
  const [items, setItems] = useState<readonly ReentryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ComplianceSummary | null>(null);
  const fleet = props.fleets.find((f) => f.members.length > 0);
  useEffect(() => {
    let live = true;
    props.api
      .json<{ items: ReentryItem[] }>('/api/v1/reentries')
      .then((r) => live && setItems(r.items))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    if (fleet !== undefined) {
      props.api
        .json<{ summary: ComplianceSummary | null }>(`/api/v1/compliance?fleetId=${fleet.id}`)
        .then((r) => live && setSummary(r.summary))
        .catch(() => live && setSummary(null));
    }
    return () => {
      live = false;
    };
  }, [props.api, fleet]);
  return (
    <div data-testid="reentries">
      {error !== null ? (
        <p className="error" role="alert">
          Reentry watch unavailable: {error}
        </p>
      ) : items === null ? (
        <p className="muted">Loading reentry predictions…</p>
      ) : items.length === 0 ? (
        <p className="empty">No object is predicted to reenter within 30 days.</p>
      ) : (
        <table aria-label="Predicted reentries">
          <thead>
            <tr>
              <th>object</th>
              <th>predicted (UTC)</th>
              <th>window</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.object}>
                <td>
                  #{r.object} {r.name ?? ''}
                </td>
                <td>{formatUtc(Date.parse(r.predictedEpoch))}</td>
                <td className="muted">
                  {formatUtc(Date.parse(r.windowStart))} – {formatUtc(Date.parse(r.windowEnd))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fleet !== undefined && summary !== null ? (
        <p data-testid="compliance-summary">
          Fleet {fleet.name}: {summary.compliant25}/{summary.objects} meet the 25-year rule, {summary.compliant5}/{summary.objects} the 5-year rule; {summary.activeDisposalOnly} need active disposal; Δv to comply (25 yr) {summary.totalDeltaV25Mps.toFixed(0)} m/s in all.
        </p>
      ) : null}
    </div>
  );
}
