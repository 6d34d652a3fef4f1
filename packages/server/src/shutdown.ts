/**
 * Graceful shutdown of `npm start` on SIGTERM/SIGINT: stop taking work, abort the running screening jobs (a job that
 * had recorded nothing goes back to `queued` and runs at the next start; one stopped while recording is marked
 * failed "interrupted", with only whole event updates written), close the HTTP server (open connections such as
 * alert streams are cut after a short grace), close the database, exit 0. A second signal, or a shutdown that
 * takes longer than `timeoutMs`, exits 1 at once.
 */
import fs from 'node:fs';
import type { App } from './http/app.ts';
import type { Store } from './storage/database.ts';

export interface ShutdownOptions {
  /** Longest graceful shutdown before a forced exit (default 10 s). */
  readonly timeoutMs?: number;
  /** Grace for open connections before they are cut (default 1 s). */
  readonly connectionGraceMs?: number;
  /** Where progress lines go (default stderr). */
  readonly log?: (line: string) => void;
  /** Ends the process (default process.exit). */
  readonly exit?: (code: number) => void;
}

/** Closes the app and the store in order; resolves when both are closed. */
export async function shutdownGracefully(app: App, store: Store, o: ShutdownOptions = {}): Promise<void> {
  const log = o.log ?? ((l: string) => fs.writeSync(2, `${l}\n`));
  const t0 = performance.now();
  // Jobs first, so that nothing writes once the database closes.
  await app.earlyWarning.close();
  log(`shutdown: screening jobs stopped in ${Math.round(performance.now() - t0)} ms`);
  const cut = setTimeout(() => app.server.closeAllConnections(), o.connectionGraceMs ?? 1000);
  cut.unref();
  await app.close();
  clearTimeout(cut);
  await store.close();
  log(`shutdown: done in ${Math.round(performance.now() - t0)} ms`);
}

/** Installs the SIGTERM/SIGINT handlers of a server process. */
export function installShutdownHandlers(app: App, store: Store, o: ShutdownOptions = {}): void {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  const log = o.log ?? ((l: string) => fs.writeSync(2, `${l}\n`));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`shutdown: second ${signal}, exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log(`shutdown: ${signal} received, stopping`);
    const timer = setTimeout(() => {
      log(`shutdown: not done after ${o.timeoutMs ?? 10_000} ms, exiting now`);
      exit(1);
    }, o.timeoutMs ?? 10_000);
    timer.unref();
    shutdownGracefully(app, store, { ...o, log })
      .then(() => exit(0))
      .catch((e: unknown) => {
        log(`shutdown: ${e instanceof Error ? e.message : String(e)}`);
        exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
