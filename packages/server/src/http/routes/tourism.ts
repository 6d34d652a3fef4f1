/**
 * Tourism manifest routes (issue 19 items 4-5): vehicles, site cadence, flights, passengers (personal data: tenant
 * scoped, deletable, never logged: bodies are not logged by the API and errors name ids, never names), seats, the
 * launch-day go/no-go of a flight and its passenger-facing summary, and scheduling of requested flights.
 */
import { Type } from 'typebox';
import {
  checkTourismSchedule,
  evaluateGoNoGo,
  findLaunchSite,
  findSuborbitalVehicle,
  goNoGoInputFromJson,
  manifestProfileJson,
  parseSuborbitalVehicle,
  planManifestProfile,
  suborbitalVehicleForClass,
  scheduleTourismFlights,
  SkylaneError,
  TOURISM_VEHICLE_CLASSES,
  type Instant,
  type TourismScheduledFlight,
} from '@skylane/core';
import { nowIso } from '../../storage/catalog.ts';
import type { TourismFlightsTable, TourismPassengersTable, TourismVehiclesTable } from '../../storage/schema.ts';
import { principalOf, type App, type RouteContext } from '../app.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';

/** Site cadence when a tenant has not set one for a site (s): one launch per pad per day. */
export const DEFAULT_SITE_INTERVAL_S = 86400;

const FLIGHT_STATUSES = ['planned', 'scrubbed', 'flown', 'cancelled'] as const;
const TRAINING = ['not-started', 'in-progress', 'complete'] as const;
const MEDICAL = ['pending', 'cleared', 'denied'] as const;
const Iso = Type.String({ minLength: 10, maxLength: 40, description: 'UTC ISO-8601, e.g. 2026-07-20T02:00:00Z' });
const Name = Type.String({ minLength: 1, maxLength: 100 });
const FlightParams = Type.Object({ flightId: Type.Integer({ minimum: 1 }) });
const PassengerParams = Type.Object({ passengerId: Type.Integer({ minimum: 1 }) });
const Profile = Type.Object({}, { additionalProperties: true, description: 'the flight profile (e.g. `skylane suborbital profile --json` output: apogeeKm, timeAboveKarmanS, microgravityS, maxAscentG, maxReentryG, landing)' });
const SuborbitalVehicleSpec = Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Record(Type.String(), Type.Unknown())], {
  description: 'the suborbital vehicle the flight profile is computed with: a bundled id (capsule) or a vehicle object of the same shape; default: the bundled vehicle of the manifest vehicle\'s class',
});
type VehicleSpec = string | Record<string, unknown>;
const stringEnum = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

type VehicleRow = Omit<TourismVehiclesTable, 'id'> & { id: number };
type FlightRow = Omit<TourismFlightsTable, 'id'> & { id: number };
type PassengerRow = Omit<TourismPassengersTable, 'id'> & { id: number };

const vehicleJson = (v: VehicleRow) => ({
  id: v.id,
  name: v.name,
  vehicleClass: v.vehicle_class,
  seats: v.seats,
  turnaroundS: v.turnaround_s,
  limits: { maxSurfaceWindMps: v.max_surface_wind_mps, maxGustMps: v.max_gust_mps, maxWaveHeightM: v.max_wave_height_m },
  createdAt: v.created_at,
});

const passengerJson = (p: PassengerRow) => ({ id: p.id, name: p.name, trainingStatus: p.training_status, medicalStatus: p.medical_status, medicalExpiresUtc: p.medical_expires_utc, createdAt: p.created_at, updatedAt: p.updated_at });

const parseJson = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

export function registerTourismRoutes(app: App, ctx: RouteContext): void {
  const db = ctx.store.db;
  const ts = ctx.timeScales;
  const iso = (t: Instant): string => ts.formatUtcIso(t, 0);
  const parseTime = (s: string, field: string): Instant => {
    try {
      return ts.parseUtcIso(s);
    } catch (e) {
      throw badRequest(`${field}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  /**
   * The profile cached on a flight row, computed from the suborbital model (docs/design/space-tourism-operations.md):
   * with `spec` (explicit vehicle) the site must be a launch site (400 otherwise); without it the manifest vehicle's
   * class is mapped to its bundled suborbital vehicle, and nothing is computed (null) when there is none or the site
   * is not in the launch-site network.
   */
  const computeProfile = (spec: VehicleSpec | undefined, vehicleClass: string | null, siteId: string, launch: Instant): Record<string, unknown> | null => {
    try {
      let vehicle;
      let site;
      if (spec !== undefined) {
        vehicle = typeof spec === 'string' ? findSuborbitalVehicle(spec) : parseSuborbitalVehicle(spec);
        site = findLaunchSite(siteId);
      } else {
        vehicle = suborbitalVehicleForClass(vehicleClass);
        if (vehicle === undefined) return null;
        try {
          site = findLaunchSite(siteId);
        } catch {
          return null;
        }
      }
      return { ...manifestProfileJson(planManifestProfile(vehicle, site, launch), ts), vehicleSpec: spec ?? vehicle.id };
    } catch (e) {
      if (e instanceof SkylaneError) throw badRequest(`suborbitalVehicle: ${e.code}: ${e.message}`);
      throw e;
    }
  };

  const loadVehicle = async (tenantId: number, id: number): Promise<VehicleRow> => {
    const v = await db.selectFrom('tourism_vehicles').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (v === undefined) throw notFound(`tourism vehicle ${id}`);
    return v;
  };
  const loadFlightRow = async (tenantId: number, id: number): Promise<FlightRow> => {
    const f = await db.selectFrom('tourism_flights').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (f === undefined) throw notFound(`tourism flight ${id}`);
    return f;
  };
  const loadPassenger = async (tenantId: number, id: number): Promise<PassengerRow> => {
    const p = await db.selectFrom('tourism_passengers').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (p === undefined) throw notFound(`passenger ${id}`);
    return p;
  };
  const seatsOf = async (tenantId: number, flightId: number) =>
    db.selectFrom('tourism_seats').select(['seat', 'passenger_id']).where('tenant_id', '=', tenantId).where('flight_id', '=', flightId).orderBy('seat').execute();
  /** A flight as JSON; in lists (`compact`) the stored profile keeps its figures but not its time series (~10 KB a flight). */
  const flightJson = async (f: FlightRow, compact = false) => {
    const seats = await seatsOf(f.tenant_id, f.id);
    const profile = parseJson(f.profile_json) as Record<string, unknown> | null;
    return {
      id: f.id,
      name: f.name,
      site: f.site,
      plannedLaunchUtc: f.planned_launch_utc,
      vehicleId: f.vehicle_id,
      status: f.status,
      seats: seats.map((s) => ({ seat: s.seat, passengerId: s.passenger_id })),
      profile: compact && profile !== null ? Object.fromEntries(Object.entries(profile).filter(([, v]) => !Array.isArray(v))) : profile,
      lastGoNoGo: parseJson(f.last_go_no_go_json),
      createdAt: f.created_at,
      updatedAt: f.updated_at,
    };
  };

  /** The tenant's schedule inputs: vehicles, site cadence, and its active flights (cancelled/scrubbed excluded). */
  const scheduleContext = async (tenantId: number, exceptFlight?: number) => {
    const vehicles = await db.selectFrom('tourism_vehicles').selectAll().where('tenant_id', '=', tenantId).execute();
    const siteRows = await db.selectFrom('tourism_sites').selectAll().where('tenant_id', '=', tenantId).execute();
    const flights = await db.selectFrom('tourism_flights').selectAll().where('tenant_id', '=', tenantId).where('status', 'in', ['planned', 'flown']).execute();
    const seatCounts = await db.selectFrom('tourism_seats').select(['flight_id', db.fn.count<number>('id').as('n')]).where('tenant_id', '=', tenantId).groupBy('flight_id').execute();
    const counts = new Map(seatCounts.map((r) => [Number(r.flight_id), Number(r.n)]));
    const existing: TourismScheduledFlight[] = flights
      .filter((f) => f.id !== exceptFlight)
      .map((f) => ({ id: String(f.id), vehicle: String(f.vehicle_id), site: f.site, launch: ts.parseUtcIso(f.planned_launch_utc), passengers: counts.get(f.id) ?? 0 }));
    const siteIds = new Set([...siteRows.map((s) => s.site), ...flights.map((f) => f.site)]);
    const cadence = new Map(siteRows.map((s) => [s.site, s.min_interval_s]));
    const sites = (extra: readonly string[]) => [...new Set([...siteIds, ...extra])].map((id) => ({ id, minIntervalS: cadence.get(id) ?? DEFAULT_SITE_INTERVAL_S }));
    return { vehicles: vehicles.map((v) => ({ id: String(v.id), seats: v.seats, turnaroundS: v.turnaround_s })), existing, sites };
  };

  /** 409 when the flight breaks turnaround or cadence against the tenant's other flights. */
  const checkFits = async (tenantId: number, flight: TourismScheduledFlight, exceptFlight?: number) => {
    const c = await scheduleContext(tenantId, exceptFlight);
    const conflicts = checkTourismSchedule([...c.existing, flight], c.vehicles, c.sites([flight.site])).filter((x) => x.id === flight.id || x.with === flight.id);
    if (conflicts.length > 0) throw new HttpProblem(409, 'schedule-conflict', 'Schedule conflict', `the flight breaks ${conflicts.map((x) => x.kind).join(', ')}: ${conflicts.map((x) => x.detail).join('; ')}.`, { conflicts });
  };

  // Vehicles.
  app.get('/api/v1/tourism/vehicles', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: "This tenant's tourism vehicles" } }, async (request) => {
    const rows = await db.selectFrom('tourism_vehicles').selectAll().where('tenant_id', '=', principalOf(request).tenantId).orderBy('id').execute();
    return { items: rows.map(vehicleJson) };
  });
  app.post(
    '/api/v1/tourism/vehicles',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['tourism'],
        summary: 'Add a vehicle (seats, turnaround, landing-zone limits; defaults from a vehicle class: capsule, capsule-sea)',
        body: Type.Object(
          {
            name: Name,
            vehicleClass: Type.Optional(Type.String({ maxLength: 40 })),
            seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
            turnaroundS: Type.Optional(Type.Number({ minimum: 0, maximum: 3.2e8 })),
            maxSurfaceWindMps: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
            maxGustMps: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
            maxWaveHeightM: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      const k = b.vehicleClass === undefined ? undefined : TOURISM_VEHICLE_CLASSES[b.vehicleClass];
      if (b.vehicleClass !== undefined && k === undefined) throw badRequest(`vehicleClass "${b.vehicleClass}" is unknown: use one of ${Object.keys(TOURISM_VEHICLE_CLASSES).join(', ')}, or give seats, turnaroundS and limits.`);
      const seats = b.seats ?? k?.seats;
      const turnaroundS = b.turnaroundS ?? k?.turnaroundS;
      const wind = b.maxSurfaceWindMps ?? k?.maxSurfaceWindMps;
      const gust = b.maxGustMps ?? k?.maxGustMps;
      const wave = b.maxWaveHeightM !== undefined ? b.maxWaveHeightM : k === undefined ? undefined : k.maxWaveHeightM;
      if (seats === undefined || turnaroundS === undefined || wind === undefined || gust === undefined || wave === undefined) throw badRequest('give a vehicleClass, or seats, turnaroundS, maxSurfaceWindMps, maxGustMps and maxWaveHeightM (null for a land landing).');
      const dup = await db.selectFrom('tourism_vehicles').select('id').where('tenant_id', '=', p.tenantId).where('name', '=', b.name).executeTakeFirst();
      if (dup !== undefined) throw new HttpProblem(409, 'conflict', 'Conflict', `this tenant already has a vehicle with this name (id ${dup.id}).`);
      const row = await db
        .insertInto('tourism_vehicles')
        .values({ tenant_id: p.tenantId, name: b.name, vehicle_class: b.vehicleClass ?? null, seats, turnaround_s: turnaroundS, max_surface_wind_mps: wind, max_gust_mps: gust, max_wave_height_m: wave, created_at: nowIso() })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.header('location', `/api/v1/tourism/vehicles/${row.id}`);
      return reply.code(201).send(vehicleJson(row));
    },
  );

  // Site cadence.
  app.get('/api/v1/tourism/sites', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: `Launch cadence per site (sites not listed: ${DEFAULT_SITE_INTERVAL_S} s)` } }, async (request) => {
    const rows = await db.selectFrom('tourism_sites').selectAll().where('tenant_id', '=', principalOf(request).tenantId).orderBy('site').execute();
    return { defaultMinIntervalS: DEFAULT_SITE_INTERVAL_S, items: rows.map((r) => ({ site: r.site, minIntervalS: r.min_interval_s, updatedAt: r.updated_at })) };
  });
  app.put(
    '/api/v1/tourism/sites/:site',
    {
      config: { role: 'operator' },
      schema: { tags: ['tourism'], summary: 'Set the least interval between two launches from a site', params: Type.Object({ site: Type.String({ minLength: 1, maxLength: 60 }) }), body: Type.Object({ minIntervalS: Type.Number({ minimum: 0, maximum: 3.2e7 }) }, { additionalProperties: false }) },
    },
    async (request) => {
      const p = principalOf(request);
      const site = request.params.site;
      const now = nowIso();
      const existing = await db.selectFrom('tourism_sites').select('id').where('tenant_id', '=', p.tenantId).where('site', '=', site).executeTakeFirst();
      if (existing === undefined) await db.insertInto('tourism_sites').values({ tenant_id: p.tenantId, site, min_interval_s: request.body.minIntervalS, updated_at: now }).execute();
      else await db.updateTable('tourism_sites').set({ min_interval_s: request.body.minIntervalS, updated_at: now }).where('id', '=', existing.id).execute();
      return { site, minIntervalS: request.body.minIntervalS, updatedAt: now };
    },
  );

  // Flights.
  app.get('/api/v1/tourism/flights', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: "This tenant's tourism flights (by planned launch); each profile without its time series (GET one flight for it)" } }, async (request) => {
    const rows = await db.selectFrom('tourism_flights').selectAll().where('tenant_id', '=', principalOf(request).tenantId).orderBy('planned_launch_utc').orderBy('id').limit(1000).execute();
    return { items: await Promise.all(rows.map((r) => flightJson(r, true))) };
  });
  app.post(
    '/api/v1/tourism/flights',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['tourism'],
        summary: 'Add a flight (409 schedule-conflict when it breaks the vehicle turnaround or the site cadence)',
        description:
          'The flight profile is computed from the suborbital model and cached on the flight (again when the launch moves) when `suborbitalVehicle` is given or the vehicle class has a bundled suborbital vehicle (capsule) and the site is a launch site; else a supplied `profile` is stored as is.',
        body: Type.Object({ name: Name, site: Type.String({ minLength: 1, maxLength: 60 }), plannedLaunchUtc: Iso, vehicleId: Type.Integer({ minimum: 1 }), profile: Type.Optional(Profile), suborbitalVehicle: Type.Optional(SuborbitalVehicleSpec) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      const launch = parseTime(b.plannedLaunchUtc, 'plannedLaunchUtc');
      const vehicle = await loadVehicle(p.tenantId, b.vehicleId);
      await checkFits(p.tenantId, { id: 'new', vehicle: String(b.vehicleId), site: b.site, launch, passengers: 0 });
      const computed = b.suborbitalVehicle !== undefined || b.profile === undefined ? computeProfile(b.suborbitalVehicle, vehicle.vehicle_class, b.site, launch) : null;
      const profile = computed ?? b.profile;
      const now = nowIso();
      const row = await db
        .insertInto('tourism_flights')
        .values({ tenant_id: p.tenantId, name: b.name, site: b.site, planned_launch_utc: iso(launch), vehicle_id: b.vehicleId, status: 'planned', profile_json: profile === undefined ? null : JSON.stringify(profile), last_go_no_go_json: null, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.header('location', `/api/v1/tourism/flights/${row.id}`);
      return reply.code(201).send(await flightJson(row));
    },
  );
  app.get('/api/v1/tourism/flights/:flightId', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: 'One flight with its seats, stored profile and last go/no-go', params: FlightParams } }, async (request) =>
    flightJson(await loadFlightRow(principalOf(request).tenantId, request.params.flightId)),
  );
  app.patch(
    '/api/v1/tourism/flights/:flightId',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['tourism'],
        summary: "Change a flight's status, planned launch (schedule-checked) or stored profile",
        params: FlightParams,
        body: Type.Object({ status: Type.Optional(stringEnum(FLIGHT_STATUSES)), plannedLaunchUtc: Type.Optional(Iso), profile: Type.Optional(Type.Union([Profile, Type.Null()])) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const f = await loadFlightRow(p.tenantId, request.params.flightId);
      const b = request.body;
      const set: Partial<Pick<FlightRow, 'status' | 'planned_launch_utc' | 'profile_json' | 'updated_at'>> = { updated_at: nowIso() };
      if (b.plannedLaunchUtc !== undefined) {
        const launch = parseTime(b.plannedLaunchUtc, 'plannedLaunchUtc');
        const seats = await seatsOf(p.tenantId, f.id);
        await checkFits(p.tenantId, { id: String(f.id), vehicle: String(f.vehicle_id), site: f.site, launch, passengers: seats.length }, f.id);
        set.planned_launch_utc = iso(launch);
        const cached = parseJson(f.profile_json) as Record<string, unknown> | null;
        if (b.profile === undefined && cached !== null && cached['source'] === 'computed') {
          const spec = cached['vehicleSpec'];
          const again = computeProfile(typeof spec === 'string' || (typeof spec === 'object' && spec !== null) ? (spec as VehicleSpec) : undefined, null, f.site, launch);
          set.profile_json = again === null ? null : JSON.stringify(again);
        }
      }
      if (b.status !== undefined) set.status = b.status;
      if (b.profile !== undefined) set.profile_json = b.profile === null ? null : JSON.stringify(b.profile);
      await db.updateTable('tourism_flights').set(set).where('id', '=', f.id).where('tenant_id', '=', p.tenantId).execute();
      return flightJson(await loadFlightRow(p.tenantId, f.id));
    },
  );

  // Passengers (personal data).
  app.get('/api/v1/tourism/passengers', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: "This tenant's passengers (personal data)" } }, async (request) => {
    const rows = await db.selectFrom('tourism_passengers').selectAll().where('tenant_id', '=', principalOf(request).tenantId).orderBy('id').limit(5000).execute();
    return { items: rows.map(passengerJson) };
  });
  const PassengerFields = {
    trainingStatus: stringEnum(TRAINING),
    medicalStatus: stringEnum(MEDICAL),
    medicalExpiresUtc: Type.Union([Iso, Type.Null()]),
  };
  app.post(
    '/api/v1/tourism/passengers',
    {
      config: { role: 'operator' },
      schema: { tags: ['tourism'], summary: 'Add a passenger', body: Type.Object({ name: Name, trainingStatus: Type.Optional(PassengerFields.trainingStatus), medicalStatus: Type.Optional(PassengerFields.medicalStatus), medicalExpiresUtc: Type.Optional(PassengerFields.medicalExpiresUtc) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const b = request.body;
      const expires = b.medicalExpiresUtc === undefined || b.medicalExpiresUtc === null ? null : iso(parseTime(b.medicalExpiresUtc, 'medicalExpiresUtc'));
      const now = nowIso();
      const row = await db
        .insertInto('tourism_passengers')
        .values({ tenant_id: p.tenantId, name: b.name, training_status: b.trainingStatus ?? 'not-started', medical_status: b.medicalStatus ?? 'pending', medical_expires_utc: expires, created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      reply.header('location', `/api/v1/tourism/passengers/${row.id}`);
      return reply.code(201).send(passengerJson(row));
    },
  );
  app.get('/api/v1/tourism/passengers/:passengerId', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: 'One passenger with their seats', params: PassengerParams } }, async (request) => {
    const p = principalOf(request);
    const row = await loadPassenger(p.tenantId, request.params.passengerId);
    const seats = await db.selectFrom('tourism_seats').select(['flight_id', 'seat']).where('tenant_id', '=', p.tenantId).where('passenger_id', '=', row.id).orderBy('flight_id').execute();
    return { ...passengerJson(row), seats: seats.map((s) => ({ flightId: s.flight_id, seat: s.seat })) };
  });
  app.patch(
    '/api/v1/tourism/passengers/:passengerId',
    {
      config: { role: 'operator' },
      schema: { tags: ['tourism'], summary: "Update a passenger's training or medical status", params: PassengerParams, body: Type.Object({ name: Type.Optional(Name), trainingStatus: Type.Optional(PassengerFields.trainingStatus), medicalStatus: Type.Optional(PassengerFields.medicalStatus), medicalExpiresUtc: Type.Optional(PassengerFields.medicalExpiresUtc) }, { additionalProperties: false }) },
    },
    async (request) => {
      const p = principalOf(request);
      const row = await loadPassenger(p.tenantId, request.params.passengerId);
      const b = request.body;
      const set: Partial<Pick<PassengerRow, 'name' | 'training_status' | 'medical_status' | 'medical_expires_utc' | 'updated_at'>> = { updated_at: nowIso() };
      if (b.name !== undefined) set.name = b.name;
      if (b.trainingStatus !== undefined) set.training_status = b.trainingStatus;
      if (b.medicalStatus !== undefined) set.medical_status = b.medicalStatus;
      if (b.medicalExpiresUtc !== undefined) set.medical_expires_utc = b.medicalExpiresUtc === null ? null : iso(parseTime(b.medicalExpiresUtc, 'medicalExpiresUtc'));
      await db.updateTable('tourism_passengers').set(set).where('id', '=', row.id).where('tenant_id', '=', p.tenantId).execute();
      return passengerJson(await loadPassenger(p.tenantId, row.id));
    },
  );
  app.delete('/api/v1/tourism/passengers/:passengerId', { config: { role: 'operator' }, schema: { tags: ['tourism'], summary: 'Delete a passenger and their seat assignments (erasure of personal data)', params: PassengerParams } }, async (request, reply) => {
    const p = principalOf(request);
    const row = await loadPassenger(p.tenantId, request.params.passengerId);
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('tourism_seats').where('tenant_id', '=', p.tenantId).where('passenger_id', '=', row.id).execute();
      await trx.deleteFrom('tourism_passengers').where('tenant_id', '=', p.tenantId).where('id', '=', row.id).execute();
    });
    return reply.code(204).send();
  });

  // Seats.
  app.get('/api/v1/tourism/flights/:flightId/seats', { config: { role: 'viewer' }, schema: { tags: ['tourism'], summary: 'Seat assignments of a flight', params: FlightParams } }, async (request) => {
    const p = principalOf(request);
    const f = await loadFlightRow(p.tenantId, request.params.flightId);
    const v = await loadVehicle(p.tenantId, f.vehicle_id);
    const seats = await seatsOf(p.tenantId, f.id);
    return { flightId: f.id, seatsAvailable: v.seats - seats.length, items: seats.map((s) => ({ seat: s.seat, passengerId: s.passenger_id })) };
  });
  app.post(
    '/api/v1/tourism/flights/:flightId/seats',
    { config: { role: 'operator' }, schema: { tags: ['tourism'], summary: 'Assign a passenger to a seat (409 when the seat is taken, the passenger already seated or the vehicle full)', params: FlightParams, body: Type.Object({ passengerId: Type.Integer({ minimum: 1 }), seat: Type.String({ minLength: 1, maxLength: 10, pattern: '^[A-Za-z0-9-]+$' }) }, { additionalProperties: false }) } },
    async (request, reply) => {
      const p = principalOf(request);
      const f = await loadFlightRow(p.tenantId, request.params.flightId);
      const passenger = await loadPassenger(p.tenantId, request.body.passengerId);
      const v = await loadVehicle(p.tenantId, f.vehicle_id);
      const seats = await seatsOf(p.tenantId, f.id);
      if (seats.some((s) => s.seat === request.body.seat)) throw new HttpProblem(409, 'seat-taken', 'Seat taken', `seat ${request.body.seat} of flight ${f.id} is already assigned.`);
      if (seats.some((s) => s.passenger_id === passenger.id)) throw new HttpProblem(409, 'already-seated', 'Already seated', `passenger ${passenger.id} already has a seat on flight ${f.id}.`);
      if (seats.length >= v.seats) throw new HttpProblem(409, 'flight-full', 'Flight full', `flight ${f.id} has all ${v.seats} seats of its vehicle assigned.`);
      await db.insertInto('tourism_seats').values({ tenant_id: p.tenantId, flight_id: f.id, passenger_id: passenger.id, seat: request.body.seat, created_at: nowIso() }).execute();
      return reply.code(201).send({ flightId: f.id, seat: request.body.seat, passengerId: passenger.id });
    },
  );
  app.delete(
    '/api/v1/tourism/flights/:flightId/seats/:seat',
    { config: { role: 'operator' }, schema: { tags: ['tourism'], summary: 'Free a seat', params: Type.Object({ flightId: Type.Integer({ minimum: 1 }), seat: Type.String({ minLength: 1, maxLength: 10 }) }) } },
    async (request, reply) => {
      const p = principalOf(request);
      const f = await loadFlightRow(p.tenantId, request.params.flightId);
      const r = await db.deleteFrom('tourism_seats').where('tenant_id', '=', p.tenantId).where('flight_id', '=', f.id).where('seat', '=', request.params.seat).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw notFound(`seat ${request.params.seat} of flight ${f.id}`);
      return reply.code(204).send();
    },
  );

  // Go/no-go.
  app.post(
    '/api/v1/tourism/flights/:flightId/go-no-go',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['tourism'],
        summary: "Launch-day go/no-go: the day's inputs (hazard areas, traffic, LCOLA, recovery assets, weather, open anomalies, profile check) with the manifest's vehicle and passengers",
        description:
          'Body: the go/no-go JSON form (docs/design/space-tourism-operations.md) without passengers and vehicle limits, which come from the manifest (passengers by seat: training complete, medical cleared and valid at launch). `launchUtc` defaults to the planned launch; `vehicle.lastLandingUtc` to the last flown flight of the vehicle (none: first flight); `vehicle.openAnomalies` must be given. The verdict is stored on the flight.',
        params: FlightParams,
        body: Type.Object({}, { additionalProperties: true }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const f = await loadFlightRow(p.tenantId, request.params.flightId);
      const v = await loadVehicle(p.tenantId, f.vehicle_id);
      const body = request.body as Record<string, unknown>;
      const launchUtc = typeof body['launchUtc'] === 'string' ? iso(parseTime(body['launchUtc'], 'launchUtc')) : f.planned_launch_utc;
      const vehicleIn = typeof body['vehicle'] === 'object' && body['vehicle'] !== null ? (body['vehicle'] as Record<string, unknown>) : {};
      let lastLanding: string | null | undefined = vehicleIn['lastLandingUtc'] as string | null | undefined;
      if (lastLanding === undefined) {
        const prev = await db
          .selectFrom('tourism_flights')
          .select('planned_launch_utc')
          .where('tenant_id', '=', p.tenantId)
          .where('vehicle_id', '=', v.id)
          .where('status', '=', 'flown')
          .where('planned_launch_utc', '<', launchUtc)
          .orderBy('planned_launch_utc', 'desc')
          .executeTakeFirst();
        lastLanding = prev?.planned_launch_utc ?? null;
      }
      const seated = await db
        .selectFrom('tourism_seats')
        .innerJoin('tourism_passengers', 'tourism_passengers.id', 'tourism_seats.passenger_id')
        .select(['tourism_seats.seat', 'tourism_passengers.training_status', 'tourism_passengers.medical_status', 'tourism_passengers.medical_expires_utc'])
        .where('tourism_seats.tenant_id', '=', p.tenantId)
        .where('tourism_passengers.tenant_id', '=', p.tenantId)
        .where('tourism_seats.flight_id', '=', f.id)
        .orderBy('tourism_seats.seat')
        .execute();
      const json = {
        ...body,
        launchUtc,
        limits: { maxSurfaceWindMps: v.max_surface_wind_mps, maxGustMps: v.max_gust_mps, maxWaveHeightM: v.max_wave_height_m },
        vehicle: { ...vehicleIn, turnaroundS: v.turnaround_s, lastLandingUtc: lastLanding },
        passengers: seated.map((s) => ({ id: `seat ${s.seat}`, trainingComplete: s.training_status === 'complete', medicalCleared: s.medical_status === 'cleared', medicalExpiresUtc: s.medical_expires_utc })),
      };
      delete (json as Record<string, unknown>)['vehicleClass'];
      // The profile computed from the suborbital model and cached on the flight feeds the optional profile check.
      const cached = parseJson(f.profile_json) as Record<string, unknown> | null;
      if (body['profileCheck'] === undefined && cached !== null && cached['source'] === 'computed' && typeof cached['profileCheck'] === 'object') (json as Record<string, unknown>)['profileCheck'] = cached['profileCheck'];
      let report;
      try {
        report = evaluateGoNoGo(goNoGoInputFromJson(json, ts), ts);
      } catch (e) {
        if (e instanceof SkylaneError) throw badRequest(`${e.code}: ${e.message}`);
        throw e;
      }
      const out = { flightId: f.id, flight: f.name, launchUtc, evaluatedAtUtc: ctx.service.now().toISOString(), ...report };
      await db.updateTable('tourism_flights').set({ last_go_no_go_json: JSON.stringify(out) }).where('id', '=', f.id).where('tenant_id', '=', p.tenantId).execute();
      return out;
    },
  );

  // Passenger-facing summary.
  app.get(
    '/api/v1/tourism/flights/:flightId/summary',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['tourism'],
        summary: 'Passenger-facing flight summary: timeline, seat, key numbers (apogee, time above 100 km, microgravity, peak g), landing area',
        params: FlightParams,
        querystring: Type.Object({ passengerId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const f = await loadFlightRow(p.tenantId, request.params.flightId);
      const v = await loadVehicle(p.tenantId, f.vehicle_id);
      const seats = await seatsOf(p.tenantId, f.id);
      const profile = (parseJson(f.profile_json) ?? null) as Record<string, unknown> | null;
      const num = (k: string): number | null => (profile !== null && typeof profile[k] === 'number' ? (profile[k] as number) : null);
      const launch = ts.parseUtcIso(f.planned_launch_utc);
      const timeline: { event: string; tS: number; utc: string }[] = [{ event: 'liftoff', tS: 0, utc: iso(launch) }];
      const events = profile !== null && Array.isArray(profile['events']) ? (profile['events'] as unknown[]) : [];
      for (const e of events) {
        const ev = e as Record<string, unknown>;
        if (typeof ev['name'] === 'string' && typeof ev['tS'] === 'number' && Number.isFinite(ev['tS'])) timeline.push({ event: ev['name'], tS: ev['tS'], utc: iso(launch.plusSeconds(ev['tS'])) });
      }
      const landingS = num('flightDurationS') ?? num('touchdownS');
      if (landingS !== null && !timeline.some((t) => t.event === 'touchdown')) timeline.push({ event: 'touchdown', tS: landingS, utc: iso(launch.plusSeconds(landingS)) });
      timeline.sort((a, b) => a.tS - b.tS);
      let seat: { seat: string; passengerId: number; name: string } | null = null;
      if (request.query.passengerId !== undefined) {
        const pass = await loadPassenger(p.tenantId, request.query.passengerId);
        const s = seats.find((x) => x.passenger_id === pass.id);
        if (s === undefined) throw notFound(`a seat of passenger ${pass.id} on flight ${f.id}`);
        seat = { seat: s.seat, passengerId: pass.id, name: pass.name };
      }
      return {
        flightId: f.id,
        flight: f.name,
        site: f.site,
        plannedLaunchUtc: f.planned_launch_utc,
        status: f.status,
        vehicle: { name: v.name, vehicleClass: v.vehicle_class, seats: v.seats },
        seatsAssigned: seats.length,
        ...(seat !== null ? { seat } : {}),
        profileAvailable: profile !== null,
        profileSource: profile === null ? null : profile['source'] === 'computed' ? 'computed' : 'stored',
        keyNumbers: { apogeeKm: num('apogeeKm'), timeAboveKarmanS: num('timeAboveKarmanS'), microgravityS: num('microgravityS'), maxAscentG: num('maxAscentG'), maxReentryG: num('maxReentryG'), peakG: num('peakG') },
        timeline,
        landing: profile !== null && typeof profile['landing'] === 'object' ? profile['landing'] : null,
        ...(profile !== null && Array.isArray(profile['samples']) ? { plot: profile['samples'] } : {}),
        ...(profile !== null && Array.isArray(profile['series']) ? { plot: profile['series'] } : {}),
        ...(profile !== null && typeof profile['profileCheck'] === 'object' ? { profileCheck: profile['profileCheck'] } : {}),
        goNoGo: f.last_go_no_go_json === null ? null : { verdict: (JSON.parse(f.last_go_no_go_json) as { verdict: string }).verdict },
      };
    },
  );

  // Scheduling.
  app.post(
    '/api/v1/tourism/schedule',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['tourism'],
        summary: "Propose vehicle and launch date for requested flights under the tenant's vehicle turnaround and site cadence (nothing is stored)",
        body: Type.Object(
          { requests: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }), site: Type.String({ minLength: 1, maxLength: 60 }), earliestUtc: Iso, latestUtc: Type.Optional(Iso), passengers: Type.Integer({ minimum: 0, maximum: 100 }), vehicleId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const p = principalOf(request);
      const c = await scheduleContext(p.tenantId);
      const reqs = request.body.requests.map((r) => ({
        id: r.id,
        site: r.site,
        earliest: parseTime(r.earliestUtc, 'earliestUtc'),
        ...(r.latestUtc !== undefined ? { latest: parseTime(r.latestUtc, 'latestUtc') } : {}),
        passengers: r.passengers,
        ...(r.vehicleId !== undefined ? { vehicle: String(r.vehicleId) } : {}),
      }));
      const res = scheduleTourismFlights(reqs, c.vehicles, c.sites(reqs.map((r) => r.site)), c.existing);
      return {
        assigned: res.assigned.map((f) => ({ id: f.id, vehicleId: Number(f.vehicle), site: f.site, launchUtc: iso(f.launch), passengers: f.passengers })),
        conflicts: res.conflicts,
      };
    },
  );
}
