/** Search the catalog by name or catalog number; Enter or a click selects (and flies to) the object. */
import { useMemo, useState } from 'react';
import type { CatalogObject } from '../globe/protocol.ts';

export function ObjectSearch({ objects, onPick }: { objects: readonly CatalogObject[]; onPick: (catalogNumber: number) => void }) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const matches = useMemo(() => {
    const t = q.trim().toUpperCase();
    if (t === '') return [];
    const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
    const out: CatalogObject[] = [];
    for (const o of objects) {
      if (o.catalogNumber === n) out.unshift(o);
      else if (o.name.toUpperCase().includes(t) || o.intlDesignator.toUpperCase().startsWith(t)) out.push(o);
      if (out.length >= 12 && Number.isNaN(n)) break;
    }
    return out.slice(0, 12);
  }, [q, objects]);
  const pick = (o: CatalogObject) => {
    onPick(o.catalogNumber);
    setQ(o.name);
    setOpen(false);
  };
  return (
    <div className="search" role="search">
      <input
        type="search"
        placeholder="Search name or catalog #"
        aria-label="Search objects by name or catalog number"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0] !== undefined) pick(matches[0]);
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && matches.length > 0 ? (
        <ul className="search-results" role="listbox">
          {matches.map((o) => (
            <li key={o.catalogNumber} role="option" aria-selected="false">
              <button type="button" onClick={() => pick(o)}>
                {o.name} <span className="muted">#{o.catalogNumber}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
