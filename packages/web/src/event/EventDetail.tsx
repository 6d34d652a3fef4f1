/**
 * One conjunction event: both objects with the age of their element sets at TCA, a TCA countdown on the service
 * clock, the miss vector in object 1's RTN frame, the encounter-plane plot of the latest CDM, the Pc and miss
 * history over the event's updates, the relative geometry on the globe, CDM download (KVN or XML), the recommended
 * action and the avoidance view (plan avoidance, trade space, published maneuvers).
 */
import { useEffect, useState } from 'react';
import type { TimeScales } from '@skylane/core';
import { ApiClient, type EventDetailView } from '../api/client.ts';
import type { CatalogObject } from '../globe/protocol.ts';
import type { EventFocus } from '../globe/Globe.tsx';
import { formatAgeDays, formatDuration, formatKm, formatPc, formatUtc } from '../app/format.ts';
import { encounterPictureFromCdmKvn, type EncounterPicture } from './encounterGeometry.ts';
import { EncounterPlot } from './EncounterPlot.tsx';
import { PcHistoryChart } from './PcHistoryChart.tsx';
import { AvoidancePanel } from './AvoidancePanel.tsx';
import { actionClass, actionLabel } from './avoidance.ts';

export interface EventDetailProps {
  readonly api: ApiClient;
  readonly eventId: number;
  readonly objects: ReadonlyMap<number, CatalogObject>;
  readonly timeScales: TimeScales;
  readonly serverNowMs: () => number;
  /** Bumped when an alert arrives, to reload the event. */
  readonly refreshToken: number;
  readonly onClose: () => void;
  readonly onFocus: (focus: EventFocus) => void;
}

export function EventDetail(props: EventDetailProps) {
  const { api, eventId } = props;
  const [event, setEvent] = useState<EventDetailView | null>(null);
  const [picture, setPicture] = useState<EncounterPicture | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pictureError, setPictureError] = useState<string | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    api
      .event(eventId)
      .then(async (e) => {
        if (cancelled) return;
        setEvent(e);
        const latest = e.history[e.history.length - 1];
        if (latest === undefined) return;
        try {
          const kvn = await api.text(`${latest.cdmUrl}&format=kvn`);
          if (!cancelled) setPicture(encounterPictureFromCdmKvn(kvn, props.timeScales));
        } catch (err) {
          if (!cancelled) setPictureError(err instanceof Error ? err.message : String(err));
        }
      })
      .catch((err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, [eventId, props.refreshToken]);

  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(id);
  }, []);

  const download = async (format: 'kvn' | 'xml') => {
    try {
      const text = await api.text(`/api/v1/events/${eventId}/cdm?format=${format}`);
      const url = URL.createObjectURL(new Blob([text], { type: format === 'xml' ? 'application/xml' : 'text/plain' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `event-${eventId}.cdm.${format === 'xml' ? 'xml' : 'kvn'}`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  if (error !== null) {
    return (
      <section className="panel event-detail" aria-label={`Event ${eventId}`}>
        <button type="button" onClick={props.onClose}>
          ← Events
        </button>
        <p className="error" role="alert">
          Could not load event {eventId}: {error}
        </p>
      </section>
    );
  }
  if (event === null) return <section className="panel event-detail">Loading event {eventId}…</section>;

  const tcaMs = Date.parse(event.tca);
  const latest = event.history[event.history.length - 1];
  const side = (n: number) => {
    const o = props.objects.get(n);
    return (
      <div className="event-object">
        <strong>{o?.name ?? `Object ${n}`}</strong> <span className="muted">#{n}</span>
        <div className="muted">
          {o !== undefined ? `${o.objectType} · elements ${formatUtc(o.epochUtcMs)} · age at TCA ${formatAgeDays(tcaMs - o.epochUtcMs)}` : 'not in the loaded catalog'}
        </div>
      </div>
    );
  };
  const countdown = tcaMs - props.serverNowMs();

  return (
    <section className="panel event-detail" aria-label={`Event ${event.id}`} data-testid="event-detail">
      <div className="row">
        <button type="button" onClick={props.onClose}>
          ← Events
        </button>
        <span className={`level level-${event.alertLevel}`}>{event.alertLevel}</span>
        <span className={actionClass(event.recommendedAction)} data-testid="recommended-action" title={event.dataQuality ? `data quality: ${event.dataQuality}` : undefined}>
          {actionLabel(event.recommendedAction)}
        </span>
        <span className="muted">
          event {event.id} · {event.status} · {event.updateCount} update{event.updateCount === 1 ? '' : 's'}
        </span>
      </div>
      <h2>
        {side(event.object1)}
        {side(event.object2)}
      </h2>
      <dl className="facts">
        <dt>TCA</dt>
        <dd>
          {formatUtc(tcaMs, true)} <span className={countdown < 0 ? 'muted' : 'countdown'}>({countdown >= 0 ? `in ${formatDuration(countdown)}` : `${formatDuration(-countdown)} ago`})</span>
        </dd>
        <dt>Pc</dt>
        <dd>
          {formatPc(event.pc)} {latest?.pcMethod ? <span className="muted">({latest.pcMethod})</span> : null} · max {formatPc(event.maxPc)}
        </dd>
        <dt>Miss</dt>
        <dd>
          {formatKm(event.missDistanceKm)} at {event.relativeSpeedKmPerS.toFixed(2)} km/s
        </dd>
        <dt>Miss RTN</dt>
        <dd>{latest ? `R ${latest.missRtnKm[0].toFixed(3)} · T ${latest.missRtnKm[1].toFixed(3)} · N ${latest.missRtnKm[2].toFixed(3)} km` : '—'}</dd>
        <dt>HBR</dt>
        <dd>{latest?.hbrM != null ? `${latest.hbrM} m` : '—'}</dd>
      </dl>
      <div className="row">
        <button type="button" onClick={() => props.onFocus({ object1: event.object1, object2: event.object2, tcaMs })}>
          Show geometry on globe
        </button>
        <button type="button" onClick={() => void download('kvn')}>
          CDM (KVN)
        </button>
        <button type="button" onClick={() => void download('xml')}>
          CDM (XML)
        </button>
      </div>
      <AvoidancePanel api={api} eventId={event.id} refreshToken={props.refreshToken} />
      <h3>Encounter plane</h3>
      {picture !== null ? <EncounterPlot picture={picture} hbrM={latest?.hbrM ?? 20} /> : <p className="muted">{pictureError ?? 'Loading the CDM…'}</p>}
      <h3>Pc and miss history</h3>
      {event.history.length > 0 ? <PcHistoryChart history={event.history} /> : <p className="muted">No updates yet.</p>}
      {event.uploadedCdms.length > 0 ? (
        <>
          <h3>Uploaded CDMs</h3>
          <ul>
            {event.uploadedCdms.map((c) => (
              <li key={c.id}>
                {c.originator ?? 'unknown originator'} {c.messageId ?? ''} · TCA {c.tca} · Pc {formatPc(c.pc)} · received {c.receivedAt}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
