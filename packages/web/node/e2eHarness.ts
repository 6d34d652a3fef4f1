/**
 * Harness of the dashboard's browser checks (the end-to-end test and the frame-time benchmark): builds the
 * dashboard when stale, starts the real server (`packages/server/src/main.ts`, as `npm start` does) on a fresh
 * embedded SQLite database seeded from the bundled catalog, reads the demo API key it prints, and launches Debian's
 * Chromium through playwright-core with the flags of GUIDE §6 (software WebGL via SwiftShader, no background
 * networking). Every request the page makes is recorded, so callers can assert that none leaves localhost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildDashboardIfStale } from '../scripts/build-if-stale.ts';
import { webPackageDir } from './locations.ts';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const REPO = path.resolve(webPackageDir, '..', '..');
const SERVER_MAIN = path.join(REPO, 'packages', 'server', 'src', 'main.ts');

export interface RunningServer {
  readonly url: string;
  readonly apiKey: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

/** Starts the service on a free port with a fresh database in a temporary folder; resolves once it listens. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  await buildDashboardIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skylane-e2e-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', SKYLANE_DB: path.join(dir, 'skylane.sqlite'), SKYLANE_SCREEN_INTERVAL_S: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the server did not start within 180 s:\n${out}`));
    }, 180_000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${String(code)}:\n${out}`));
    });
    const poll = setInterval(() => {
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const key = /demo API key \(admin, shown once\): (\S+)/.exec(out);
      if (listening !== null && key !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        resolve({ url: listening[1]!, apiKey: key[1]!, process: proc, output: () => out, stop });
      }
    }, 100);
  });
}

/** GET of an API route with the key; throws on a non-2xx answer. */
export async function apiGet<T>(server: RunningServer, route: string): Promise<T> {
  const res = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  if (!res.ok) throw new Error(`GET ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until every screening job of the tenant has finished (the startup screening of the demo fleet). */
export async function waitForScreenings(server: RunningServer, timeoutMs = 600_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const jobs = await apiGet<{ items: { status: string }[] }>(server, '/api/v1/screenings');
    if (jobs.items.length > 0 && jobs.items.every((j) => j.status !== 'queued' && j.status !== 'running')) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`screenings still running after ${timeoutMs / 1000} s: ${JSON.stringify(jobs.items)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly page: Page;
  /** Every URL the page requested (documents, scripts, workers, images, fetches). */
  readonly requests: string[];
  /** Uncaught page errors and console errors. */
  readonly errors: string[];
}

export async function openDashboard(server: RunningServer, viewport = { width: 1280, height: 800 }): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}/#key=${encodeURIComponent(server.apiKey)}`);
  return { browser, page, requests, errors };
}

/** Requests that left localhost (data: and blob: URLs are local). */
export function externalRequests(urls: readonly string[]): string[] {
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    const host = new URL(u).hostname;
    return host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]';
  });
}
