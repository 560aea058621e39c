import 'server-only';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// Server-side request forgery guard for outbound webhooks: an integrator's URL must not make
// this server call itself, the private network, or a cloud metadata service. Checked when an
// endpoint is saved (friendly error) and again on every connection (guardedLookup), because a
// DNS name can point elsewhere by delivery time (DNS rebinding).

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. 169.254.169.254 metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: same
  ['fc00::', 7], // unique local, incl. fd00:ec2::254 metadata
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** "::ffff:127.0.0.1" or "::ffff:7f00:1" -> "127.0.0.1"; null when not IPv4-mapped. */
function mappedIpv4(address: string): string | null {
  const dotted = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1], 16);
  const lo = parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Loopback, private, link-local, metadata, multicast or reserved: never a webhook receiver. */
export function isBlockedAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;
  if (version === 4) return blocked.check(address, 'ipv4');
  // An IPv4-mapped IPv6 address reaches the IPv4 address it wraps: judge that one.
  const v4 = mappedIpv4(address);
  return v4 !== null ? blocked.check(v4, 'ipv4') : blocked.check(address, 'ipv6');
}

function refuse(host: string, address: string): AppError {
  return new AppError('BAD_USER_INPUT', `${host} resolves to ${address}, a private or local address: webhooks go to public addresses only.`, {
    fields: { url: 'This URL points to a private or local address' },
  });
}

/** The host of a URL as connect() sees it ("[::1]" -> "::1"). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** When saving: refuses a URL whose host is or resolves to a blocked address (unless allowed by env). */
export async function assertPublicUrl(rawUrl: string): Promise<void> {
  if (env().isOutboundPrivateAllowed) return;
  const host = hostOf(new URL(rawUrl));
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw refuse(host, host);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAsync(host, { all: true });
  } catch {
    throw new AppError('BAD_USER_INPUT', `${host} does not resolve to an address.`, { fields: { url: 'This host name does not resolve' } });
  }
  const bad = addresses.find((a) => isBlockedAddress(a.address));
  if (bad) throw refuse(host, bad.address);
}

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

/**
 * A DNS lookup for http.request that fails the connection when the name resolves to a blocked
 * address, so the address checked is the address connected to. IP-literal hosts skip lookup in
 * Node: deliver-webhook.ts checks those itself (isBlockedAddress) before connecting.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad) return callback(new BlockedAddressError(`${hostname} resolves to ${bad.address}, a private or local address`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};
