import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit token for the cookie; only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SessionTimes {
  readonly expiresAt: string;
  readonly lastSeenAt: string;
}

/** A session ends at its absolute expiry or after the idle time, whichever comes first. */
export function isSessionAlive(s: SessionTimes, now: Date, idleMinutes: number): boolean {
  const t = now.getTime();
  if (Date.parse(s.expiresAt) <= t) return false;
  return Date.parse(s.lastSeenAt) + idleMinutes * 60_000 > t;
}
