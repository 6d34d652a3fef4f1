/**
 * The page's side of the propagation worker: load the catalog once, then request positions for the clock's time
 * whenever the previous answer has arrived (one request in flight; the buffer goes back and forth by transfer),
 * and sampled tracks of single objects.
 */
import type { CatalogObject, FromWorker, RejectedRecord, ToWorker } from './protocol.ts';

export interface PositionsFrame {
  readonly utcMs: number;
  readonly positions: Float64Array;
  readonly propagated: number;
  readonly elapsedMs: number;
}

export class CatalogPropagator {
  private readonly worker = new Worker(new URL('./propagation.worker.ts', import.meta.url), { type: 'module' });
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();
  private buffer: Float64Array | null = new Float64Array(0);
  objects: readonly CatalogObject[] = [];

  constructor() {
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = this.pending.get(m.requestId);
      if (p === undefined) return;
      this.pending.delete(m.requestId);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    };
    this.worker.onerror = (ev) => {
      for (const p of this.pending.values()) p.reject(new Error(`propagation worker failed: ${ev.message}`));
      this.pending.clear();
    };
  }

  private call(m: ToWorker, transfer: Transferable[] = []): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending.set(m.requestId, { resolve, reject });
      this.worker.postMessage(m, transfer);
    });
  }

  /** Loads the catalog (OMM JSON text); resolves with the objects the worker accepted and the records it refused. */
  async load(ommJson: string): Promise<{ objects: readonly CatalogObject[]; rejected: readonly RejectedRecord[] }> {
    const m = await this.call({ type: 'load', requestId: this.nextId++, ommJson });
    if (m.type !== 'loaded') throw new Error(`unexpected worker answer ${m.type}`);
    this.objects = m.objects;
    this.buffer = new Float64Array(m.objects.length * 3);
    return { objects: m.objects, rejected: m.rejected };
  }

  /** Whether no positions request is in flight. */
  get idle(): boolean {
    return this.buffer !== null;
  }

  /** Positions of every object at `utcMs`; call only when `idle`. */
  async positions(utcMs: number): Promise<PositionsFrame> {
    const buffer = this.buffer;
    if (buffer === null) throw new Error('a positions request is already in flight');
    this.buffer = null;
    try {
      const m = await this.call({ type: 'positions', requestId: this.nextId++, utcMs, buffer }, [buffer.buffer]);
      if (m.type !== 'positions') throw new Error(`unexpected worker answer ${m.type}`);
      return { utcMs: m.utcMs, positions: m.buffer, propagated: m.propagated, elapsedMs: m.elapsedMs };
    } catch (e) {
      this.buffer = new Float64Array(this.objects.length * 3);
      throw e;
    }
  }

  /** Hands a positions buffer back for the next request once the page has used it. */
  recycle(frame: PositionsFrame): void {
    this.buffer = frame.positions;
  }

  /** `count` Earth-fixed positions (m) of one object every `stepS` seconds from `startUtcMs`; NaN where SGP4 fails. */
  async track(catalogNumber: number, startUtcMs: number, stepS: number, count: number): Promise<Float64Array> {
    const m = await this.call({ type: 'track', requestId: this.nextId++, catalogNumber, startUtcMs, stepS, count });
    if (m.type !== 'track') throw new Error(`unexpected worker answer ${m.type}`);
    return m.positions;
  }

  terminate(): void {
    this.worker.terminate();
  }
}
