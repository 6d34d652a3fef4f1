/** The live alert feed: newest first, level and transition, the event it concerns, and acknowledge. */
import type { AlertView } from '../api/client.ts';
import { formatKm, formatPc, formatUtc } from '../app/format.ts';

export interface AlertsFeedProps {
  readonly alerts: readonly AlertView[] | null;
  readonly error: string | null;
  readonly canAcknowledge: boolean;
  readonly onAcknowledge: (alertId: number) => void;
  readonly onOpenEvent: (eventId: number) => void;
}

export function AlertsFeed(props: AlertsFeedProps) {
  if (props.error !== null) {
    return (
      <p className="error" role="alert">
        Alerts unavailable: {props.error}
      </p>
    );
  }
  if (props.alerts === null) return <p className="muted">Loading alerts…</p>;
  if (props.alerts.length === 0) return <p className="empty">No alerts: none of your events has reached an alert level change yet.</p>;
  return (
    <ul className="alerts" aria-label="Alerts" data-testid="alerts">
      {props.alerts.map((a) => (
        <li key={a.id} className={a.acknowledgedAt === null ? 'unacked' : ''}>
          <span className={`level level-${a.level}`}>{a.level}</span>{' '}
          <span className="muted">{a.previousLevel !== null ? `${a.previousLevel} → ${a.level}` : a.kind}</span>{' '}
          {a.pushed === false ? <span className="muted" title="not pushed under the tenant's alert policy (GET /api/v1/tenant/alert-policy)">board only </span> : null}
          <button type="button" className="link" onClick={() => props.onOpenEvent(a.eventId)}>
            #{a.object1} × #{a.object2}
          </button>
          <div className="muted">
            TCA {formatUtc(Date.parse(a.tca))} · Pc {formatPc(a.pc)} · miss {formatKm(a.missDistanceKm)} · raised {formatUtc(Date.parse(a.createdAt))}
          </div>
          {a.acknowledgedAt === null ? (
            props.canAcknowledge ? (
              <button type="button" onClick={() => props.onAcknowledge(a.id)}>
                Acknowledge
              </button>
            ) : (
              <span className="muted">unacknowledged</span>
            )
          ) : (
            <span className="muted">acknowledged {formatUtc(Date.parse(a.acknowledgedAt))}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
