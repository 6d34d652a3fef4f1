/**
 * Reentry watch (issue #14 item 2): objects predicted to reenter within 30 days of their newest element set are kept
 * with their prediction history, re-predicted whenever element sets for them arrive, and raise alerts (published
 * in-process for the server-sent-events stream) when they enter the watch or their predicted epoch moves by more than
 * a quarter of the time to go (at least one hour).
 *
 * The watch runs against a small predictor interface. The service's predictor (`preciseReentryPredictor`) screens
 * with the orbit-averaged lifetime model of core/lifetime (newest element set, C_D A/m from its observed decay, window
 * ±25 % of the time to go: the median error of operational final predictions) and re-predicts the objects it puts
 * within 45 days with the precise `predictReentry` of core/reentry on a worker thread. A cheap pre-filter skips objects whose perigee is above 450 km: none of them can come down within 30 days
 * (a 30-day lifetime from 450 km would need C_D A/m above 1 m²/kg at solar maximum).
 */
import { EventEmitter } from 'node:events';
import type { Kysely, Selectable } from 'kysely';
import {
  type Instant,
  LifetimeError,
  lifetimeOrbitFromElementSet,
  orbitalLifetime,
  sgp4MeanSemiMajorAxisKm,
  writeOmmJson,
  type ElementSet,
  type TimeScales,
} from '@skylane/core';
import type { Database, ReentryAlertsTable, ReentryPredictionsTable } from '../storage/schema.ts';
import { elementSetFromRow, elementSetHistory, nowIso } from '../storage/catalog.ts';
import { runReentryJob } from './parallelReentry.ts';

/** What a predictor answers for one object. */
export interface WatchPrediction {
  readonly predictedEpoch: Instant;
  readonly windowStart: Instant;
  readonly windowEnd: Instant;
  readonly confidence?: number;
  readonly maneuversDetected?: boolean;
  /** The predictor that made this answer when it is not the watch's own (a fallback), stored with the prediction. */
  readonly predictor?: string;
  /** Ground track over the window (GeoJSON FeatureCollection of core/reentry), when the predictor makes one. */
  readonly groundTrack?: unknown;
  /** How the predictor chose its space weather (core/reentry's `spaceWeatherRule`). */
  readonly spaceWeatherRule?: string;
}

/** A reentry predictor: element-set history of one object (oldest first) and the as-of instant → a prediction, or undefined (not coming down soon). */
export interface ReentryPredictor {
  readonly name: string;
  predict(history: readonly ElementSet[], asOf: Instant): WatchPrediction | undefined | Promise<WatchPrediction | undefined>;
}

/** Days ahead of the newest element set within which an object is on the watch. */
export const REENTRY_WATCH_DAYS = 30;
/** Perigee height above which the watch does not predict (see the module header). */
export const REENTRY_WATCH_MAX_PERIGEE_KM = 450;

const DAY_S = 86400;

/** The default predictor: core/lifetime's averaged decay from the newest element set, ±25 % window. */
export const lifetimeReentryPredictor: ReentryPredictor = {
  name: 'lifetime-averaged-drag',
  predict(history: readonly ElementSet[], asOf: Instant): WatchPrediction | undefined {
    const last = history[history.length - 1];
    if (!last) return undefined;
    let toGoS: number;
    try {
      const { orbit } = lifetimeOrbitFromElementSet(last);
      const life = orbitalLifetime(orbit, { horizonYears: 1 });
      if (life.beyondHorizon) return undefined;
      toGoS = life.lifetimeYears * 365.25 * DAY_S - asOf.secondsSince(last.epoch);
    } catch (e) {
      if (e instanceof LifetimeError && e.code === 'OBJECT_DECAYED') toGoS = 0;
      else return undefined;
    }
    toGoS = Math.max(0, toGoS);
    const half = Math.max(3600, 0.25 * toGoS);
    const predictedEpoch = asOf.plusSeconds(toGoS);
    return { predictedEpoch, windowStart: predictedEpoch.plusSeconds(-half), windowEnd: predictedEpoch.plusSeconds(half), maneuversDetected: false };
  },
};

/** Time to go (days) within which the precise predictor is run on the lifetime model's candidates. */
const PRECISE_CANDIDATE_DAYS = 45;

/**
 * The service's predictor: the lifetime model first (milliseconds, every low object of an upload), then, for the few
 * objects it puts within 45 days, core/reentry's `predictReentry` (ballistic coefficient fitted to the history,
 * NRLMSISE-00, 40-sample Monte Carlo, 90 % window) on the reentry worker pool. Space weather: with `spaceWeather`
 * (the text of a CelesTrak SW file, `SKYLANE_SPACE_WEATHER_FILE`) the observed indices up to the prediction time and,
 * past the file's last observed day, its daily and monthly forecasts (core/reentry's as-of rule: an observed day after
 * the prediction time is never read); without it, constant F10.7 150 sfu and Ap 15. When the precise fit refuses the
 * history (too few element sets, a manoeuvre just made, no reentry within its horizon) the lifetime answer stands,
 * labelled as such.
 */
export function preciseReentryPredictor(timeScales: TimeScales, fallback: ReentryPredictor = lifetimeReentryPredictor, spaceWeather?: string): ReentryPredictor {
  return {
    name: 'reentry-predict-nrlmsise00',
    async predict(history: readonly ElementSet[], asOf: Instant): Promise<WatchPrediction | undefined> {
      const rough = await fallback.predict(history, asOf);
      const quick = rough && { ...rough, predictor: rough.predictor ?? fallback.name };
      if (!quick || quick.predictedEpoch.secondsSince(asOf) > PRECISE_CANDIDATE_DAYS * DAY_S || history.length < 3) return quick;
      const last = history[history.length - 1]!;
      const result = await runReentryJob({
        history: writeOmmJson(history, { timeScales }),
        id: last.catalogNumber,
        asOf: timeScales.formatUtcIso(asOf, 6),
        atmosphere: 'nrlmsise00',
        samples: 40,
        seed: 1,
        interfaceAltitudeKm: 80,
        confidence: 0.9,
        nowIso: timeScales.formatUtcIso(asOf, 0),
        ...(spaceWeather !== undefined ? { spaceWeather } : {}),
      });
      if (!result.ok || result.prediction.predictedEpoch === null || result.prediction.windowStart === null || result.prediction.windowEnd === null) return quick;
      const r = result.prediction;
      return {
        predictedEpoch: timeScales.parseUtcIso(r.predictedEpoch!),
        windowStart: timeScales.parseUtcIso(r.windowStart!),
        windowEnd: timeScales.parseUtcIso(r.windowEnd!),
        confidence: r.confidence,
        maneuversDetected: r.maneuversDetected,
        predictor: 'reentry-predict-nrlmsise00',
        groundTrack: r.groundTrack,
        spaceWeatherRule: r.spaceWeatherRule,
      };
    },
  };
}

export type ReentryPredictionRow = Selectable<ReentryPredictionsTable>;
export type ReentryAlertRow = Selectable<ReentryAlertsTable>;

/** In-process bus of reentry alerts per tenant scope (NULL scope: public, delivered to every tenant). */
export class ReentryAlertBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(a: ReentryAlertRow): void {
    this.emitter.emit('alert', a);
  }
  /** Alerts a tenant may see (its own and public ones); returns the unsubscribe function. */
  subscribe(tenantId: number, listener: (a: ReentryAlertRow) => void): () => void {
    const f = (a: ReentryAlertRow): void => {
      if (a.tenant_id === null || a.tenant_id === tenantId) listener(a);
    };
    this.emitter.on('alert', f);
    return () => this.emitter.off('alert', f);
  }
}

export interface ReentryWatchOptions {
  readonly predictor?: ReentryPredictor;
  readonly timeScales: TimeScales;
}

/** Service-level settings of the watch (buildApp's `earlyWarning.reentrySpaceWeather`). */
export interface ReentryWatchSettings {
  /** CelesTrak SW file text for the precise predictor (`SKYLANE_SPACE_WEATHER_FILE`). */
  readonly spaceWeather?: string | undefined;
}

/** The watch over one database. */
export class ReentryWatch {
  readonly predictor: ReentryPredictor;
  readonly bus = new ReentryAlertBus();
  private readonly ts: TimeScales;
  constructor(options: ReentryWatchOptions) {
    this.predictor = options.predictor ?? lifetimeReentryPredictor;
    this.ts = options.timeScales;
  }

  /**
   * After an upload: finds, in one query, the objects of the upload whose perigee is low enough to come down within
   * 30 days, and re-predicts those (a full-catalog upload costs one query plus a few predictions).
   */
  async onUpload(db: Kysely<Database>, tenantId: number, visibility: 'public' | 'private', uploadId: number): Promise<ReentryAlertRow[]> {
    const rows = await db
      .selectFrom('element_sets')
      .select(['catalog_number', 'mean_motion_rev_per_day', 'eccentricity', 'inclination_deg'])
      .where('upload_id', '=', uploadId)
      .where('mean_motion_rev_per_day', '>', 11)
      .execute();
    const low = new Set<number>();
    for (const r of rows) {
      if (!(r.eccentricity >= 0 && r.eccentricity < 1)) continue;
      const perigee = sgp4MeanSemiMajorAxisKm(r.mean_motion_rev_per_day, r.eccentricity, r.inclination_deg) * (1 - r.eccentricity) - 6378.135;
      if (perigee <= REENTRY_WATCH_MAX_PERIGEE_KM) low.add(r.catalog_number);
    }
    return this.onElementSets(db, tenantId, visibility, [...low]);
  }

  /**
   * Re-predicts `catalogNumbers` after an upload by `tenantId` (scope: NULL for a public upload, the tenant for a
   * private one). Returns the alerts raised.
   */
  async onElementSets(db: Kysely<Database>, tenantId: number, visibility: 'public' | 'private', catalogNumbers: readonly number[]): Promise<ReentryAlertRow[]> {
    const scope = visibility === 'public' ? null : tenantId;
    const raised: ReentryAlertRow[] = [];
    for (const id of catalogNumbers) {
      const rows = await elementSetHistory(db, tenantId, id, undefined, 200);
      if (rows.length === 0) continue;
      const history = rows.map(elementSetFromRow).sort((x, y) => x.epoch.compare(y.epoch));
      const last = history[history.length - 1]!;
      if (!(last.meanMotionRevPerDay > 0) || !(last.eccentricity < 1)) continue;
      const perigee = sgp4MeanSemiMajorAxisKm(last.meanMotionRevPerDay, last.eccentricity, last.inclinationDeg) * (1 - last.eccentricity) - 6378.135;
      if (perigee > REENTRY_WATCH_MAX_PERIGEE_KM) continue;
      const p = await this.predictor.predict(history, last.epoch);
      if (!p) continue;
      const toGoS = p.predictedEpoch.secondsSince(last.epoch);
      const previous = await db
        .selectFrom('reentry_predictions')
        .selectAll()
        .where('catalog_number', '=', id)
        .where((eb) => (scope === null ? eb('tenant_id', 'is', null) : eb('tenant_id', '=', scope)))
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (toGoS > REENTRY_WATCH_DAYS * DAY_S && !previous) continue;
      const fmt = (t: Instant): string => this.ts.formatUtcIso(t, 0);
      const created = nowIso();
      const inserted = await db
        .insertInto('reentry_predictions')
        .values({
          tenant_id: scope,
          catalog_number: id,
          object_name: last.objectName ?? null,
          last_element_epoch_utc: fmt(last.epoch),
          predicted_epoch_utc: fmt(p.predictedEpoch),
          window_start_utc: fmt(p.windowStart),
          window_end_utc: fmt(p.windowEnd),
          confidence: p.confidence ?? null,
          predictor: p.predictor ?? this.predictor.name,
          maneuvers_detected: p.maneuversDetected ? 1 : 0,
          created_at: created,
          ground_track_json: p.groundTrack !== undefined ? JSON.stringify(p.groundTrack) : null,
          space_weather_rule: p.spaceWeatherRule ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let kind: string | undefined;
      if (toGoS <= REENTRY_WATCH_DAYS * DAY_S) {
        if (!previous) kind = 'entered-watch';
        else {
          const prevEpoch = this.ts.parseUtcIso(previous.predicted_epoch_utc);
          const prevLastEpoch = this.ts.parseUtcIso(previous.last_element_epoch_utc);
          const wasWatched = prevEpoch.secondsSince(prevLastEpoch) <= REENTRY_WATCH_DAYS * DAY_S;
          const moved = Math.abs(p.predictedEpoch.secondsSince(prevEpoch));
          if (!wasWatched) kind = 'entered-watch';
          else if (moved > Math.max(3600, 0.25 * toGoS)) kind = 'prediction-moved';
        }
      }
      if (kind) {
        const alert = await db
          .insertInto('reentry_alerts')
          .values({
            tenant_id: scope,
            catalog_number: id,
            prediction_id: Number(inserted.id),
            kind,
            predicted_epoch_utc: fmt(p.predictedEpoch),
            previous_predicted_epoch_utc: previous?.predicted_epoch_utc ?? null,
            created_at: created,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        raised.push(alert);
        this.bus.publish(alert);
      }
    }
    return raised;
  }
}

const watches = new WeakMap<object, ReentryWatch>();

/** The watch of a database (one per store, made on first use with `settings`). */
export function reentryWatchFor(db: object, timeScales: TimeScales, settings: ReentryWatchSettings = {}): ReentryWatch {
  let w = watches.get(db);
  if (!w) watches.set(db, (w = new ReentryWatch({ timeScales, predictor: preciseReentryPredictor(timeScales, lifetimeReentryPredictor, settings.spaceWeather) })));
  return w;
}

/** Replaces the predictor of a database's watch (tests plant one). */
export function setReentryPredictor(db: object, timeScales: TimeScales, predictor: ReentryPredictor): ReentryWatch {
  const w = new ReentryWatch({ timeScales, predictor });
  watches.set(db, w);
  return w;
}

/** JSON view of a prediction row. */
export function predictionView(r: ReentryPredictionRow): Record<string, unknown> {
  return {
    id: Number(r.id),
    object: r.catalog_number,
    name: r.object_name,
    lastElementEpoch: r.last_element_epoch_utc,
    predictedEpoch: r.predicted_epoch_utc,
    windowStart: r.window_start_utc,
    windowEnd: r.window_end_utc,
    confidence: r.confidence,
    predictor: r.predictor,
    maneuversDetected: r.maneuvers_detected === 1,
    spaceWeatherRule: r.space_weather_rule,
    hasGroundTrack: r.ground_track_json !== null,
    scope: r.tenant_id === null ? 'public' : 'private',
    createdAt: r.created_at,
  };
}

export function reentryAlertView(a: ReentryAlertRow): Record<string, unknown> {
  return { id: Number(a.id), object: a.catalog_number, kind: a.kind, predictedEpoch: a.predicted_epoch_utc, previousPredictedEpoch: a.previous_predicted_epoch_utc, predictionId: a.prediction_id, createdAt: a.created_at };
}
