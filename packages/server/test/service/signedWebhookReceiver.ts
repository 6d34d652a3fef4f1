/** Test helper: a loopback HTTP webhook receiver that records each JSON body and whether its Skylane signature verifies. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedDelivery<B> {
  readonly body: B;
  readonly signatureOk: boolean;
}

/** Verifies `Skylane-Signature: t=<unix>,v1=<hex>` = HMAC-SHA256(secret, "<t>.<raw body>"), written from the documented scheme. */
export function verifySkylaneSignature(secret: string, header: string | undefined, raw: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  if (Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  return timingSafeEqual(createHmac('sha256', secret).update(`${m[1]}.${raw}`).digest(), Buffer.from(m[2]!, 'hex'));
}

/** A receiver answering 204 to every POST; `setSecret` with the webhook's secret once it is created. */
export function signedWebhookReceiver<B>() {
  const received: SignedDelivery<B>[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8').on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const sig = req.headers['skylane-signature'];
      received.push({ body: JSON.parse(raw) as B, signatureOk: verifySkylaneSignature(secret, typeof sig === 'string' ? sig : undefined, raw) });
      res.statusCode = 204;
      res.end();
    });
  });
  return {
    received,
    setSecret: (s: string) => (secret = s),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
