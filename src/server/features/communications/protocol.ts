// The protocol number of an outgoing document. The local register keeps one gapless sequence per
// year in the database (D.P.R. 445/2000 art. 57: numbering restarts every 1 January); an external
// protocol system (the Comune's "protocollo informatico") can replace it behind the same interface.
import type { DbExecutor } from '../../db/client.js';
import { insertProtocolEntry, nextProtocolNumber } from './communications.queries.js';

export interface ProtocolRequest {
  readonly subject: string;
  readonly correspondent: string;
  readonly householdId: string | null;
  readonly at: Date;
  readonly by: string | null;
  readonly timeZone: string;
}

export interface ProtocolEntry {
  readonly id: string;
  readonly year: number;
  readonly number: number;
  /** As printed on the letter: '2026/0000123'. */
  readonly protocol: string;
  readonly registeredAt: string;
}

export interface ProtocolRegister {
  readonly name: string;
  /** Registers an outgoing document; `db` is the transaction that records the document. */
  register(db: DbExecutor, request: ProtocolRequest): Promise<ProtocolEntry>;
}

export function formatProtocol(year: number, number: number): string {
  return `${year}/${String(number).padStart(7, '0')}`;
}

function yearIn(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(at));
}

/**
 * Numbers come from the sequence row of the year, updated inside the caller's transaction: two
 * writers wait on the row lock, and a rolled-back document gives its number back, so the register
 * has neither gaps nor duplicates.
 */
export const localProtocolRegister: ProtocolRegister = {
  name: 'local',
  async register(db, request) {
    const year = yearIn(request.at, request.timeZone);
    const number = await nextProtocolNumber(db, year);
    const protocol = formatProtocol(year, number);
    const id = await insertProtocolEntry(db, {
      year,
      number,
      protocol,
      subject: request.subject,
      correspondent: request.correspondent,
      householdId: request.householdId,
      at: request.at.toISOString(),
      by: request.by,
    });
    return { id, year, number, protocol, registeredAt: request.at.toISOString() };
  },
};
