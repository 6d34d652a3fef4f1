/**
 * Parametric multi-stage launch vehicles and the library of public-specification vehicles.
 *
 * A vehicle is a list of serial stages (the first ignites at liftoff), optional strap-on boosters burning in parallel
 * with the first stage from liftoff, a payload fairing and a pitch programme. Each propulsive element gives its dry and
 * propellant mass, vacuum and sea-level thrust and specific impulse per engine group: thrust at height h is
 * T(h) = T_vac − (T_vac − T_sl)·p(h)/p₀ (the nozzle pressure term) and the mass flow is ṁ = T_vac/(g₀·Isp_vac), so the
 * burn time is m_prop/ṁ. Falling elements (boosters, stages, fairing halves) carry a ballistic coefficient
 * β = m/(C_D·A) (kg/m²) for their fall.
 *
 * Sources and assumptions. Figures are public specifications as summarised by the manufacturers' releases (CASC/CALT/
 * SAST), the CALT LM-2C/LM-3A user's manuals and the Wikipedia pages "Long March 2C", "Long March 2D", "Long March 5",
 * "Long March 6A", "Long March 7", "Long March 8", "Long March 10" (values rounded; where a page gives only the total
 * liftoff mass, the split between stages is ours and is said so). The three generic vehicles (CZ-10-class, reusable 20 t,
 * heavy 100 t) are sizing studies, not real vehicles. Ballistic coefficients are engineering estimates (a tumbling
 * cylinder C_D ≈ 0.8 on its side area for stages, C_D ≈ 1.2 on the half-shell area for fairing halves). Nothing here
 * was fitted to a drop-zone observation.
 */
import { ArgumentError } from '../errors/index.ts';
import { STANDARD_GRAVITY_MPS2 } from '../units/index.ts';

/** Standard gravity (m/s²): units' STANDARD_GRAVITY_MPS2 under the name the ascent model uses. */
export const G0_MPS2 = STANDARD_GRAVITY_MPS2;

/** A propulsive element: a stage, or one strap-on booster (with `count` identical units). */
export interface PropulsiveElement {
  readonly name: string;
  /** Identical units (boosters: 2 or 4; a stage: 1). */
  readonly count: number;
  /** Per unit (kg). */
  readonly dryMassKg: number;
  readonly propellantMassKg: number;
  /** Per unit, all engines of the unit (kN). */
  readonly thrustVacKn: number;
  readonly thrustSlKn: number;
  readonly ispVacS: number;
  readonly diameterM: number;
  /** β = m/(C_D A) of a spent unit falling (kg/m²). */
  readonly ballisticCoefficientKgPerM2: number;
  /** The element is recovered (reusable first stage): propellant fraction kept for the landing burns. */
  readonly recovery?: { readonly mode: 'sea-platform' | 'land'; readonly reservePropellantFraction: number; readonly landingDispersion3SigmaKm: number };
  /** Liquid engines can be shut down early (guidance cut-off); solids burn out. */
  readonly solid?: boolean;
}

/** The payload fairing (two halves jettisoned together). */
export interface Fairing {
  readonly massKg: number;
  readonly diameterM: number;
  /** β of one half (kg/m²). */
  readonly ballisticCoefficientKgPerM2: number;
  /** Jettison when the free-molecular heat flux ½ρv³ falls below this (W/m²); 1135 W/m² is the common rule. */
  readonly jettisonHeatFluxWPerM2: number;
}

/** Pitch programme: vertical rise, then a pitch-over (kick), then a gravity turn; upper stages fly a linear-tangent-like law. */
export interface PitchProgramme {
  readonly verticalRiseS: number;
  /** Nominal pitch-over angle from the vertical (deg), reached linearly over `kickDurationS`; ascent.ts solves it for `burnoutFlightPathDeg` unless a request fixes it. */
  readonly kickDeg: number;
  readonly kickDurationS: number;
  /**
   * Earth-relative flight-path angle at first-stage burn-out (deg) that the pitch-over is solved for (ascent.ts).
   * 20° is our generic assumption for LEO ascents (Saturn V S-IC cut-off ≈ 20°; gravity-turn first stages burn out at
   * 15–30°); it is not fitted to any drop-zone observation.
   */
  readonly burnoutFlightPathDeg: number;
}

/**
 * Campaign figures of a vehicle (constellation deployment, core/constellation/deployment): the payload to one
 * reference circular orbit from one site latitude (the first-order payload model there scales it to other orbits
 * with the last stage's Isp and dry mass), the highest insertion altitude offered, the sites it flies from, and its
 * cadence. Cadence figures are Skylane assumptions unless the source says otherwise.
 */
export interface VehicleCampaign {
  /** Payload (kg) to the reference circular orbit. */
  readonly referenceCapacityKg: number;
  readonly referenceAltitudeKm: number;
  readonly referenceInclinationDeg: number;
  /** Latitude of the launch site the reference figure is quoted for (deg). */
  readonly referenceLatitudeDeg: number;
  /** Highest circular insertion altitude offered (km). */
  readonly maxInsertionAltitudeKm: number;
  /** Site ids (core/launch/sites) the vehicle flies from. */
  readonly sites: readonly string[];
  /** Vehicles (or recovered first stages) available in parallel. */
  readonly units: number;
  /** Days between two flights of one unit (build or refurbishment). */
  readonly turnaroundDays: number;
  /** Days a pad needs between two flights of this vehicle. */
  readonly padTurnaroundDays: number;
  readonly reusable: boolean;
  /** Where the capacity and cadence figures come from. */
  readonly source: string;
}

export interface Vehicle {
  /** Kebab id: `cz-6a`. */
  readonly id: string;
  readonly name: string;
  readonly boosters?: PropulsiveElement;
  /** Serial stages; the first ignites at liftoff. */
  readonly stages: readonly PropulsiveElement[];
  readonly fairing: Fairing;
  /** Reference payload (kg) used when a plan gives none, and the orbit it refers to. */
  readonly referencePayloadKg: number;
  readonly referenceOrbit: string;
  /** Axial drag coefficient during ascent (on the largest cross-section). */
  readonly ascentDragCoefficient: number;
  readonly pitch: PitchProgramme;
  readonly sources: readonly string[];
  readonly assumptions: readonly string[];
  /** Campaign figures, for the vehicles offered to constellation deployment. */
  readonly campaign?: VehicleCampaign;
}

const DEFAULT_PITCH: PitchProgramme = { verticalRiseS: 10, kickDeg: 3, kickDurationS: 10, burnoutFlightPathDeg: 20 };
const FAIRING_RULE = 1135;

function stage(name: string, o: Omit<PropulsiveElement, 'name' | 'count'> & { count?: number }): PropulsiveElement {
  return { name, count: o.count ?? 1, ...o };
}

/** The vehicle library. */
export const VEHICLES: readonly Vehicle[] = [
  {
    id: 'cz-2c',
    name: 'Long March 2C (two-stage)',
    stages: [
      stage('first-stage', { dryMassKg: 9500, propellantMassKg: 162700, thrustVacKn: 3265, thrustSlKn: 2962, ispVacS: 289, diameterM: 3.35, ballisticCoefficientKgPerM2: 420 }),
      stage('second-stage', { dryMassKg: 3900, propellantMassKg: 54700, thrustVacKn: 789, thrustSlKn: 700, ispVacS: 297, diameterM: 3.35, ballisticCoefficientKgPerM2: 250 }),
    ],
    fairing: { massKg: 1100, diameterM: 3.35, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 2000,
    referenceOrbit: 'LEO 3,850 kg (200 km); SSO ~1,400 kg',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 2C"', 'CALT LM-2C User\'s Manual (4 × YF-21C first stage, YF-24E second stage)'],
    assumptions: ['Stage dry masses rounded from public totals (liftoff 245 t)', 'Second-stage thrust includes the four verniers'],
  },
  {
    id: 'cz-2d',
    name: 'Long March 2D',
    stages: [
      stage('first-stage', { dryMassKg: 9500, propellantMassKg: 182000, thrustVacKn: 3265, thrustSlKn: 2962, ispVacS: 289, diameterM: 3.35, ballisticCoefficientKgPerM2: 430 }),
      stage('second-stage', { dryMassKg: 4000, propellantMassKg: 52700, thrustVacKn: 789, thrustSlKn: 700, ispVacS: 297, diameterM: 3.35, ballisticCoefficientKgPerM2: 250 }),
    ],
    fairing: { massKg: 1100, diameterM: 3.35, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 1300,
    referenceOrbit: 'SSO 700 km ~1,300 kg',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 2D"', 'SAST releases (liftoff 250 t, 4 × YF-21C, YF-24C)'],
    assumptions: ['Stage dry masses ours (rounded)'],
  },
  {
    id: 'cz-5',
    name: 'Long March 5 (with YF-75D second stage)',
    boosters: stage('boosters', { count: 4, dryMassKg: 12500, propellantMassKg: 142800, thrustVacKn: 2680, thrustSlKn: 2400, ispVacS: 335, diameterM: 3.35, ballisticCoefficientKgPerM2: 450 }),
    stages: [
      stage('core-stage', { dryMassKg: 21600, propellantMassKg: 165300, thrustVacKn: 1400, thrustSlKn: 1020, ispVacS: 430, diameterM: 5, ballisticCoefficientKgPerM2: 350 }),
      stage('second-stage', { dryMassKg: 3500, propellantMassKg: 23000, thrustVacKn: 177, thrustSlKn: 100, ispVacS: 442, diameterM: 5, ballisticCoefficientKgPerM2: 150 }),
    ],
    fairing: { massKg: 5000, diameterM: 5.2, ballisticCoefficientKgPerM2: 45, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 14000,
    referenceOrbit: 'GTO 14 t; LEO ~25 t (as 5B)',
    ascentDragCoefficient: 0.45,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 5"', 'CALT releases: 4 × 3.35 m boosters (2 × YF-100 each), 5 m core (2 × YF-77), 2 × YF-75D'],
    assumptions: ['Dry masses ours (liftoff ~867 t)'],
  },
  {
    id: 'cz-5b',
    name: 'Long March 5B',
    boosters: stage('boosters', { count: 4, dryMassKg: 12500, propellantMassKg: 142800, thrustVacKn: 2680, thrustSlKn: 2400, ispVacS: 335, diameterM: 3.35, ballisticCoefficientKgPerM2: 450 }),
    stages: [stage('core-stage', { dryMassKg: 21600, propellantMassKg: 165300, thrustVacKn: 1400, thrustSlKn: 1020, ispVacS: 430, diameterM: 5, ballisticCoefficientKgPerM2: 350 })],
    fairing: { massKg: 5500, diameterM: 5.2, ballisticCoefficientKgPerM2: 45, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 22000,
    referenceOrbit: 'LEO 25 t (200 × 400 km)',
    ascentDragCoefficient: 0.45,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 5B"', 'CALT releases: core stage reaches orbit (no second stage)'],
    assumptions: ['The core stage reaches orbit: it is not a drop-zone element'],
  },
  {
    id: 'cz-6a',
    name: 'Long March 6A',
    boosters: stage('boosters', { count: 4, dryMassKg: 10100, propellantMassKg: 64500, thrustVacKn: 1330, thrustSlKn: 1200, ispVacS: 285, diameterM: 2, ballisticCoefficientKgPerM2: 500, solid: true }),
    stages: [
      stage('first-stage', { dryMassKg: 12000, propellantMassKg: 174000, thrustVacKn: 2680, thrustSlKn: 2376, ispVacS: 335, diameterM: 3.35, ballisticCoefficientKgPerM2: 450 }),
      stage('second-stage', { dryMassKg: 4000, propellantMassKg: 35000, thrustVacKn: 180, thrustSlKn: 120, ispVacS: 342, diameterM: 3.35, ballisticCoefficientKgPerM2: 200 }),
    ],
    fairing: { massKg: 2000, diameterM: 4.2, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 4500,
    referenceOrbit: 'SSO 700 km 4.5 t',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: [
      'CASC/SAST releases and CGTN (2022-03-29): liftoff mass 530 t, height 50 m, 3.35 m core, four solid boosters, 4 t-class to 700 km SSO',
      'Wikipedia "Long March 6A": 2 × YF-100 first stage (1,188 kN sea level each), YF-115 second stage, 4 × 2 m solid boosters of the 120 t-thrust class',
      'CCTV / China Space News (2022-03-29/30): boosters are 2 m, two-segment 120 t-thrust solid motors of CASC 4th Academy giving ~70 % of liftoff thrust',
      'Xinhua (2019-03-05): the earlier one-segment 2 m, 120 t motor held 35 t of propellant (so ~70 t for two segments, consistent with 64.5 t)',
      'Science and Technology Daily via CRNTT (joint hot-fire with the servo system): the 2 m two-segment booster motor of the new-generation medium launcher is China\'s solid motor with the largest propellant load, thrust and burn time (no figures)',
    ],
    assumptions: [
      'First stage taken as the CZ-7 core (same 3.35 m diameter, same 2 × YF-100): 174 t propellant, 12 t dry (analogy, ours)',
      'Solid boosters close the 530 t liftoff mass: 4 × 74.6 t (64.5 t propellant, 13.5 % structure), 1,200 kN sea level each (the 120 t class), Isp 285 s vacuum: ~136 s burn',
      'Second stage: one YF-115 (180 kN, Isp 342 s, the CZ-6 second-stage engine) on a 3.35 m stage; 35 t propellant is our estimate',
      'Not public (searched 2026-12-07, twice): booster propellant, burn/separation time and thrust-time curve (constant thrust assumed), first-stage propellant, any flight timeline',
      'The boosters land ~640 km out where every CZ-6A NOTAM set from Taiyuan (2023-09 … 2026-06) has its booster box at 331–333 km: a known gap, not tuned (docs/design/launch-and-recovery.md)',
    ],
    campaign: {
      referenceCapacityKg: 4500,
      referenceAltitudeKm: 700,
      referenceInclinationDeg: 98.2,
      referenceLatitudeDeg: 38.85,
      maxInsertionAltitudeKm: 1100,
      sites: ['taiyuan'],
      units: 2,
      turnaroundDays: 30,
      padTurnaroundDays: 14,
      reusable: false,
      source: '4.5 t to 700 km SSO (der-orion.com launch log, 2023-09-10; CASC quotes 4 t); cadence: Skylane assumptions',
    },
  },
  {
    id: 'cz-7',
    name: 'Long March 7',
    boosters: stage('boosters', { count: 4, dryMassKg: 6000, propellantMassKg: 75000, thrustVacKn: 1340, thrustSlKn: 1200, ispVacS: 335, diameterM: 2.25, ballisticCoefficientKgPerM2: 420 }),
    stages: [
      stage('first-stage', { dryMassKg: 12000, propellantMassKg: 174000, thrustVacKn: 2680, thrustSlKn: 2400, ispVacS: 335, diameterM: 3.35, ballisticCoefficientKgPerM2: 450 }),
      stage('second-stage', { dryMassKg: 5500, propellantMassKg: 65000, thrustVacKn: 720, thrustSlKn: 500, ispVacS: 342, diameterM: 3.35, ballisticCoefficientKgPerM2: 250 }),
    ],
    fairing: { massKg: 2500, diameterM: 4.2, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 13500,
    referenceOrbit: 'LEO 13.5 t',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 7"', 'CALT releases: liftoff 594 t, 4 × 2.25 m boosters (YF-100), 2 × YF-100 core, 4 × YF-115 second stage'],
    assumptions: ['Dry masses ours'],
  },
  {
    id: 'cz-8',
    name: 'Long March 8',
    boosters: stage('boosters', { count: 2, dryMassKg: 6000, propellantMassKg: 75000, thrustVacKn: 1340, thrustSlKn: 1200, ispVacS: 335, diameterM: 2.25, ballisticCoefficientKgPerM2: 420 }),
    stages: [
      stage('first-stage', { dryMassKg: 12000, propellantMassKg: 155000, thrustVacKn: 2680, thrustSlKn: 2400, ispVacS: 335, diameterM: 3.35, ballisticCoefficientKgPerM2: 450 }),
      stage('second-stage', { dryMassKg: 2800, propellantMassKg: 18200, thrustVacKn: 157, thrustSlKn: 100, ispVacS: 438, diameterM: 3, ballisticCoefficientKgPerM2: 150 }),
    ],
    fairing: { massKg: 2000, diameterM: 4.2, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 4500,
    referenceOrbit: 'SSO 700 km ~5 t',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['Wikipedia "Long March 8"', 'CALT releases: liftoff ~356 t, CZ-7 derived core with 2 boosters, CZ-3A third stage (2 × YF-75)'],
    assumptions: ['Core propellant reduced from CZ-7 to close the 356 t liftoff mass (ours)'],
    campaign: {
      referenceCapacityKg: 5000,
      referenceAltitudeKm: 700,
      referenceInclinationDeg: 98.2,
      referenceLatitudeDeg: 19.6,
      maxInsertionAltitudeKm: 1200,
      sites: ['wenchang', 'hainan-commercial'],
      units: 2,
      turnaroundDays: 30,
      padTurnaroundDays: 14,
      reusable: false,
      source: '5 t to 700 km SSO (CASC/CALT public figure); cadence: Skylane assumptions',
    },
  },
  {
    id: 'cz-10-class',
    name: 'CZ-10-class single-stick with recoverable first stage',
    stages: [
      stage('first-stage', {
        dryMassKg: 45000,
        propellantMassKg: 460000,
        thrustVacKn: 9380,
        thrustSlKn: 8820,
        ispVacS: 335,
        diameterM: 5,
        ballisticCoefficientKgPerM2: 600,
        recovery: { mode: 'sea-platform', reservePropellantFraction: 0.08, landingDispersion3SigmaKm: 0.05 },
      }),
      stage('second-stage', { dryMassKg: 10000, propellantMassKg: 90000, thrustVacKn: 700, thrustSlKn: 500, ispVacS: 440, diameterM: 5, ballisticCoefficientKgPerM2: 250 }),
    ],
    fairing: { massKg: 3500, diameterM: 5.2, ballisticCoefficientKgPerM2: 45, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 10000,
    referenceOrbit: 'LEO ~10 t with first-stage recovery (class estimate)',
    ascentDragCoefficient: 0.45,
    pitch: DEFAULT_PITCH,
    sources: ['Xinhua/CGTN reports on Long March 10 and 10A (7 × YF-100K first stage, 5 m, sea recovery by net capture on a platform)'],
    assumptions: ['Sizing study: masses, second-stage thrust and the 8 % landing reserve are ours', 'Landing dispersion 50 m (3σ) for a guided landing, an assumption'],
  },
  {
    id: 'reusable-20t',
    name: 'Reusable 20 t LEO vehicle (generic, methalox)',
    stages: [
      stage('first-stage', {
        dryMassKg: 30000,
        propellantMassKg: 480000,
        thrustVacKn: 9800,
        thrustSlKn: 9000,
        ispVacS: 340,
        diameterM: 4.5,
        ballisticCoefficientKgPerM2: 500,
        recovery: { mode: 'sea-platform', reservePropellantFraction: 0.1, landingDispersion3SigmaKm: 0.03 },
      }),
      stage('second-stage', { dryMassKg: 5000, propellantMassKg: 120000, thrustVacKn: 1100, thrustSlKn: 800, ispVacS: 360, diameterM: 4.5, ballisticCoefficientKgPerM2: 250 }),
    ],
    fairing: { massKg: 2000, diameterM: 5.2, ballisticCoefficientKgPerM2: 40, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 20000,
    referenceOrbit: 'LEO 20 t with first-stage landing (design point)',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['Generic sizing study (no real vehicle); methalox Isp values typical of published engines'],
    assumptions: ['All masses ours; 10 % landing reserve; 30 m (3σ) guided landing dispersion'],
    campaign: {
      referenceCapacityKg: 20000,
      referenceAltitudeKm: 200,
      referenceInclinationDeg: 41,
      referenceLatitudeDeg: 40.96,
      maxInsertionAltitudeKm: 1200,
      sites: ['jiuquan', 'hainan-commercial', 'wenchang'],
      units: 3,
      turnaroundDays: 21,
      padTurnaroundDays: 7,
      reusable: true,
      source: 'generic class named in issue #16 (20 t to LEO, reusable first stage, e.g. Zhuque-3 / CZ-12A class); all figures are Skylane assumptions',
    },
  },
  {
    id: 'heavy-100t',
    name: 'Heavy lift 100 t LEO vehicle (generic, expendable, three stages)',
    stages: [
      stage('first-stage', { dryMassKg: 150000, propellantMassKg: 2400000, thrustVacKn: 44000, thrustSlKn: 40000, ispVacS: 330, diameterM: 10, ballisticCoefficientKgPerM2: 900 }),
      stage('second-stage', { dryMassKg: 40000, propellantMassKg: 500000, thrustVacKn: 5000, thrustSlKn: 3500, ispVacS: 360, diameterM: 10, ballisticCoefficientKgPerM2: 500 }),
      stage('third-stage', { dryMassKg: 12000, propellantMassKg: 120000, thrustVacKn: 1000, thrustSlKn: 600, ispVacS: 450, diameterM: 7.5, ballisticCoefficientKgPerM2: 200 }),
    ],
    fairing: { massKg: 10000, diameterM: 10, ballisticCoefficientKgPerM2: 50, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 100000,
    referenceOrbit: 'LEO 100 t (design point)',
    ascentDragCoefficient: 0.45,
    pitch: { verticalRiseS: 12, kickDeg: 3, kickDurationS: 12, burnoutFlightPathDeg: 20 },
    sources: ['Generic sizing study of a CZ-9-class heavy launcher (no real vehicle)'],
    assumptions: ['All masses ours'],
    campaign: {
      referenceCapacityKg: 100000,
      referenceAltitudeKm: 200,
      referenceInclinationDeg: 28.5,
      referenceLatitudeDeg: 19.6,
      maxInsertionAltitudeKm: 1200,
      sites: ['wenchang'],
      units: 1,
      turnaroundDays: 60,
      padTurnaroundDays: 30,
      reusable: true,
      source: 'generic class named in issue #16 (100 t to LEO, CZ-9/CZ-10 class); all figures are Skylane assumptions',
    },
  },
  {
    id: 'jielong-3',
    name: 'Jielong-3 (Smart Dragon 3, four solid stages, sea launch)',
    stages: [
      stage('first-stage', { dryMassKg: 7500, propellantMassKg: 80000, thrustVacKn: 2000, thrustSlKn: 1800, ispVacS: 285, diameterM: 2.64, ballisticCoefficientKgPerM2: 400, solid: true }),
      stage('second-stage', { dryMassKg: 3000, propellantMassKg: 30000, thrustVacKn: 800, thrustSlKn: 650, ispVacS: 290, diameterM: 2.64, ballisticCoefficientKgPerM2: 250, solid: true }),
      stage('third-stage', { dryMassKg: 1200, propellantMassKg: 9000, thrustVacKn: 250, thrustSlKn: 180, ispVacS: 292, diameterM: 2.64, ballisticCoefficientKgPerM2: 150, solid: true }),
      stage('fourth-stage', { dryMassKg: 400, propellantMassKg: 1200, thrustVacKn: 20, thrustSlKn: 12, ispVacS: 295, diameterM: 2.64, ballisticCoefficientKgPerM2: 80, solid: true }),
    ],
    fairing: { massKg: 800, diameterM: 2.64, ballisticCoefficientKgPerM2: 35, jettisonHeatFluxWPerM2: FAIRING_RULE },
    referencePayloadKg: 1500,
    referenceOrbit: 'SSO 500 km 1.5 t',
    ascentDragCoefficient: 0.4,
    pitch: DEFAULT_PITCH,
    sources: ['China Rocket Co. releases and Wikipedia "Jielong-3": four solid stages, 2.64 m, 31 m, liftoff ~140 t, 1,800 kN liftoff thrust, 1.5 t to 500 km SSO, launched from a platform off Haiyang'],
    assumptions: ['The split of the 140 t liftoff mass between the four stages, their thrusts and specific impulses are ours (solid-motor typical values)'],
    campaign: {
      referenceCapacityKg: 1500,
      referenceAltitudeKm: 500,
      referenceInclinationDeg: 97.4,
      referenceLatitudeDeg: 35,
      maxInsertionAltitudeKm: 900,
      sites: ['haiyang-sea'],
      units: 2,
      turnaroundDays: 30,
      padTurnaroundDays: 20,
      reusable: false,
      source: '1.5 t to 500 km SSO (China Rocket Co. public figure); cadence: Skylane assumptions',
    },
  },
];

/** Finds a vehicle by its kebab id (case-insensitive); ArgumentError listing the known ids otherwise. */
export function findVehicle(id: string): Vehicle {
  const key = id.trim().toLowerCase();
  const v = VEHICLES.find((x) => x.id === key);
  if (v === undefined) throw new ArgumentError(`Unknown vehicle "${id}". Known vehicles: ${VEHICLES.map((x) => x.id).join(', ')}.`, id);
  return v;
}

/** Burn time of a propulsive element (s): m_prop·g₀·Isp_vac / T_vac. */
export function burnTimeS(e: PropulsiveElement): number {
  return (e.propellantMassKg * G0_MPS2 * e.ispVacS) / (e.thrustVacKn * 1000);
}

/** Liftoff mass (kg) with a payload. */
export function liftoffMassKg(v: Vehicle, payloadKg: number): number {
  const b = v.boosters ? v.boosters.count * (v.boosters.dryMassKg + v.boosters.propellantMassKg) : 0;
  return b + v.stages.reduce((s, e) => s + e.dryMassKg + e.propellantMassKg, 0) + v.fairing.massKg + payloadKg;
}
