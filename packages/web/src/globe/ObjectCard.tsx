/** The card of a selected object: identity, mean elements, orbit figures, element age at the clock's time, fleets. */
import type { CatalogObject } from './protocol.ts';
import { orbitFigures } from '../app/orbit.ts';
import { formatAgeDays, formatUtc } from '../app/format.ts';

export function ObjectCard({ object, clockMs, fleets, onClose }: { object: CatalogObject; clockMs: number; fleets: readonly string[]; onClose: () => void }) {
  const f = orbitFigures(object.meanMotionRevPerDay, object.eccentricity);
  return (
    <aside className="object-card" aria-label={`Object ${object.catalogNumber}`} data-testid="object-card">
      <div className="row">
        <strong>{object.name}</strong>
        <button type="button" className="close" aria-label="Close the object card" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="muted">
        #{object.catalogNumber} · {object.intlDesignator || 'no international designator'} · {object.objectType}
      </div>
      <dl className="facts">
        <dt>Epoch</dt>
        <dd>
          {formatUtc(object.epochUtcMs)} (age {formatAgeDays(clockMs - object.epochUtcMs)})
        </dd>
        <dt>Orbit</dt>
        <dd>
          {f.perigeeAltKm.toFixed(0)} × {f.apogeeAltKm.toFixed(0)} km, {object.inclinationDeg.toFixed(2)}°, {f.periodMin.toFixed(1)} min
        </dd>
        <dt>Elements</dt>
        <dd>
          n {object.meanMotionRevPerDay.toFixed(8)} rev/d · e {object.eccentricity.toFixed(7)} · Ω {object.raanDeg.toFixed(4)}° · ω {object.argOfPericenterDeg.toFixed(4)}° · M {object.meanAnomalyDeg.toFixed(4)}° · B* {object.bstarPerEarthRadii.toExponential(4)}
        </dd>
        <dt>Fleet</dt>
        <dd>{fleets.length > 0 ? fleets.join(', ') : 'not in your fleets'}</dd>
      </dl>
    </aside>
  );
}
