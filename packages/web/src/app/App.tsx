/**
 * The dashboard shell: API-key gate, then the globe with its clock, search and object card, and the side panel
 * with the conjunction board, event detail and alert feed; live updates from the alert stream.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createTimeScales, IERS_LEAP_SECONDS } from '@skylane/core';
import { ApiClient, ApiError, type AlertView, type EventView, type FleetView, type TenantView } from '../api/client.ts';
import { openSse } from '../api/sse.ts';
import { CatalogPropagator } from '../globe/propagator.ts';
import { FLEET_COLOR, Globe, TYPE_COLORS, type EventFocus, type GlobeController } from '../globe/Globe.tsx';
import type { CatalogObject } from '../globe/protocol.ts';
import { ObjectCard } from '../globe/ObjectCard.tsx';
import { ConjunctionBoard } from '../board/ConjunctionBoard.tsx';
import { EventDetail } from '../event/EventDetail.tsx';
import { AlertsFeed } from '../alerts/AlertsFeed.tsx';
import { ReentryPanel } from '../reentry/ReentryPanel.tsx';
import { TrackingPanel } from '../tracking/TrackingPanel.tsx';
import { ClockControls } from './ClockControls.tsx';
import { ObjectSearch } from './ObjectSearch.tsx';
import { AdrPanel } from '../debris/AdrPanel.tsx';
import { ConstellationPanel } from '../constellation/ConstellationPanel.tsx';
import { LaunchPanel } from '../launch/LaunchPanel.tsx';
import { TourismTab } from '../tourism/TourismTab.tsx';
import { SuborbitalPanel } from '../tourism/SuborbitalPanel.tsx';
import { forgetApiKey, readApiKey, storeApiKey } from './apiKey.ts';
import { formatUtc } from './format.ts';

const timeScales = createTimeScales(IERS_LEAP_SECONDS);
/** Elements older than this at the service clock start the globe at the catalog's newest epoch (as npm start's first screening does). */
const STALE_CATALOG_MS = 3 * 86_400_000;

export function App() {
  const [apiKey, setApiKey] = useState<string | null>(() => readApiKey());
  const [keyError, setKeyError] = useState<string | null>(null);
  const api = useMemo(() => (apiKey === null ? null : new ApiClient(apiKey)), [apiKey]);
  if (api === null) {
    return (
      <KeyForm
        error={keyError}
        onKey={(k, remember) => {
          storeApiKey(k, remember);
          setKeyError(null);
          setApiKey(k);
        }}
      />
    );
  }
  return (
    <Dashboard
      key={api.apiKey}
      api={api}
      onUnauthorized={(message) => {
        forgetApiKey();
        setKeyError(message);
        setApiKey(null);
      }}
    />
  );
}

function KeyForm({ error, onKey }: { error: string | null; onKey: (key: string, remember: boolean) => void }) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  return (
    <main className="key-form">
      <h1>Skylane operations</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim() !== '') onKey(key.trim(), remember);
        }}
      >
        <label>
          API key
          <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} placeholder="sk_…" autoFocus />
        </label>
        <label className="inline">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> remember on this computer
        </label>
        <button type="submit">Open dashboard</button>
      </form>
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted">`npm start` prints the demo key and a link that opens the dashboard with it.</p>
    </main>
  );
}

interface Loaded {
  readonly tenant: TenantView;
  readonly fleets: readonly FleetView[];
  readonly objects: readonly CatalogObject[];
  readonly rejected: number;
  readonly initialTimeMs: number;
  readonly staleNotice: string | null;
}

function Dashboard({ api, onUnauthorized }: { api: ApiClient; onUnauthorized: (message: string) => void }) {
  const propagatorRef = useRef<CatalogPropagator | null>(null);
  propagatorRef.current ??= new CatalogPropagator();
  const propagator = propagatorRef.current;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState('Connecting to the Skylane server…');
  const [serverOffsetMs, setServerOffsetMs] = useState(0);
  const [events, setEvents] = useState<EventView[] | null>(null);
  const [eventsError, setEventsError] = useState<string | null>(null);
  const [alerts, setAlerts] = useState<AlertView[] | null>(null);
  const [alertsError, setAlertsError] = useState<string | null>(null);
  const [streamStatus, setStreamStatus] = useState<{ connected: boolean; error?: string }>({ connected: false });
  const [tab, setTab] = useState<'events' | 'alerts' | 'adr' | 'constellation' | 'launch' | 'reentries' | 'tracking' | 'tourism'>('events');
  const [highlighted, setHighlighted] = useState<ReadonlySet<number>>(() => new Set());
  const onOpsUnauthorized = useCallback((e: unknown) => e instanceof ApiError && e.status === 401 && onUnauthorized(e.message), [onUnauthorized]);
  const [openEvent, setOpenEvent] = useState<number | null>(null);
  const [refreshToken, setRefreshToken] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<EventFocus | null>(null);
  const [controller, setController] = useState<GlobeController | null>(null);
  const [clock, setClock] = useState({ timeMs: Date.now(), playing: true, speed: 1 });
  const [globeError, setGlobeError] = useState<string | null>(null);
  const [showCatalog, setShowCatalog] = useState(true);
  const serverNowMs = useCallback(() => Date.now() + serverOffsetMs, [serverOffsetMs]);

  const handleError = useCallback(
    (e: unknown, set: (m: string) => void) => {
      if (e instanceof ApiError && e.status === 401) onUnauthorized(e.message);
      else set(e instanceof Error ? e.message : String(e));
    },
    [onUnauthorized],
  );

  // Initial load: health (service clock), tenant, fleets, the catalog into the propagation worker.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const health = await api.health();
      const offset = health.now !== undefined ? Date.parse(health.now) - Date.now() : 0;
      setServerOffsetMs(offset);
      const tenant = await api.tenant();
      setProgress('Loading fleets and the catalog…');
      const [fleets, omm] = await Promise.all([api.fleets(), api.catalogOmmJson()]);
      setProgress('Initialising SGP4 for the catalog…');
      const { objects, rejected } = await propagator.load(omm);
      const now = Date.now() + offset;
      const newest = objects.reduce((m, o) => Math.max(m, o.epochUtcMs), -Infinity);
      const stale = Number.isFinite(newest) && now - newest > STALE_CATALOG_MS;
      if (cancelled) return;
      setLoaded({
        tenant,
        fleets,
        objects,
        rejected: rejected.length,
        initialTimeMs: stale ? newest : now,
        staleNotice: stale ? `The newest element set is from ${formatUtc(newest)}: the globe starts at that time (propagating ${Math.round((now - newest) / 86_400_000)} days further would not be meaningful).` : null,
      });
    })().catch((e: unknown) => !cancelled && handleError(e, setLoadError));
    return () => {
      cancelled = true;
    };
  }, [api, propagator, handleError]);

  useEffect(() => () => propagator.terminate(), [propagator]);

  /** Loads a list into its state, or its error into the matching error state. */
  const reload = useCallback(
    <T,>(load: () => Promise<T[]>, set: (list: T[]) => void, setError: (m: string | null) => void) =>
      load().then(
        (list) => {
          set(list);
          setError(null);
        },
        (e: unknown) => handleError(e, setError),
      ),
    [handleError],
  );
  const reloadEvents = useCallback(() => void reload(() => api.events(), setEvents, setEventsError), [api, reload]);
  const reloadAlerts = useCallback(() => void reload(() => api.alerts(), setAlerts, setAlertsError), [api, reload]);

  useEffect(() => {
    reloadEvents();
    reloadAlerts();
    // Events change without alerts too (updates that keep their level): poll them every 30 s as well.
    const id = setInterval(reloadEvents, 30_000);
    return () => clearInterval(id);
  }, [reloadEvents, reloadAlerts]);

  // Live alerts: prepend, refresh the board and the open event.
  useEffect(() => {
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const stream = openSse('/api/v1/alerts/stream', api.apiKey, {
      onMessage: (m) => {
        if (m.event === 'provisional-object' || m.event === 'breakup-alert') setRefreshToken((t) => t + 1);
        if (m.event !== 'alert') return;
        const a = JSON.parse(m.data) as AlertView;
        setAlerts((list) => (list === null ? [a] : list.some((x) => x.id === a.id) ? list : [a, ...list]));
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          reloadEvents();
          setRefreshToken((t) => t + 1);
        }, 500);
      },
      onStatus: (connected, error) => setStreamStatus(error !== undefined ? { connected, error } : { connected }),
    });
    return () => {
      clearTimeout(debounce);
      stream.close();
    };
  }, [api, reloadEvents]);

  const objectsById = useMemo(() => new Map((loaded?.objects ?? []).map((o) => [o.catalogNumber, o])), [loaded]);
  const fleetMembers = useMemo(() => new Set((loaded?.fleets ?? []).flatMap((f) => f.members)), [loaded]);
  // The badge counts pushed alerts only (the tenant's alert policy); the others stay on the board and in the feed.
  const unacknowledged = (alerts ?? []).filter((a) => a.acknowledgedAt === null && a.pushed !== false).length;
  const canAcknowledge = loaded?.tenant.role === 'operator' || loaded?.tenant.role === 'admin';

  const acknowledge = (id: number) => {
    api.acknowledge(id).then(
      (a) => setAlerts((list) => (list ?? []).map((x) => (x.id === a.id ? a : x))),
      (e: unknown) => handleError(e, setAlertsError),
    );
  };
  const openEventById = (id: number) => {
    setOpenEvent(id);
    setTab('events');
  };

  if (loadError !== null) {
    return (
      <main className="fatal">
        <h1>Skylane operations</h1>
        <p className="error" role="alert" data-testid="load-error">
          The dashboard could not load: {loadError}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Retry
        </button>
      </main>
    );
  }
  if (loaded === null) {
    return (
      <main className="fatal">
        <h1>Skylane operations</h1>
        <p className="muted" aria-live="polite">
          {progress}
        </p>
      </main>
    );
  }
  const selectedObject = selected !== null ? objectsById.get(selected) : undefined;
  const fleetsOf = (n: number) => loaded.fleets.filter((f) => f.members.includes(n)).map((f) => f.name);

  return (
    <div className="app">
      <header className="top">
        <strong className="brand">Skylane</strong>
        <span className="muted">
          {loaded.tenant.name} · {loaded.tenant.role}
        </span>
        <ClockControls controller={controller} clock={clock} serverNowMs={serverNowMs} />
        <ObjectSearch
          objects={loaded.objects}
          onPick={(n) => {
            setSelected(n);
            controller?.flyToObject(n);
          }}
        />
        <button type="button" className={`alert-badge${unacknowledged > 0 ? ' active' : ''}`} onClick={() => setTab('alerts')} aria-label={`${unacknowledged} unacknowledged alerts`} data-testid="alert-count">
          Alerts <span className="badge">{unacknowledged}</span>
        </button>
        <span className={`stream ${streamStatus.connected ? 'ok' : 'down'}`} title={streamStatus.error ?? 'live alert stream connected'}>
          {streamStatus.connected ? '● live' : '○ reconnecting'}
        </span>
      </header>
      {loaded.staleNotice !== null ? <div className="notice">{loaded.staleNotice}</div> : null}
      {globeError !== null ? (
        <div className="notice error" role="alert">
          {globeError}
        </div>
      ) : null}
      <main className="layout">
        <div className="globe-area">
          <Globe
            propagator={propagator}
            objects={loaded.objects}
            fleetMembers={fleetMembers}
            initialTimeMs={loaded.initialTimeMs}
            selected={selected}
            focus={focus}
            showCatalog={showCatalog}
            highlighted={highlighted}
            onSelect={setSelected}
            onReady={setController}
            onClock={(timeMs, playing, speed) => setClock({ timeMs, playing, speed })}
            onError={setGlobeError}
          />
          <div className="legend" aria-label="Legend">
            {Object.entries(TYPE_COLORS).map(([k, c]) => (
              <span key={k}>
                <i style={{ background: c }} /> {k.toLowerCase()}
              </span>
            ))}
            <span>
              <i style={{ background: FLEET_COLOR }} /> your fleet
            </span>
            <label>
              <input type="checkbox" checked={showCatalog} onChange={(e) => setShowCatalog(e.target.checked)} data-testid="show-catalog" /> show catalog
            </label>
            <span className="muted">
              {loaded.objects.length} objects{loaded.rejected > 0 ? `, ${loaded.rejected} element sets refused` : ''}
            </span>
          </div>
          {selectedObject !== undefined ? <ObjectCard object={selectedObject} clockMs={clock.timeMs} fleets={fleetsOf(selectedObject.catalogNumber)} onClose={() => setSelected(null)} /> : null}
        </div>
        <aside className="side">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'events'} onClick={() => setTab('events')}>
              Events
            </button>
            <button type="button" role="tab" aria-selected={tab === 'alerts'} onClick={() => setTab('alerts')}>
              Alerts ({unacknowledged})
            </button>
            <button type="button" role="tab" aria-selected={tab === 'adr'} onClick={() => setTab('adr')}>
              ADR
            </button>
            <button type="button" role="tab" aria-selected={tab === 'constellation'} onClick={() => setTab('constellation')}>
              Constellation
            </button>
            <button type="button" role="tab" aria-selected={tab === 'launch'} onClick={() => setTab('launch')}>
              Launch
            </button>
            <button type="button" role="tab" aria-selected={tab === 'reentries'} onClick={() => setTab('reentries')}>
              Reentries
            </button>
            <button type="button" role="tab" aria-selected={tab === 'tracking'} onClick={() => setTab('tracking')}>
              Tracking
            </button>
            <button type="button" role="tab" aria-selected={tab === 'tourism'} onClick={() => setTab('tourism')}>
              Tourism
            </button>
          </div>
          {tab === 'adr' ? (
            <AdrPanel
              api={api}
              onHighlight={setHighlighted}
              onPick={(n) => {
                setSelected(n);
                controller?.flyToObject(n);
              }}
              onUnauthorized={onOpsUnauthorized}
            />
          ) : tab === 'constellation' ? (
            <ConstellationPanel api={api} controller={controller} clockMs={clock.timeMs} onUnauthorized={onOpsUnauthorized} />
          ) : tab === 'launch' ? (
            <LaunchPanel api={api} controller={controller} clockMs={clock.timeMs} onUnauthorized={onOpsUnauthorized} />
          ) : tab === 'reentries' && api !== null ? (
            <ReentryPanel api={api} fleets={loaded.fleets} controller={controller} />
          ) : tab === 'tourism' ? (
            <>
              <TourismTab api={api} />
              {api !== null ? <SuborbitalPanel api={api} controller={controller} onUnauthorized={onOpsUnauthorized} /> : null}
            </>
          ) : tab === 'tracking' ? (
            <TrackingPanel api={api} refreshToken={refreshToken} controller={controller} clockMs={clock.timeMs} />
          ) : tab === 'alerts' ? (
            <AlertsFeed alerts={alerts} error={alertsError} canAcknowledge={canAcknowledge} onAcknowledge={acknowledge} onOpenEvent={openEventById} />
          ) : openEvent !== null ? (
            <EventDetail
              api={api}
              eventId={openEvent}
              objects={objectsById}
              timeScales={timeScales}
              serverNowMs={serverNowMs}
              refreshToken={refreshToken}
              onClose={() => {
                setOpenEvent(null);
                setFocus(null);
              }}
              onFocus={setFocus}
            />
          ) : (
            <ConjunctionBoard events={events} objects={objectsById} serverNowMs={serverNowMs} error={eventsError} hasFleet={loaded.fleets.some((f) => f.members.length > 0)} onOpen={setOpenEvent} />
          )}
        </aside>
      </main>
    </div>
  );
}
