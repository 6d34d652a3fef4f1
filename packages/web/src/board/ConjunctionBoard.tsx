/**
 * The conjunction board: the tenant's events with counts per alert level, filters (level, status, object, TCA
 * window, minimum Pc) and sorting by any column (header buttons, keyboard-accessible). Rows open the event.
 */
import { useMemo, useState } from 'react';
import type { AlertLevel, EventView } from '../api/client.ts';
import type { CatalogObject } from '../globe/protocol.ts';
import { formatDuration, formatKm, formatPc, formatUtc, fromDateTimeLocal } from '../app/format.ts';
import { actionClass, actionLabel } from '../event/avoidance.ts';

type SortKey = 'tca' | 'pc' | 'miss' | 'level' | 'object' | 'speed';
const LEVEL_RANK: Record<AlertLevel, number> = { red: 2, yellow: 1, green: 0 };

export interface BoardProps {
  readonly events: readonly EventView[] | null;
  readonly objects: ReadonlyMap<number, CatalogObject>;
  readonly serverNowMs: () => number;
  readonly error: string | null;
  readonly hasFleet: boolean;
  readonly onOpen: (eventId: number) => void;
}

export function ConjunctionBoard(props: BoardProps) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'pc', desc: true });
  const [level, setLevel] = useState<'' | AlertLevel>('');
  const [status, setStatus] = useState<'open' | 'closed' | ''>('');
  const [objectFilter, setObjectFilter] = useState('');
  const [tcaFrom, setTcaFrom] = useState('');
  const [tcaTo, setTcaTo] = useState('');
  const [minPc, setMinPc] = useState('');

  const nameOf = (n: number) => props.objects.get(n)?.name ?? `#${n}`;
  const counts = useMemo(() => {
    const c = { red: 0, yellow: 0, green: 0 };
    for (const e of props.events ?? []) if (e.status === 'open') c[e.alertLevel]++;
    return c;
  }, [props.events]);

  const rows = useMemo(() => {
    const q = objectFilter.trim().toUpperCase();
    const from = tcaFrom === '' ? -Infinity : fromDateTimeLocal(tcaFrom);
    const to = tcaTo === '' ? Infinity : fromDateTimeLocal(tcaTo);
    const pcMin = minPc === '' ? 0 : Number(minPc);
    const list = (props.events ?? []).filter((e) => {
      if (level !== '' && e.alertLevel !== level) return false;
      if (status !== '' && e.status !== status) return false;
      const t = Date.parse(e.tca);
      if (t < from || t >= to) return false;
      if (pcMin > 0 && !((e.pc ?? 0) >= pcMin)) return false;
      if (q !== '' && ![e.object1, e.object2].some((n) => String(n) === q || nameOf(n).toUpperCase().includes(q))) return false;
      return true;
    });
    const key = (e: EventView): number | string => {
      switch (sort.key) {
        case 'tca':
          return Date.parse(e.tca);
        case 'pc':
          return e.pc ?? -1;
        case 'miss':
          return e.missDistanceKm;
        case 'level':
          return LEVEL_RANK[e.alertLevel];
        case 'speed':
          return e.relativeSpeedKmPerS;
        case 'object':
          return nameOf(e.object1);
      }
    };
    return list.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return sort.desc ? -c : c;
    });
  }, [props.events, props.objects, sort, level, status, objectFilter, tcaFrom, tcaTo, minPc]);

  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'tca' && key !== 'miss' && key !== 'object' }))}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  const now = props.serverNowMs();
  return (
    <section className="panel board" aria-label="Conjunction board" data-testid="board">
      <div className="counts" aria-label="Open events per alert level">
        {(['red', 'yellow', 'green'] as const).map((l) => (
          <button key={l} type="button" className={`level level-${l}${level === l ? ' active' : ''}`} aria-pressed={level === l} onClick={() => setLevel(level === l ? '' : l)} data-testid={`count-${l}`}>
            {l} {counts[l]}
          </button>
        ))}
      </div>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">all</option>
            <option value="open">open</option>
            <option value="closed">closed</option>
          </select>
        </label>
        <label>
          Object
          <input value={objectFilter} onChange={(e) => setObjectFilter(e.target.value)} placeholder="name or #" size={10} />
        </label>
        <label>
          Pc ≥
          <input value={minPc} onChange={(e) => setMinPc(e.target.value)} placeholder="1e-7" size={6} inputMode="decimal" />
        </label>
        <label>
          TCA from
          <input type="datetime-local" step="1" value={tcaFrom} onChange={(e) => setTcaFrom(e.target.value)} />
        </label>
        <label>
          to
          <input type="datetime-local" step="1" value={tcaTo} onChange={(e) => setTcaTo(e.target.value)} />
        </label>
      </div>
      {props.error !== null ? (
        <p className="error" role="alert">
          Events unavailable: {props.error}
        </p>
      ) : props.events === null ? (
        <p className="muted">Loading events…</p>
      ) : props.events.length === 0 ? (
        <p className="empty">{props.hasFleet ? 'No conjunction events: no screening of your fleets has found a close approach yet (screenings run when elements arrive and on a schedule).' : 'No fleet yet: register your satellites (POST /api/v1/fleets) and they will be screened against the catalog.'}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                {header('level', 'Level')}
                {header('tca', 'TCA (UTC)')}
                {header('object', 'Objects')}
                {header('miss', 'Miss')}
                {header('pc', 'Pc')}
                {header('speed', 'v rel')}
                <th>Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 500).map((e) => {
                const t = Date.parse(e.tca);
                return (
                  <tr key={e.id} tabIndex={0} className={e.status === 'closed' ? 'closed' : ''} data-event-id={e.id} data-pc={e.pc ?? ''} onClick={() => props.onOpen(e.id)} onKeyDown={(k) => (k.key === 'Enter' || k.key === ' ') && props.onOpen(e.id)}>
                    <td>
                      <span className={`level level-${e.alertLevel}`}>{e.alertLevel}</span>
                    </td>
                    <td>
                      {formatUtc(t)}
                      <div className="muted">{t >= now ? `in ${formatDuration(t - now)}` : e.status}</div>
                    </td>
                    <td>
                      {nameOf(e.object1)} <span className="muted">#{e.object1}</span>
                      <br />
                      {nameOf(e.object2)} <span className="muted">#{e.object2}</span>
                    </td>
                    <td>{formatKm(e.missDistanceKm)}</td>
                    <td>{formatPc(e.pc)}</td>
                    <td>{e.relativeSpeedKmPerS.toFixed(2)}</td>
                    <td>
                      <span className={actionClass(e.recommendedAction)}>{actionLabel(e.recommendedAction)}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted">
            {rows.length} of {props.events.length} events{rows.length > 500 ? ' (first 500 shown: narrow the filters)' : ''}
          </p>
        </div>
      )}
    </section>
  );
}
