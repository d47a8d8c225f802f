// Loads the synthetic demo Ambito (core/demo/generate.ts) into an empty database, all or nothing.
import { TEMPORARY_HOUSING_2026 } from '../../../core/scoring/schemes/temporary-housing-2026.js';
import { newId } from '../../ids.js';
import { insertScheme } from '../schemes/schemes.queries.js';
import { insertEmergencyDemo } from '../evictions/emergency-demo.js';
import { insertMeasuresDemo } from '../measures/measures.demo.js';
import { insertCommunicationsDemo } from '../communications/communications.demo.js';
import {
  DEFAULT_DEMO_SEED,
  generateDemo,
  type DemoData,
  type DemoMemberRow,
  type DemoRole,
} from '../../../core/demo/generate.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import type { Db } from '../../db/client.js';
import { requirementChecksOf } from '../applications/applications.actions.js';
import { hashPassword } from '../auth/passwords.js';
import {
  DEMO_LOADED_KEY,
  findSetting,
  hasAnyRow,
  insertDemoRows,
  raiseSequence,
  upsertSetting,
} from './demo.queries.js';

export interface LoadDemoOptions {
  readonly households: number;
  /** The one password of every demo account. */
  readonly password: string;
  readonly seed?: number;
  /** The moment of loading: every generated date lies before its day. */
  readonly now: Date;
  /** The agency's zone, which decides what "today" is (default Europe/Rome). */
  readonly timeZone?: string;
}

export interface LoadDemoSummary {
  readonly users: { readonly username: string; readonly role: DemoRole }[];
  readonly households: number;
  readonly units: number;
  /** The SAP call of the demo and its applications, left for the user to rank. */
  readonly calls: number;
  readonly applications: number;
}

/** The checks of each review as the officer saw them (applications.actions.ts reviewApplication), by review id. */
function reviewChecks(data: DemoData): Map<string, string> {
  const members = new Map<string, DemoMemberRow[]>();
  for (const m of data.members) {
    const list = members.get(m.household_id);
    if (list === undefined) members.set(m.household_id, [m]);
    else list.push(m);
  }
  const applications = new Map(data.applications.map((a) => [a.id, a]));
  const out = new Map<string, string>();
  for (const review of data.reviews) {
    const app = applications.get(review.application_id);
    if (app === undefined) continue;
    const { checks, verdict } = requirementChecksOf(app, {
      members: members.get(app.household_id) ?? [],
      incomplete: false,
    });
    out.set(review.id, JSON.stringify({ verdict, checks }));
  }
  return out;
}

export async function isDemoLoaded(db: Db): Promise<boolean> {
  return (await findSetting(db.kysely, DEMO_LOADED_KEY)) !== undefined;
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return hasAnyRow(db.kysely, 'users');
}

/**
 * Inserts the demo Ambito, its staff, `households` synthetic household files and a closed SAP call with
 * their applications (reviewed, not ranked) in one transaction, so that a failure leaves the database as
 * it was. Refuses a database that already holds data.
 */
export async function loadDemoData(db: Db, opts: LoadDemoOptions): Promise<LoadDemoSummary> {
  const today = plainDateOf(opts.now, opts.timeZone ?? 'Europe/Rome');
  const data = generateDemo({ seed: opts.seed ?? DEFAULT_DEMO_SEED, households: opts.households, today });
  // argon2id is deliberately slow: one hash serves the seven accounts.
  const passwordHash = await hashPassword(opts.password);
  const at = opts.now.toISOString();
  const checks = reviewChecks(data);
  await db.kysely.transaction().execute(async (trx) => {
    if ((await findSetting(trx, DEMO_LOADED_KEY)) !== undefined) {
      throw new Error('I dati dimostrativi sono già stati caricati in questo database.');
    }
    for (const table of ['users', 'comuni', 'households'] as const) {
      if (await hasAnyRow(trx, table)) {
        throw new Error(
          `Il database contiene già dati (${table}): i dati dimostrativi si caricano solo in un database vuoto.`,
        );
      }
    }
    await insertDemoRows(trx, data, { passwordHash, reviewChecks: checks });
    // Files and calls created later through the application continue the numbering
    // (households.actions.ts, calls.actions.ts).
    for (const s of data.sequences) await raiseSequence(trx, s.name, s.value);
    // The worked points scheme of the temporary-housing selection (issue 3 item 9), as demo data.
    await insertScheme(trx, { id: newId(), scheme: TEMPORARY_HOUSING_2026, at, by: null });
    // Housing emergency (issue 5): partners, temporary units and stays, evictions, the 2012–2017 table, plans.
    await insertEmergencyDemo(trx, data, { seed: opts.seed ?? DEFAULT_DEMO_SEED, today, at });
    // Front desk, support measures, funds and payments (issue 4).
    await insertMeasuresDemo(trx, data, { seed: opts.seed ?? DEFAULT_DEMO_SEED, today, at });
    // Letters, messages and requests for documents (issue 6).
    await insertCommunicationsDemo(trx, data, { seed: opts.seed ?? DEFAULT_DEMO_SEED, today });
    await upsertSetting(trx, DEMO_LOADED_KEY, at, at);
  });
  return {
    users: data.users.map((u) => ({ username: u.username, role: u.role })),
    households: data.households.length,
    units: data.units.length,
    calls: data.calls.length,
    applications: data.applications.length,
  };
}
