import 'server-only';
import { BlockList, isIP } from 'node:net';
import { env, type TrustedProxies } from '@/lib/env';
import { log } from '@/lib/log/logger';
import { PEER_HEADER } from './peer-header';

// Who is asking, for rate limits. X-Forwarded-For is written by whoever sends the request, so
// only the hops added by proxies we trust (TRUSTED_PROXIES) are believed, counted from the
// right; without a proxy the socket address is the client. See
// docs/decisions/007-client-address-and-sign-in-limits.md.

/** The shared bucket every request falls into when the socket address is unknown. */
export const UNKNOWN_CLIENT = 'unknown-client';

const warned = globalThis as unknown as { __whatslabPeerWarned?: boolean };

export function clientIp(headers: Headers): string {
  const e = env();
  if (e.isVercel) {
    // Vercel's edge overwrites these with the address it accepted the connection from.
    const platform = firstHop(headers.get('x-vercel-forwarded-for')) ?? firstHop(headers.get('x-real-ip'));
    return platform ?? unknownClient('Vercel sent no x-vercel-forwarded-for / x-real-ip header');
  }
  const peer = normalizeAddress(headers.get(PEER_HEADER) ?? '');
  // Never fall back to a header the client writes: one shared bucket is safe, a forged one is not.
  if (!peer) return unknownClient(`the ${PEER_HEADER} header is missing (instrumentation.ts did not run)`);
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => normalizeAddress(hop))
    .filter((hop) => hop !== '');
  return pickClientAddress([...forwarded, peer], e.TRUSTED_PROXIES);
}

/**
 * chain: X-Forwarded-For's hops then the socket address, oldest first. Each trusted proxy
 * appends the address it received the request from, so the first hop from the right that no
 * trusted proxy wrote is the client.
 */
export function pickClientAddress(chain: string[], trusted: TrustedProxies): string {
  const peer = chain[chain.length - 1];
  if (trusted.kind === 'none') return peer;
  if (trusted.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trusted.count)];
  const ranges = rangeList(trusted);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!isTrusted(ranges, chain[i])) return chain[i];
  }
  return chain[0];
}

/** "[::1]:80", "1.2.3.4:5678", "::ffff:1.2.3.4" -> the bare address; anything else as sent, bounded. */
export function normalizeAddress(raw: string): string {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (v4WithPort) value = v4WithPort[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : value.slice(0, 64);
}

function firstHop(value: string | null): string | null {
  const hop = normalizeAddress(value?.split(',')[0] ?? '');
  return hop || null;
}

function unknownClient(reason: string): string {
  if (!warned.__whatslabPeerWarned) {
    warned.__whatslabPeerWarned = true;
    log.error('client address unknown: every request shares one rate-limit bucket', { reason });
  }
  return UNKNOWN_CLIENT;
}

const cachedLists = new WeakMap<object, BlockList>();

function rangeList(trusted: Extract<TrustedProxies, { kind: 'ranges' }>): BlockList {
  let list = cachedLists.get(trusted);
  if (!list) {
    list = new BlockList();
    for (const r of trusted.ranges) list.addSubnet(r.address, r.prefix, r.family);
    cachedLists.set(trusted, list);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const version = isIP(address);
  if (version === 0) return false;
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The rate-limit bucket of a client address. An IPv6 client is usually given a whole /64
 * (SLAAC, privacy addresses), so one attacker could otherwise rotate through 2^64 addresses.
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase().split('%')[0];
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16).toString(16));
}
