/**
 * Mass and size defaults for objects the NASA CARA HBR/mass table leaves blank (its DISCOS-sourced rows are blank by
 * licence). Rocket bodies are recognised by launch-vehicle family in the name ("SL-16 R/B"); the masses are rounded
 * dry masses of the spent stage as commonly published (launch-vehicle user manuals and encyclopaedic summaries such
 * as Gunter's Space Page / Wikipedia stage tables), good to about ±25 %: engineering defaults, not measurements.
 * Everything else falls back by object type. Every value reports where it came from.
 */
import type { ObjectType } from '../catalog/model.ts';

/** Spent upper-stage families: name pattern, rounded dry mass (kg), characteristic radius (m: half the larger of diameter and length/2). */
export const ROCKET_BODY_FAMILIES: readonly { readonly pattern: RegExp; readonly family: string; readonly massKg: number; readonly radiusM: number }[] = [
  { pattern: /\bSL-16\b|ZENIT/, family: 'SL-16 (Zenit-2 second stage)', massKg: 8900, radiusM: 5.5 },
  { pattern: /\bSL-8\b|COSMOS-3M|KOSMOS-3M/, family: 'SL-8 (Kosmos-3M second stage)', massKg: 1400, radiusM: 3.3 },
  { pattern: /\bSL-14\b|TSYKLON/, family: 'SL-14 (Tsyklon-3 third stage)', massKg: 1400, radiusM: 1.4 },
  { pattern: /\bSL-3\b/, family: 'SL-3 (Vostok Block E)', massKg: 1440, radiusM: 1.5 },
  { pattern: /\bSL-12\b|\bSL-19\b|BREEZE|BRIZ/, family: 'Breeze-KM / Block DM upper stage', massKg: 1600, radiusM: 1.3 },
  { pattern: /\bSL-6\b/, family: 'SL-6 (Molniya Block L)', massKg: 1100, radiusM: 1.4 },
  { pattern: /\bSL-4\b|\bSL-24\b|FREGAT|SOYUZ/, family: 'Soyuz/Fregat upper stage', massKg: 1000, radiusM: 1.7 },
  { pattern: /\bCZ-2C\b|\bCZ-2D\b/, family: 'CZ-2C/2D second stage', massKg: 4000, radiusM: 2.5 },
  { pattern: /\bCZ-4[ABC]?\b/, family: 'CZ-4 third stage', massKg: 1500, radiusM: 1.5 },
  { pattern: /\bCZ-3[ABC]?\b/, family: 'CZ-3 third stage', massKg: 2800, radiusM: 3.0 },
  { pattern: /\bCZ-6A?\b/, family: 'CZ-6 upper stage', massKg: 4600, radiusM: 3.0 },
  { pattern: /\bH-2A?\b|\bH-II/, family: 'H-II/H-IIA second stage', massKg: 3000, radiusM: 3.0 },
  { pattern: /ARIANE 5/, family: 'Ariane 5 upper stage', massKg: 4500, radiusM: 2.7 },
  { pattern: /ARIANE 4|ARIANE 40|ARIANE 1|ARIANE 2|ARIANE 3/, family: 'Ariane 1-4 third stage', massKg: 1750, radiusM: 2.6 },
  { pattern: /FALCON 9/, family: 'Falcon 9 second stage', massKg: 4000, radiusM: 6.0 },
  { pattern: /CENTAUR/, family: 'Centaur upper stage', massKg: 2100, radiusM: 3.1 },
  { pattern: /DELTA/, family: 'Delta second stage', massKg: 950, radiusM: 1.5 },
  { pattern: /PSLV/, family: 'PSLV fourth stage', massKg: 900, radiusM: 1.4 },
  { pattern: /THOR|AGENA/, family: 'Thor/Agena upper stage', massKg: 700, radiusM: 2.0 },
  { pattern: /PEGASUS|SCOUT|MINOTAUR/, family: 'small solid upper stage', massKg: 200, radiusM: 0.8 },
  { pattern: /ELECTRON KICK/, family: 'Electron kick stage', massKg: 40, radiusM: 0.5 },
];

/** Type defaults (kg, m): an unnamed rocket body, a payload of the catalogue's typical size, a tracked fragment. */
export const TYPE_DEFAULTS: Readonly<Record<ObjectType, { readonly massKg: number; readonly radiusM: number }>> = {
  'ROCKET BODY': { massKg: 1000, radiusM: 1.5 },
  PAYLOAD: { massKg: 500, radiusM: 1.0 },
  UNKNOWN: { massKg: 500, radiusM: 1.0 },
  DEBRIS: { massKg: 1, radiusM: 0.1 },
};

export interface MassEstimate {
  readonly massKg: number;
  readonly massSource: string;
  readonly radiusM: number;
  readonly radiusSource: string;
}

/** Mass and radius of an object: CARA values when present, else the rocket-body family, else the type default. */
export function estimateMassAndRadius(name: string | undefined, type: ObjectType, cara: { massKg?: number; hbrM?: number; hbrSource?: string } | undefined): MassEstimate {
  const upper = (name ?? '').toUpperCase();
  const family = type === 'ROCKET BODY' ? ROCKET_BODY_FAMILIES.find((f) => f.pattern.test(upper)) : undefined;
  const def = TYPE_DEFAULTS[type];
  const mass = cara?.massKg !== undefined
    ? { massKg: cara.massKg, massSource: 'CARA table' }
    : family
      ? { massKg: family.massKg, massSource: `family default: ${family.family}` }
      : { massKg: def.massKg, massSource: `type default: ${type}` };
  const radius = cara?.hbrM !== undefined
    ? { radiusM: cara.hbrM, radiusSource: `CARA table${cara.hbrSource ? ` (${cara.hbrSource})` : ''}` }
    : family
      ? { radiusM: family.radiusM, radiusSource: `family default: ${family.family}` }
      : { radiusM: def.radiusM, radiusSource: `type default: ${type}` };
  return { ...mass, ...radius };
}
