/** In-process publish/subscribe of new alerts per tenant (feeds the server-sent-events stream). One process only. */
import { EventEmitter } from 'node:events';
import { alertView, type AlertRow } from './events.ts';

export type AlertMessage = ReturnType<typeof alertView>;

/** A tracking notice on the alert stream (`event: provisional-object`, no SSE id: alert ids stay the stream's ids). */
export type TrackingNotice = ProvisionalObjectNotice | BreakupAlertNotice;

export interface ProvisionalObjectNotice {
  readonly kind: 'provisional-object';
  readonly analystNumber: number;
  readonly epoch: string;
  readonly uploadId: number;
  readonly trackCount: number;
}

/** A breakup alert (od/breakupAlerts.ts) on the alert stream: `event: breakup-alert`, no SSE id. */
export interface BreakupAlertNotice {
  readonly kind: 'breakup-alert';
  readonly alertId: number;
  readonly parentCatalogNumber: number | null;
  readonly epoch: string;
  readonly fragmentCount: number;
}

export class AlertBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(alerts: readonly AlertRow[]): void {
    for (const a of alerts) this.emitter.emit(`tenant:${a.tenant_id}`, alertView(a));
  }

  /** Calls `listener` with each new alert of the tenant; returns the unsubscribe function. */
  subscribe(tenantId: number, listener: (a: AlertMessage) => void): () => void {
    const name = `tenant:${tenantId}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Publishes a tracking notice (a provisional object made of linked UCTs, issue 13) to the tenant's streams. */
  publishTracking(tenantId: number, notice: TrackingNotice): void {
    this.emitter.emit(`tracking:${tenantId}`, notice);
  }

  /** Calls `listener` with each tracking notice of the tenant; returns the unsubscribe function. */
  subscribeTracking(tenantId: number, listener: (n: TrackingNotice) => void): () => void {
    const name = `tracking:${tenantId}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  listenerCount(tenantId: number): number {
    return this.emitter.listenerCount(`tenant:${tenantId}`);
  }
}
