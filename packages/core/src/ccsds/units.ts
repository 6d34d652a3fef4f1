/**
 * Units of NDM keyword values (CCSDS 502.0-B-3 ODM §7.7.2, 508.0-B-1 CDM): a value may carry its unit in square
 * brackets. Readers accept the standard's unit, its common spellings (`km**2/s`, `km²·s⁻¹`, `km2/s`) and the SI
 * alternatives of the same dimension (`m`, `m/s`, `m**2`), converting to the standard unit, which is the core's
 * (km, km/s, kg, m², deg, s); a unit of another dimension is an error that names it.
 */

/** What a keyword measures; each maps to one standard unit. */
export type NdmQuantity =
  | 'length'
  | 'velocity'
  | 'acceleration'
  | 'mass'
  | 'area'
  | 'angle'
  | 'duration'
  | 'gm'
  | 'positionCovariance'
  | 'positionVelocityCovariance'
  | 'velocityCovariance'
  | 'dimensionless';

/** The standard (written) unit of each quantity, as the ODM spells it. */
export const NDM_STANDARD_UNIT: Readonly<Record<NdmQuantity, string | undefined>> = {
  length: 'km',
  velocity: 'km/s',
  acceleration: 'km/s**2',
  mass: 'kg',
  area: 'm**2',
  angle: 'deg',
  duration: 's',
  gm: 'km**3/s**2',
  positionCovariance: 'km**2',
  positionVelocityCovariance: 'km**2/s',
  velocityCovariance: 'km**2/s**2',
  dimensionless: undefined,
};

const FACTORS: Readonly<Record<NdmQuantity, Readonly<Record<string, number>>>> = {
  length: { km: 1, m: 1e-3 },
  velocity: { 'km/s': 1, 'm/s': 1e-3 },
  acceleration: { 'km/s^2': 1, 'm/s^2': 1e-3 },
  mass: { kg: 1 },
  area: { 'm^2': 1, 'km^2': 1e6 },
  angle: { deg: 1, rad: 180 / Math.PI },
  duration: { s: 1 },
  gm: { 'km^3/s^2': 1, 'm^3/s^2': 1e-9 },
  positionCovariance: { 'km^2': 1, 'm^2': 1e-6 },
  positionVelocityCovariance: { 'km^2/s': 1, 'm^2/s': 1e-6 },
  velocityCovariance: { 'km^2/s^2': 1, 'm^2/s^2': 1e-6 },
  dimensionless: { '': 1, 'n/a': 1, '-': 1, '1': 1 },
};

/** A canonical spelling of a unit: `km**2/s`, `km²·s⁻¹`, `km2/s` and `KM**2/S` all become `km^2/s`. */
export function canonicalUnit(unit: string): string {
  let u = unit
    .replace(/\s+/g, '')
    .replace(/\*\*/g, '^')
    .replace(/⁻¹/g, '^-1')
    .replace(/⁻²/g, '^-2')
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/[×·]/g, '*')
    .replace(/\.(?=[a-zA-Z])/g, '*')
    .toLowerCase();
  u = u.replace(/([a-z])([23])(?![0-9])/g, '$1^$2');
  u = u.replace(/\*s\^-1$/, '/s').replace(/\*s\^-2$/, '/s^2');
  return u;
}

/**
 * The factor that turns a value written in `unit` into the standard unit of `quantity` (1 when no unit is written),
 * or undefined when the unit is not one of that quantity's.
 */
export function ndmUnitFactor(unit: string | undefined, quantity: NdmQuantity): number | undefined {
  if (unit === undefined) return 1;
  return FACTORS[quantity][canonicalUnit(unit)];
}
