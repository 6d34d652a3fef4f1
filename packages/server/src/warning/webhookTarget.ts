/**
 * Webhook destinations that cannot be turned against the network (SSRF): a webhook URL must be http(s) without
 * credentials, and every address its host resolves to must be a public unicast address, unless an operator's
 * allow-list (`SKYLANE_WEBHOOK_ALLOW=cidr,cidr`, option `webhooks.allow`) names it.
 *
 * Refused classes (IPv4): 0.0.0.0/8 (unspecified, "this network"), 10/8, 172.16/12, 192.168/16 (RFC 1918),
 * 100.64/10 (CGNAT, RFC 6598), 127/8 (loopback), 169.254/16 (link-local, with the cloud metadata address
 * 169.254.169.254), 192.0.0/24 (IETF protocol assignments), 192.0.2/24, 198.51.100/24, 203.0.113/24 (documentation),
 * 198.18/15 (benchmarking), 224/4 (multicast), 240/4 (reserved) and 255.255.255.255 (broadcast).
 * IPv6: ::/128 (unspecified), ::1 (loopback), ::ffff:0:0/96 (IPv4-mapped: refused whatever it embeds: a receiver
 * is given by its IPv4 address), ::/96 (IPv4-compatible, deprecated), 64:ff9b::/96 and 2002::/16 (NAT64 and 6to4:
 * judged by the IPv4 address they embed), fc00::/7 (unique local, with AWS's metadata fd00:ec2::254), fe80::/10
 * (link-local), fec0::/10 (site-local, deprecated), ff00::/8 (multicast), 2001:db8::/32 (documentation), 100::/64
 * (discard).
 *
 * Every spelling of an address is covered because the check runs on the resolved address bytes: the WHATWG URL
 * parser already rewrites `127.1`, `2130706433`, `0x7f.1` and `017700000001` to `127.0.0.1`, and a host name goes
 * through the resolver (`localhost`, a name whose DNS answer is private); the delivery then connects to the very
 * address that was checked (no second resolution, so DNS rebinding between check and connect cannot work).
 */
import dns from 'node:dns';
import net from 'node:net';

/** The class of an IP address, as far as webhook destinations are concerned. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'unique-local'
  | 'ipv4-mapped';

/** A destination the policy refuses; `reason` is safe to show to the tenant (no address), `detail` names it. */
export class WebhookDestinationError extends Error {
  override readonly name = 'WebhookDestinationError';
  readonly code = 'WEBHOOK_DESTINATION_REFUSED';
  readonly reason: string;
  constructor(reason: string, detail: string) {
    super(detail);
    this.reason = reason;
  }
}

/** 16 bytes for IPv6, 4 for IPv4; undefined when `text` is not an IP literal (brackets allowed around IPv6). */
export function parseIp(text: string): Uint8Array | undefined {
  const s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const family = net.isIP(s);
  if (family === 4) return Uint8Array.from(s.split('.').map(Number));
  if (family !== 6) return undefined;
  let head = s;
  const out = new Uint8Array(16);
  // An embedded dotted IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(head);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    head = `${head.slice(0, v4.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [l, r] = head.includes('::') ? head.split('::') : [head, undefined];
  const left = l ? l.split(':') : [];
  const right = r ? r.split(':') : [];
  const groups = r === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}

interface Cidr {
  readonly bytes: Uint8Array;
  readonly prefix: number;
  readonly text: string;
}

/** Parses `a.b.c.d/n`, `x::y/n` or a bare address (a /32 or /128). Throws a RangeError saying what is wrong. */
export function parseCidr(text: string): Cidr {
  const [addr, len, extra] = text.trim().split('/');
  const bytes = parseIp(addr ?? '');
  const max = bytes === undefined ? 0 : bytes.length * 8;
  const prefix = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (bytes === undefined || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
    throw new RangeError(`"${text}" is not a CIDR block: write e.g. 10.20.0.0/16, 192.168.1.7 or fd12:3456::/48.`);
  }
  return { bytes, prefix, text: text.trim() };
}

function inCidr(ip: Uint8Array, c: Cidr): boolean {
  if (ip.length !== c.bytes.length) return false;
  let bits = c.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (c.bytes[i]! & mask)) return false;
  }
  return true;
}

const V4_RULES: readonly [string, AddressClass][] = [
  ['169.254.169.254/32', 'metadata'],
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
];
const V6_RULES: readonly [string, AddressClass][] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['::ffff:0:0/96', 'ipv4-mapped'],
  ['::/96', 'reserved'],
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'documentation'],
  ['fd00:ec2::254/128', 'metadata'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'reserved'],
  ['ff00::/8', 'multicast'],
];
const v4Rules = V4_RULES.map(([c, k]) => [parseCidr(c), k] as const);
const v6Rules = V6_RULES.map(([c, k]) => [parseCidr(c), k] as const);
const NAT64 = parseCidr('64:ff9b::/96');
const SIX_TO_FOUR = parseCidr('2002::/16');

/** The class of an address given as bytes (4 or 16) or text. */
export function classifyAddress(ip: Uint8Array | string): AddressClass {
  const b = typeof ip === 'string' ? parseIp(ip) : ip;
  if (b === undefined) throw new RangeError(`"${String(ip)}" is not an IP address.`);
  if (b.length === 4) return v4Rules.find(([c]) => inCidr(b, c))?.[1] ?? 'public';
  if (inCidr(b, NAT64)) return classifyAddress(b.slice(12, 16));
  if (inCidr(b, SIX_TO_FOUR)) return classifyAddress(b.slice(2, 6));
  return v6Rules.find(([c]) => inCidr(b, c))?.[1] ?? 'public';
}

const CLASS_TEXT: Readonly<Record<AddressClass, string>> = {
  public: 'a public address',
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  cgnat: 'a carrier-grade NAT (100.64/10) address',
  'link-local': 'a link-local address',
  metadata: 'a cloud metadata address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  documentation: 'a documentation address',
  'unique-local': 'an IPv6 unique-local (fc00::/7) address',
  'ipv4-mapped': 'an IPv4-mapped IPv6 address',
};

/** Which destinations deliveries may reach: public unicast addresses, plus the operator's allow-list. */
export class WebhookPolicy {
  readonly allow: readonly Cidr[];

  /** @param allow CIDR blocks (or addresses) that are accepted whatever their class (on-premise receivers). */
  constructor(allow: readonly string[] = []) {
    this.allow = allow.map(parseCidr);
  }

  /** From a comma-separated list such as `SKYLANE_WEBHOOK_ALLOW=10.20.0.0/16,fd12::/48` (empty or absent: none). */
  static fromList(list: string | undefined): WebhookPolicy {
    return new WebhookPolicy((list ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0));
  }

  /** Throws WebhookDestinationError unless `address` may be reached. */
  checkAddress(address: string, host: string): void {
    const b = parseIp(address);
    if (b === undefined) throw new WebhookDestinationError('the destination is not an IP address', `"${address}" is not an IP address`);
    if (this.allow.some((c) => inCidr(b, c))) return;
    const k = classifyAddress(b);
    if (k !== 'public') {
      throw new WebhookDestinationError(
        `the destination resolves to ${CLASS_TEXT[k]}, which webhooks may not reach (an operator can allow on-premise receivers with SKYLANE_WEBHOOK_ALLOW)`,
        `host ${host} resolves to ${address} (${k}), which webhooks may not reach`,
      );
    }
  }

  /**
   * The URL a webhook may be registered with: absolute http(s), no user name or password, and a host that is not
   * itself a refused address. Throws WebhookDestinationError (reason safe to show).
   */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new WebhookDestinationError(`"${raw.slice(0, 80)}" is not an absolute URL`, 'not an absolute URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookDestinationError('webhook URLs must be http(s)', `protocol ${url.protocol}`);
    if (url.username !== '' || url.password !== '') throw new WebhookDestinationError('webhook URLs may not carry credentials (user:password@); authenticate the request with its signature', 'credentials in URL');
    if (parseIp(url.hostname) !== undefined) this.checkAddress(url.hostname.replace(/^\[|\]$/g, ''), url.hostname);
    return url;
  }

  /**
   * Resolves the URL's host and checks every address it resolves to (all must be allowed: a name with one private
   * answer is refused); returns the first, which the delivery connects to. Resolution failures throw the resolver's
   * error (a network error, retried); refused addresses throw WebhookDestinationError.
   */
  async resolve(url: URL, lookup: LookupAll = defaultLookup): Promise<ResolvedTarget> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const family = net.isIP(host);
    const addresses = family !== 0 ? [{ address: host, family }] : await lookup(host);
    if (addresses.length === 0) throw Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' });
    for (const a of addresses) this.checkAddress(a.address, host);
    return addresses[0]!;
  }
}

export interface ResolvedTarget {
  readonly address: string;
  readonly family: number;
}

export type LookupAll = (host: string) => Promise<ResolvedTarget[]>;

const defaultLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * A reason for a failed delivery that is safe to show to any reader of the tenant (no addresses, ports or host
 * internals): refused destinations, DNS, refused/reset connections, timeouts, TLS, or a generic network error.
 */
export function publicDeliveryError(e: unknown): string {
  if (e instanceof WebhookDestinationError) return `destination refused: ${e.reason}`;
  const err = e as { name?: string; code?: string; cause?: { code?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code ?? '';
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ABORT_ERR') return 'timed out';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return 'DNS lookup failed';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'connection reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) return 'TLS error';
  return 'network error';
}

/** The full error (for the operator's admins): name, code and message. */
export function detailedDeliveryError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: string }).code;
  return `${e.name}${code !== undefined ? ` ${code}` : ''}: ${e.message}`.slice(0, 500);
}
