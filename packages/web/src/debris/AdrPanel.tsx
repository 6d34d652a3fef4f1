/**
 * ADR ranking panel: the criticality ranking of the objects this tenant sees (GET /api/v1/adr/ranking) with every
 * factor per object, filters by owner, altitude band and type, and a globe highlight of the listed objects. Types and
 * owners come from the stored SATCAT (POST /api/v1/satcat) where one is loaded, otherwise from the object's name.
 */
import { useEffect, useState } from 'react';
import { ApiError, type ApiClient } from '../api/client.ts';
import { ALTITUDE_BANDS, FACTOR_COLUMNS, formatFactor, OBJECT_TYPES, rankingPath, type AdrRanking } from './ranking.ts';

export interface AdrPanelProps {
  readonly api: ApiClient;
  /** The objects to highlight on the globe (the listed ones when "highlight" is on, else none). */
  readonly onHighlight: (objects: ReadonlySet<number>) => void;
  readonly onPick: (catalogNumber: number) => void;
  readonly onUnauthorized: (e: unknown) => void;
}

export function AdrPanel({ api, onHighlight, onPick, onUnauthorized }: AdrPanelProps) {
  const [top, setTop] = useState(25);
  const [type, setType] = useState('');
  const [owner, setOwner] = useState('');
  const [bandId, setBandId] = useState('all');
  const [highlight, setHighlight] = useState(true);
  const [ranking, setRanking] = useState<AdrRanking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const path = rankingPath({ top, type, owner, bandId });

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const id = setTimeout(() => {
      api.json<AdrRanking>(path).then(
        (r) => {
          if (cancelled) return;
          setRanking(r);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (cancelled) return;
          setLoading(false);
          if (e instanceof ApiError && e.status === 401) onUnauthorized(e);
          else setError(e instanceof Error ? e.message : String(e));
        },
      );
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(id);
    };
  }, [api, path, onUnauthorized]);

  useEffect(() => {
    onHighlight(highlight && ranking !== null ? new Set(ranking.items.map((i) => i.object)) : new Set());
  }, [ranking, highlight, onHighlight]);
  useEffect(() => () => onHighlight(new Set()), [onHighlight]);

  return (
    <section className="panel adr" aria-label="Active debris removal ranking">
      <div className="filters">
        <label>
          top <input type="number" min={1} max={1000} value={top} onChange={(e) => setTop(Math.max(1, Math.min(1000, Number(e.target.value) || 1)))} style={{ width: 64 }} />
        </label>
        <label>
          type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">all</option>
            {OBJECT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          band
          <select value={bandId} onChange={(e) => setBandId(e.target.value)}>
            {ALTITUDE_BANDS.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          owner <input value={owner} placeholder="e.g. PRC, CIS, US" onChange={(e) => setOwner(e.target.value)} style={{ width: 90 }} />
        </label>
        <label>
          <input type="checkbox" checked={highlight} onChange={(e) => setHighlight(e.target.checked)} /> highlight on globe
        </label>
      </div>
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {ranking !== null ? (
        <p className="muted">
          {ranking.items.length} shown of {ranking.objectsRanked} ranked{loading ? ' (updating…)' : ''}; types and owners {ranking.satcatObjects !== undefined && ranking.satcatObjects > 0 ? `from the SATCAT (${ranking.satcatObjects} objects)` : 'from names only: load a SATCAT (POST /api/v1/satcat) for owners'}. Score and factors: docs/design/active-debris-removal.md.
        </p>
      ) : (
        <p className="muted">{loading ? 'Ranking the catalog…' : ''}</p>
      )}
      {ranking !== null && ranking.items.length === 0 ? <p className="empty">No object matches these filters.</p> : null}
      {ranking !== null && ranking.items.length > 0 ? (
        <div className="table-wrap wide">
          <table data-testid="adr-table">
            <thead>
              <tr>
                <th>#</th>
                <th>object</th>
                <th>name</th>
                <th>type</th>
                <th>owner</th>
                <th title="mass (kg)">kg</th>
                <th>score</th>
                {FACTOR_COLUMNS.map((c) => (
                  <th key={c.key} title={c.title}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ranking.items.map((i) => (
                <tr key={i.object} data-object={i.object} tabIndex={0} onClick={() => onPick(i.object)} onKeyDown={(e) => e.key === 'Enter' && onPick(i.object)} title={`type from ${String(i.factors['typeSource'] ?? '?')}; mass from ${String(i.factors['massSource'] ?? '?')}`}>
                  <td>{i.rank}</td>
                  <td>{i.object}</td>
                  <td>{i.name}</td>
                  <td>{i.type.toLowerCase()}</td>
                  <td>{i.owner ?? '—'}</td>
                  <td>{Math.round(i.massKg)}</td>
                  <td>{formatFactor(i.score)}</td>
                  {FACTOR_COLUMNS.map((c) => (
                    <td key={c.key}>{formatFactor(i.factors[c.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
