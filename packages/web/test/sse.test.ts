/**
 * The dashboard's server-sent-events reader against a real HTTP server on loopback, checked with the WHATWG HTML
 * "event stream interpretation" rules: comments ignored, CRLF and LF line ends, multi-line data joined with "\n",
 * the optional space after the colon stripped, `retry` honoured, the Authorization header sent, and a dropped
 * connection resumed with `Last-Event-ID`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseMessage } from '../src/api/sse.ts';

describe('openSse (WHATWG event-stream rules)', () => {
  const seen: { auth: string | undefined; lastEventId: string | undefined }[] = [];
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ auth: req.headers.authorization, lastEventId: req.headers['last-event-id'] as string | undefined });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (seen.length === 1) {
        // First connection: a comment, retry, two events (one CRLF, one multi-line), then the server drops it.
        res.write(': hello\nretry: 50\n\n');
        res.write('id: 7\r\nevent: alert\r\ndata: {"id":7}\r\n\r\n');
        res.write('id: 8\nevent: alert\ndata:line one\ndata: line two\n\n');
        setTimeout(() => res.end(), 20);
      } else {
        res.write('id: 9\nevent: alert\ndata: {"id":9}\n\n');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('parses events, reconnects after the retry delay and resumes from the last id', async () => {
    const messages: SseMessage[] = [];
    const statuses: boolean[] = [];
    const stream = openSse(url, 'sk_test', { onMessage: (m) => messages.push(m), onStatus: (c) => statuses.push(c) });
    const t0 = Date.now();
    while (messages.length < 3 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 10));
    stream.close();
    expect(messages).toEqual([
      { id: '7', event: 'alert', data: '{"id":7}' },
      { id: '8', event: 'alert', data: 'line one\nline two' },
      { id: '9', event: 'alert', data: '{"id":9}' },
    ]);
    expect(seen[0]).toEqual({ auth: 'Bearer sk_test', lastEventId: undefined });
    expect(seen[1]).toEqual({ auth: 'Bearer sk_test', lastEventId: '8' });
    expect(statuses.slice(0, 3)).toEqual([true, false, true]);
  });
});
