/**
 * The dashboard's client of the Skylane HTTP API (same origin): API-key authentication, RFC 9457 problem+json
 * errors turned into `ApiError` with the server's reason, and the typed views the dashboard reads.
 */

export interface EventView {
  readonly id: number;
  readonly object1: number;
  readonly object2: number;
  readonly status: 'open' | 'closed';
  readonly tca: string;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS: number;
  readonly pc: number | null;
  readonly maxPc: number | null;
  readonly alertLevel: AlertLevel;
  readonly updateCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closedAt: string | null;
  /** none | monitor | plan-maneuver | maneuver-now (issue 20; absent on an older server). */
  readonly recommendedAction?: string;
  readonly dataQuality?: string | null;
}

export type AlertLevel = 'green' | 'yellow' | 'red';

export interface EventUpdateView {
  readonly id: number;
  readonly jobId: number | null;
  readonly tca: string;
  readonly missDistanceKm: number;
  readonly relativeSpeedKmPerS: number;
  readonly missRtnKm: readonly [number, number, number];
  readonly pc: number | null;
  readonly pcMethod: string | null;
  readonly maxPc: number | null;
  readonly hbrM: number | null;
  readonly alertLevel: AlertLevel;
  readonly createdAt: string;
  readonly cdmUrl: string;
}

export interface EventDetailView extends EventView {
  readonly history: readonly EventUpdateView[];
  readonly uploadedCdms: readonly { id: number; messageId: string | null; originator: string | null; tca: string; missDistanceKm: number | null; pc: number | null; receivedAt: string }[];
}

export interface AlertView {
  readonly id: number;
  readonly eventId: number;
  readonly updateId: number | null;
  readonly level: AlertLevel;
  readonly previousLevel: AlertLevel | null;
  readonly kind: string;
  readonly pc: number | null;
  readonly missDistanceKm: number;
  readonly tca: string;
  readonly object1: number;
  readonly object2: number;
  readonly createdAt: string;
  readonly acknowledgedAt: string | null;
  /** Pushed under the tenant's alert policy (false: on the board only; absent on an older server: pushed). */
  readonly pushed?: boolean;
  readonly recommendedAction?: string | null;
}

/** A maneuver plan published for an event (by this tenant, or by the other party for the same encounter). */
export interface ManeuverPlanView {
  readonly id: number;
  readonly side: 'publisher' | 'counterpart';
  readonly publisher: string | null;
  readonly maneuveredObject: number;
  readonly status: string;
  readonly note: string | null;
  readonly maneuvers: readonly { epoch: string; refFrame: string; dvMps: readonly number[]; dvNormMps: number }[];
  readonly trajectory: { start: string; stop: string; stateCount: number } | null;
  readonly counterpartRescreening?: { screened: boolean; reason?: string; approaches?: readonly { object: number; tca: string; missDistanceKm: number }[] };
  readonly history: readonly { side: string; status: string; note: string | null; at: string; own: boolean }[];
  readonly createdAt: string;
}

/** A fleet with its members (GET /api/v1/fleets/:id). */
export interface FleetView {
  readonly id: number;
  readonly name: string;
  readonly members: readonly number[];
}

export interface TenantView {
  readonly name: string;
  readonly role: string;
  readonly thresholds: { readonly redPc: number; readonly yellowPc: number; readonly yellowMissKm: number };
}

export interface HealthView {
  readonly status: string;
  readonly database: string;
  /** The service clock (ISO-8601 UTC); it may replay a past date (SKYLANE_NOW). */
  readonly now?: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** An API failure with the server's problem detail (or the network failure) as message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ApiClient {
  constructor(readonly apiKey: string) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${this.apiKey}` } });
    } catch (e) {
      throw new ApiError(0, `the Skylane server does not answer (${e instanceof Error ? e.message : String(e)}).`);
    }
    if (!res.ok) {
      let detail = `${res.status} ${res.statusText}`;
      try {
        const p = (await res.json()) as { title?: string; detail?: string };
        detail = `${p.title ?? res.statusText}: ${p.detail ?? ''}`;
      } catch {
        /* not problem+json */
      }
      throw new ApiError(res.status, detail);
    }
    return res;
  }

  async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.request(path, init)).json()) as T;
  }

  async text(path: string): Promise<string> {
    return (await this.request(path)).text();
  }

  /** Every page of a paged route (follows nextCursor), at most `maxItems` items. */
  async all<T>(path: string, maxItems = 10_000): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const sep: string = path.includes('?') ? '&' : '?';
      const page: Page<T> = await this.json<Page<T>>(`${path}${sep}limit=1000${cursor !== null ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null && out.length < maxItems);
    return out;
  }

  health(): Promise<HealthView> {
    return this.json<HealthView>('/api/v1/health');
  }

  tenant(): Promise<TenantView> {
    return this.json<TenantView>('/api/v1/tenant');
  }

  /** The current element set of every object visible to the tenant, as CelesTrak OMM JSON text. */
  catalogOmmJson(): Promise<string> {
    return this.text('/api/v1/gp?GROUP=all&FORMAT=json');
  }

  async fleets(): Promise<FleetView[]> {
    const list = await this.json<{ items: { id: number }[] }>('/api/v1/fleets');
    return Promise.all(list.items.map((f) => this.json<FleetView>(`/api/v1/fleets/${f.id}`)));
  }

  events(): Promise<EventView[]> {
    return this.all<EventView>('/api/v1/events');
  }

  event(id: number): Promise<EventDetailView> {
    return this.json<EventDetailView>(`/api/v1/events/${id}`);
  }

  alerts(): Promise<AlertView[]> {
    return this.all<AlertView>('/api/v1/alerts', 500);
  }

  /** POST /api/v1/events/{id}/avoidance-plan (the planner's route): the plan JSON. */
  avoidancePlan<T>(eventId: number, body: Record<string, unknown>): Promise<T> {
    return this.json<T>(`/api/v1/events/${eventId}/avoidance-plan`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  maneuverPlans(eventId: number): Promise<ManeuverPlanView[]> {
    return this.json<{ items: ManeuverPlanView[] }>(`/api/v1/events/${eventId}/maneuvers`).then((r) => r.items);
  }

  setPlanStatus(eventId: number, planId: number, status: string, note?: string): Promise<ManeuverPlanView> {
    return this.json<ManeuverPlanView>(`/api/v1/events/${eventId}/maneuvers/${planId}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(note !== undefined ? { status, note } : { status }) });
  }

  acknowledge(alertId: number): Promise<AlertView> {
    return this.json<AlertView>(`/api/v1/alerts/${alertId}/ack`, { method: 'POST' });
  }
}
