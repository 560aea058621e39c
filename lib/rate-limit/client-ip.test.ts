import { afterEach, describe, expect, it } from 'vitest';
import { overrideEnvForTests } from '@/lib/env';
import { addressBucket, clientIp, UNKNOWN_CLIENT } from './client-ip';
import { PEER_HEADER } from './peer-header';

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function ipWith(vars: Record<string, string | undefined>, headers: Record<string, string>) {
  restore?.();
  restore = overrideEnvForTests({ TRUSTED_PROXIES: undefined, VERCEL: undefined, ...vars });
  return clientIp(new Headers(headers));
}

describe('clientIp', () => {
  it('without TRUSTED_PROXIES takes the socket address and ignores X-Forwarded-For and X-Real-IP', () => {
    const ip = ipWith({}, { [PEER_HEADER]: '198.51.100.9', 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '5.6.7.8' });
    expect(ip).toBe('198.51.100.9');
  });

  it('strips the IPv4-mapped IPv6 prefix of the socket address', () => {
    expect(ipWith({}, { [PEER_HEADER]: '::ffff:127.0.0.1' })).toBe('127.0.0.1');
  });

  it('with a hop count takes the address that many hops from the right', () => {
    const headers = { [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': 'forged, 1.2.3.4, 203.0.113.7, 10.0.0.1' };
    expect(ipWith({ TRUSTED_PROXIES: '1' }, headers)).toBe('10.0.0.1');
    expect(ipWith({ TRUSTED_PROXIES: '2' }, headers)).toBe('203.0.113.7');
    // Fewer hops than proxies: the leftmost there is.
    expect(ipWith({ TRUSTED_PROXIES: '3' }, { [PEER_HEADER]: '10.0.0.2', 'x-forwarded-for': '1.2.3.4' })).toBe('1.2.3.4');
  });

  it('with CIDR ranges takes the rightmost address outside them, whatever the client put on the left', () => {
    const vars = { TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1, ::1/128' };
    expect(ipWith(vars, { [PEER_HEADER]: '10.1.2.3', 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.1' })).toBe('203.0.113.7');
    // A client talking to the app directly is the untrusted peer itself.
    expect(ipWith(vars, { [PEER_HEADER]: '198.51.100.4', 'x-forwarded-for': '203.0.113.7' })).toBe('198.51.100.4');
    expect(ipWith(vars, { [PEER_HEADER]: '::1', 'x-forwarded-for': '[2001:db8::1]:4431' })).toBe('2001:db8::1');
    expect(ipWith(vars, { [PEER_HEADER]: '127.0.0.1' })).toBe('127.0.0.1');
  });

  it("on Vercel takes the platform's header", () => {
    const headers = { 'x-vercel-forwarded-for': '203.0.113.8', 'x-forwarded-for': '1.2.3.4, 203.0.113.8' };
    expect(ipWith({ VERCEL: '1' }, headers)).toBe('203.0.113.8');
  });

  it('fails closed into one shared bucket when the socket address is missing', () => {
    expect(ipWith({}, { 'x-forwarded-for': '1.2.3.4', 'x-real-ip': '1.2.3.4' })).toBe(UNKNOWN_CLIENT);
    expect(ipWith({ TRUSTED_PROXIES: '1' }, { 'x-forwarded-for': '1.2.3.4' })).toBe(UNKNOWN_CLIENT);
  });

  it('refuses a TRUSTED_PROXIES value that is neither a count nor addresses', () => {
    expect(() => ipWith({ TRUSTED_PROXIES: '10.0.0.0/33' }, {})).toThrow(/TRUSTED_PROXIES/);
    expect(() => ipWith({ TRUSTED_PROXIES: 'proxy.internal' }, {})).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('addressBucket', () => {
  it('groups an IPv6 client by its /64 and leaves IPv4 as it is', () => {
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
  });
});
