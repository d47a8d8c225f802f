import { describe, expect, it } from 'vitest';
import { isSessionAlive, newCsrfToken, newSessionToken, sameToken, sessionIdFromToken } from './sessions.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe('session tokens', () => {
  it('newSessionToken gives 43 base64url characters encoding 32 random bytes', () => {
    const token = newSessionToken();
    expect(token).toHaveLength(43);
    expect(token).toMatch(BASE64URL);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('newSessionToken never repeats over 1,000 draws', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newSessionToken()));
    expect(tokens.size).toBe(1000);
  });

  it('newSessionToken uses the whole alphabet, not a fixed prefix (a rough randomness check)', () => {
    const tokens = Array.from({ length: 200 }, () => newSessionToken());
    const firstChars = new Set(tokens.map((t) => t.charAt(0)));
    expect(firstChars.size).toBeGreaterThan(30);
    const chars = new Set(tokens.join(''));
    expect(chars.size).toBe(64);
  });

  it('newCsrfToken gives 32 base64url characters (24 bytes), different each time', () => {
    const a = newCsrfToken();
    expect(a).toHaveLength(32);
    expect(a).toMatch(BASE64URL);
    expect(newCsrfToken()).not.toBe(a);
  });
});

describe('sessionIdFromToken: only the SHA-256 of the token is stored', () => {
  it('is the SHA-256 hex digest (FIPS 180-4 test vector "abc")', () => {
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is deterministic, 64 lower-case hex characters, and differs for different tokens', () => {
    const token = newSessionToken();
    const id = sessionIdFromToken(token);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionIdFromToken(token)).toBe(id);
    expect(sessionIdFromToken(newSessionToken())).not.toBe(id);
    expect(id).not.toContain(token);
  });
});

describe('sameToken', () => {
  it('is true for equal strings', () => {
    const token = newSessionToken();
    expect(sameToken(token, `${token}`)).toBe(true);
  });

  it('is false for a different token of the same length, or one differing in the last character', () => {
    const token = newSessionToken();
    expect(sameToken(token, newSessionToken())).toBe(false);
    const last = token.endsWith('A') ? 'B' : 'A';
    expect(sameToken(token, token.slice(0, -1) + last)).toBe(false);
  });

  it('is false, without throwing, for different lengths (a prefix, an empty string)', () => {
    const token = newSessionToken();
    expect(sameToken(token, token.slice(0, -1))).toBe(false);
    expect(sameToken(token, `${token}x`)).toBe(false);
    expect(sameToken(token, '')).toBe(false);
    expect(sameToken('', token)).toBe(false);
  });

  it('compares bytes: strings of equal length but different UTF-8 length are different', () => {
    expect(sameToken('é', 'e')).toBe(false);
    expect(sameToken('àb', 'àb')).toBe(true);
  });
});

describe('isSessionAlive: absolute expiry and idle timeout, whichever comes first', () => {
  const session = { expiresAt: '2026-06-01T12:00:00.000Z', lastSeenAt: '2026-06-01T11:00:00.000Z' };
  const at = (iso: string) => new Date(iso);

  it('is alive right after the last request', () => {
    expect(isSessionAlive(session, at('2026-06-01T11:00:00.000Z'), 30)).toBe(true);
  });

  it('idle timeout: alive 1 ms before lastSeenAt + idle, dead exactly at it', () => {
    expect(isSessionAlive(session, at('2026-06-01T11:29:59.999Z'), 30)).toBe(true);
    expect(isSessionAlive(session, at('2026-06-01T11:30:00.000Z'), 30)).toBe(false);
  });

  it('absolute expiry: alive 1 ms before expiresAt, dead exactly at it, even if just active', () => {
    const active = { ...session, lastSeenAt: '2026-06-01T11:59:00.000Z' };
    expect(isSessionAlive(active, at('2026-06-01T11:59:59.999Z'), 30)).toBe(true);
    expect(isSessionAlive(active, at('2026-06-01T12:00:00.000Z'), 30)).toBe(false);
    expect(isSessionAlive(active, at('2026-06-01T12:00:00.001Z'), 30)).toBe(false);
  });

  it('a long idle allowance does not extend the absolute expiry', () => {
    expect(isSessionAlive(session, at('2026-06-01T12:00:00.000Z'), 24 * 60)).toBe(false);
    expect(isSessionAlive(session, at('2026-06-01T11:59:59.000Z'), 24 * 60)).toBe(true);
  });

  it('accepts instants with a zone offset, as Date.parse does', () => {
    const offset = { expiresAt: '2026-06-01T14:00:00+02:00', lastSeenAt: '2026-06-01T13:00:00+02:00' };
    expect(isSessionAlive(offset, at('2026-06-01T11:29:59.999Z'), 30)).toBe(true);
    expect(isSessionAlive(offset, at('2026-06-01T11:30:00.000Z'), 30)).toBe(false);
  });
});
