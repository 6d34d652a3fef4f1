/**
 * The launch-site network (China): launch sites and pads, sea-launch points, booster landing zones (land), maritime
 * recovery areas and recovery bases (ports, helicopter bases).
 *
 * Sources. Site coordinates are column A of `../shared/data/operations/launch-sites/launch_sites.csv` (compiled from
 * Joey0609/notams `scripts/scripts.js`, MIT, commit 380573f6; for Jiuquan, Taiyuan, Wenchang and Xichang a second
 * source, wohaco/despace `spaceport.md`, agrees within 20–80 m). These are site-level markers, not pad coordinates:
 * no public pad-level coordinates exist for any Chinese site. The Hainan commercial site, the Haiyang port and the
 * two Minqin landing zones have a single unverified source (5 km tolerance).
 *
 * Assumptions (documented, not published data; see docs/design/launch-and-recovery.md):
 * - Azimuth sectors: the Earth-relative launch azimuths a site is assumed to accept, from geography (coast, borders,
 *   populated areas down-range) and historical practice. A target whose direct azimuth falls outside every sector is
 *   flown as a dog-leg from the nearest sector edge (windows.ts prices the plane change).
 * - Corridors: azimuth sequences (Earth-relative heading against great-circle distance from the pad) that ascents
 *   follow before closed-loop steering to the target plane. The Taiyuan southbound corridor (171° → 178°) is the
 *   realised azimuth range of the published CZ-6A hazard areas (PROVENANCE of launch-sites): the cross-track position
 *   of predicted Taiyuan drop zones is therefore not an independent check; their downrange distance is.
 * - The two Hainan commercial pads use the site marker (pad positions are not published; the pads are < 1 km apart).
 * - Sea-launch points and maritime recovery areas are representative positions chosen by us (areas used by past
 *   missions are reported only in news), each marked `assumed`.
 *
 * Units: degrees and km at this data edge (names carry the unit); the computing modules convert to radians.
 */
import { ArgumentError } from '../../errors/index.ts';

/** An allowed Earth-relative launch-azimuth sector, from `fromDeg` clockwise to `toDeg` (north = 0°, east = 90°). */
export interface AzimuthSector {
  readonly fromDeg: number;
  readonly toDeg: number;
  /** Why the sector is what it is (geography, overflight). */
  readonly note: string;
}

/** One node of an ascent corridor: the Earth-relative heading commanded up to this great-circle distance from the pad. */
export interface CorridorNode {
  readonly downrangeKm: number;
  readonly azimuthDeg: number;
}

/** An ascent corridor: an azimuth sequence held before closed-loop steering into the target plane (the dog-leg). */
export interface AscentCorridor {
  readonly id: string;
  /** Headings, piecewise linear in downrange distance; after the last node the ascent steers into the target plane. */
  readonly nodes: readonly CorridorNode[];
  readonly note: string;
}

export type SiteKind = 'launch-site' | 'sea-launch' | 'landing-zone-land' | 'recovery-area-sea' | 'port' | 'helicopter-base';

/** A place of the network. Coordinates are WGS-84 geodetic (deg), height above the ellipsoid (km). */
export interface NetworkSite {
  /** Lower-case kebab id used by the CLI and the API: `taiyuan`, `hainan-commercial`. */
  readonly id: string;
  readonly name: string;
  readonly kind: SiteKind;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly heightKm: number;
  /** Allowed launch-azimuth sectors (launch sites only). */
  readonly azimuthSectors: readonly AzimuthSector[];
  /** Named ascent corridors (launch sites only). */
  readonly corridors: readonly AscentCorridor[];
  /** Pads of the site (ids), when it has several. */
  readonly pads: readonly { readonly id: string; readonly latDeg: number; readonly lonDeg: number; readonly note: string }[];
  /** Overflight constraints in words (what the sectors and corridors encode). */
  readonly overflight: string;
  /** Radius of an area (recovery areas, landing zones), km; 0 for a point. */
  readonly radiusKm: number;
  /** Whether the position is ours (representative), not from a source. */
  readonly assumed: boolean;
  readonly source: string;
  /** CelesTrak SATCAT launch-site code, when there is one. */
  readonly satcatCode?: string;
}

const SRC_A = 'launch_sites.csv column A: Joey0609/notams scripts/scripts.js siteInit() (MIT, commit 380573f6)';
const SRC_AB = `${SRC_A}; agrees with wohaco/despace spaceport.md within 0.1 km`;

function launchSite(
  id: string,
  name: string,
  latDeg: number,
  lonDeg: number,
  sectors: readonly AzimuthSector[],
  corridors: readonly AscentCorridor[],
  overflight: string,
  source: string,
  extra: Partial<NetworkSite> = {},
): NetworkSite {
  return { id, name, kind: 'launch-site', latDeg, lonDeg, heightKm: 0, azimuthSectors: sectors, corridors, pads: [], overflight, radiusKm: 0, assumed: false, source, ...extra };
}

function place(id: string, name: string, kind: SiteKind, latDeg: number, lonDeg: number, radiusKm: number, assumed: boolean, source: string, overflight = ''): NetworkSite {
  return { id, name, kind, latDeg, lonDeg, heightKm: 0, azimuthSectors: [], corridors: [], pads: [], overflight, radiusKm, assumed, source };
}

const HAINAN_SECTOR: readonly AzimuthSector[] = [{ fromDeg: 85, toDeg: 200, note: 'east over the South China Sea through south; north-east and west cross Hainan, Guangdong and Vietnam (assumption)' }];

/** The network. Launch sites first. */
export const SITE_NETWORK: readonly NetworkSite[] = [
  launchSite(
    'jiuquan',
    'Jiuquan Satellite Launch Center',
    40.96806,
    100.27806,
    [{ fromDeg: 80, toDeg: 200, note: 'east to south-south-west over the Gobi; the Mongolian border lies north (assumption)' }],
    [{ id: 'jiuquan-southeast', nodes: [{ downrangeKm: 0, azimuthDeg: 135 }, { downrangeKm: 300, azimuthDeg: 135 }], note: 'south-east over desert before steering (assumption)' }],
    'Stages fall in the Gobi and the Alxa/Inner Mongolia deserts; no ascent north of 80° azimuth (Mongolia).',
    SRC_AB,
    { satcatCode: 'JSC' },
  ),
  launchSite(
    'taiyuan',
    'Taiyuan Satellite Launch Center',
    38.84861,
    111.60778,
    [{ fromDeg: 140, toDeg: 200, note: 'southward (polar, sun-synchronous); the densely populated North China Plain lies east (assumption)' }],
    [
      {
        id: 'taiyuan-south',
        nodes: [{ downrangeKm: 0, azimuthDeg: 171 }, { downrangeKm: 180, azimuthDeg: 178 }],
        note: 'Earth-relative heading turning from 171° at liftoff to 178° at 700 km down-range (east of the direct ~181°, away from the North China Plain), then the dog-leg into the plane. 171–178° is the realised azimuth range of the published CZ-6A hazard areas (launch-sites PROVENANCE), as the issue gives it; the 700 km length (the vehicle\'s down-range at fairing jettison) is ours',
      },
    ],
    'Inland site: spent boosters and first stages fall on land in Shanxi/Henan/Hubei/Hunan, then the South China Sea; hazard areas are announced by NOTAM.',
    SRC_AB,
    { satcatCode: 'TAISC' },
  ),
  launchSite(
    'xichang',
    'Xichang Satellite Launch Center',
    28.24556,
    102.02667,
    [{ fromDeg: 90, toDeg: 130, note: 'east-south-east to geostationary transfer; inland, stages fall in Guizhou/Hunan (assumption)' }],
    [],
    'Inland: first stages and boosters fall on land down-range (Guizhou, Guangxi).',
    SRC_AB,
    { satcatCode: 'XICLF' },
  ),
  launchSite('wenchang', 'Wenchang Space Launch Site', 19.614379, 110.950996, HAINAN_SECTOR, [], 'Coastal: stages fall in the South China Sea and the Pacific.', SRC_AB, { satcatCode: 'WSC' }),
  launchSite('hainan-commercial', 'Hainan Commercial Spacecraft Launch Site', 19.596983, 110.930836, HAINAN_SECTOR, [], 'Coastal, 2.8 km south-west of the Wenchang marker; same sectors as Wenchang.', `${SRC_A} (single source)`, {
    pads: [
      { id: 'pad-1', latDeg: 19.596983, lonDeg: 110.930836, note: 'pad position not published: the site marker is used' },
      { id: 'pad-2', latDeg: 19.596983, lonDeg: 110.930836, note: 'pad position not published: the site marker is used' },
    ],
  }),
  launchSite(
    'haiyang-sea',
    'Haiyang Oriental Spaceport sea-launch area (Yellow Sea)',
    35.0,
    121.5,
    [{ fromDeg: 100, toDeg: 200, note: 'south-east through south between the Korean peninsula and the Chinese coast (assumption)' }],
    [],
    'Sea launch from a ship; the launch point varies per mission. Home port Haiyang (36.688761N 121.259377E, single source).',
    'launch point assumed (representative Yellow Sea point south of the Haiyang home port); home port from launch_sites.csv column A',
    { kind: 'sea-launch', assumed: true, satcatCode: 'YSLA' },
  ),
  place('minqin-landspace', 'LandSpace recovery landing site (Minqin, Gansu)', 'landing-zone-land', 38.445084, 103.480743, 2, false, `${SRC_A} (single unverified source)`),
  place('minqin-cz12a', 'CZ-12A recovery landing site (Minqin, Gansu)', 'landing-zone-land', 39.043999, 101.922999, 2, false, `${SRC_A} (single unverified source)`),
  place('south-china-sea-east', 'Maritime recovery area east of Hainan', 'recovery-area-sea', 19.4, 113.2, 60, true, 'assumed: open sea on the eastward ascent from Wenchang/Hainan commercial'),
  place('south-china-sea-south', 'Maritime recovery area south-east of Hainan', 'recovery-area-sea', 17.0, 112.0, 60, true, 'assumed: open sea on the southward ascent from Wenchang/Hainan commercial'),
  place('yellow-sea-south', 'Maritime recovery area, southern Yellow Sea', 'recovery-area-sea', 33.0, 123.0, 60, true, 'assumed: open sea south of the Haiyang sea-launch area'),
  place('port-qinglan', 'Qinglan port (Wenchang)', 'port', 19.55, 110.82, 0, true, 'assumed position of the port near the Wenchang site'),
  place('port-sanya', 'Sanya port', 'port', 18.23, 109.5, 0, true, 'assumed position'),
  place('port-haiyang', 'Haiyang port (sea-launch home port)', 'port', 36.688761, 121.259377, 0, false, `${SRC_A} (single source)`),
  place('heli-wenchang', 'Wenchang helicopter base', 'helicopter-base', 19.6, 110.9, 0, true, 'assumed: at the Wenchang site'),
  place('heli-minqin', 'Minqin helicopter base', 'helicopter-base', 38.6, 103.1, 0, true, 'assumed: Minqin town'),
];

/** All ids of a kind. */
export function sitesOfKind(kind: SiteKind): NetworkSite[] {
  return SITE_NETWORK.filter((s) => s.kind === kind);
}

/** Sites a vehicle can lift off from (land launch sites and sea-launch points). */
export function launchSites(): NetworkSite[] {
  return SITE_NETWORK.filter((s) => s.kind === 'launch-site' || s.kind === 'sea-launch');
}

/** Looks up a site by its kebab id (case-insensitive). Throws NOT_FOUND-style ArgumentError listing the known ids. */
export function findSite(id: string): NetworkSite {
  const key = id.trim().toLowerCase();
  const s = SITE_NETWORK.find((x) => x.id === key);
  if (s === undefined) {
    throw new ArgumentError(`Unknown site "${id}". Known sites: ${SITE_NETWORK.map((x) => x.id).join(', ')}.`, id);
  }
  return s;
}

/** Looks up a launch site (or sea-launch point). Throws ArgumentError for an unknown id or a place that is not one. */
export function findLaunchSite(id: string): NetworkSite {
  if (!SITE_NETWORK.some((x) => x.id === id.trim().toLowerCase())) {
    throw new ArgumentError(`Unknown launch site "${id}". Launch sites: ${launchSites().map((x) => x.id).join(', ')}.`, id);
  }
  const s = findSite(id);
  if (s.kind !== 'launch-site' && s.kind !== 'sea-launch') {
    throw new ArgumentError(`"${id}" is a ${s.kind}, not a launch site. Launch sites: ${launchSites().map((x) => x.id).join(', ')}.`, id);
  }
  return s;
}

/** Whether an Earth-relative azimuth (deg) lies in one of the site's sectors. */
export function azimuthAllowed(site: NetworkSite, azimuthDeg: number): boolean {
  const a = ((azimuthDeg % 360) + 360) % 360;
  return site.azimuthSectors.some((s) => (s.fromDeg <= s.toDeg ? a >= s.fromDeg && a <= s.toDeg : a >= s.fromDeg || a <= s.toDeg));
}
