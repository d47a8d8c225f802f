// The access matrix: every route of the OpenAPI document × every role (and anonymous, and the
// citizen portal), checked against an explicit table. A route missing from the table fails the
// test, so a new route must be declared with who may use it. Each cell is probed with a request
// that passes validation where the schema allows (access-probe.ts) on the demo data:
//   - anonymous gets 401 on every non-public route;
//   - an allowed role is never refused (403) — where the probe is conclusive (the roles' answers differ);
//   - a refused role never gets a 2xx, nor reaches the route's business logic (only 403, 404, 400 or 415);
//   - every refusal (403) writes an audit row, and every read of personal data that succeeds writes one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/auth.js';
import { sessionIdFromToken } from '../../src/server/features/auth/sessions.js';
import { testDialects } from '../db.js';
import { probeRequest, RealIds } from './access-probe.js';
import { apiRoutes, createDemoApp, type ApiRoute } from './helpers.js';

type Rule = {
  /** Roles past the route's access rule; 'public' needs no session; 'citizen' is the portal's own session. */
  readonly allow: readonly Role[] | 'public' | 'citizen';
  /** The route reads personal data: a successful call writes an audit row. */
  readonly personal?: boolean;
};

const ALL_STAFF: readonly Role[] = [
  'admin',
  'manager',
  'front_desk',
  'social_worker',
  'housing_officer',
  'partner',
  'observer',
];
const FILE_ROLES: readonly Role[] = ['manager', 'front_desk', 'social_worker', 'housing_officer'];
const FILE_ROLES_AND_PARTNER: readonly Role[] = [...FILE_ROLES, 'partner'];
const SAP_READERS: readonly Role[] = ['admin', 'manager', 'front_desk', 'social_worker', 'housing_officer'];
const SAP_MANAGERS: readonly Role[] = ['admin', 'manager', 'housing_officer'];
const MANAGER_ADMIN: readonly Role[] = ['admin', 'manager'];
const DESK: readonly Role[] = ['manager', 'front_desk', 'social_worker', 'housing_officer'];
const MEASURE_ENTER: readonly Role[] = ['manager', 'front_desk', 'social_worker', 'housing_officer'];
const MEASURE_REVIEW: readonly Role[] = ['manager', 'social_worker', 'housing_officer'];
const OBSERVATORY: readonly Role[] = ['manager', 'observer'];

export const ACCESS_MATRIX: Record<string, Rule> = {
  'DELETE /api/calls/{id}/units/{unitId}': { allow: SAP_MANAGERS },
  'DELETE /api/frontdesk/bookings/{id}': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'DELETE /api/households/{id}/vulnerabilities/{vulnerabilityId}': { allow: FILE_ROLES },
  'GET /api/ambito': { allow: ALL_STAFF },
  'GET /api/applications': { allow: SAP_READERS, personal: true }, // a household file's SAP applications (its page)
  'GET /api/applications/{id}': { allow: SAP_READERS, personal: true },
  'GET /api/applications/{id}/explanation': { allow: SAP_READERS, personal: true },
  'GET /api/audit': { allow: MANAGER_ADMIN, personal: true },
  'GET /api/auth/session': { allow: ALL_STAFF },
  'GET /api/calls': { allow: SAP_READERS },
  'GET /api/calls/{id}': { allow: SAP_READERS },
  'GET /api/calls/{id}/applications': { allow: SAP_READERS, personal: true },
  'GET /api/calls/{id}/assignments': { allow: SAP_READERS, personal: true },
  'GET /api/calls/{id}/candidate-units': { allow: SAP_MANAGERS },
  'GET /api/calls/{id}/rankings': { allow: SAP_READERS, personal: true },
  'GET /api/calls/{id}/rankings/publication.csv': { allow: SAP_MANAGERS } /* application ids only, no names */,
  'GET /api/calls/{id}/rankings/publication.pdf': { allow: SAP_MANAGERS } /* application ids only, no names */,
  'GET /api/communications/outbox': { allow: MANAGER_ADMIN },
  'POST /api/communications/outbox/{id}/resolution': { allow: MANAGER_ADMIN },
  'GET /api/documents/{id}': { allow: MEASURE_ENTER, personal: true }, // measures: roleEntersMeasureApplications (the probe stops at validation for every role)
  'GET /api/emergency-settings': { allow: ['admin', 'manager', 'front_desk', 'social_worker', 'housing_officer'] },
  'GET /api/evictions': { allow: FILE_ROLES, personal: true },
  'GET /api/evictions/{id}': { allow: FILE_ROLES, personal: true },
  'GET /api/evictions/statistics': { allow: ['manager', 'front_desk', 'social_worker', 'housing_officer', 'observer'] },
  'GET /api/frontdesk/calendar': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'GET /api/frontdesk/contacts': { allow: FILE_ROLES, personal: true },
  'GET /api/frontdesk/contacts/{id}': { allow: DESK, personal: true }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'GET /api/frontdesk/partners': { allow: FILE_ROLES },
  'GET /api/frontdesk/referrals': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/funds': { allow: SAP_READERS },
  'GET /api/funds/{id}': { allow: SAP_READERS },
  'GET /api/health': { allow: 'public' },
  'GET /api/households': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/households/{id}': { allow: FILE_ROLES, personal: true },
  'GET /api/households/{id}/benefits': { allow: FILE_ROLES, personal: true },
  'GET /api/households/{id}/document-requests': { allow: FILE_ROLES, personal: true },
  'GET /api/households/{id}/messages': { allow: FILE_ROLES, personal: true },
  'GET /api/landlords': { allow: FILE_ROLES },
  'GET /api/measure-applications': { allow: FILE_ROLES, personal: true },
  'GET /api/measure-applications/{id}': { allow: MEASURE_ENTER, personal: true }, // measures.access canReadApplication (the probe stops at validation for every role)
  'GET /api/measure-applications/{id}/letter.pdf': { allow: MEASURE_ENTER, personal: true }, // measures.access canReadApplication (the probe stops at validation for every role)
  'GET /api/measures': { allow: SAP_READERS },
  'GET /api/measures/{id}': { allow: SAP_READERS },
  'GET /api/messages/{id}/letter.pdf': { allow: FILE_ROLES, personal: true }, // communications.access canReadMessages
  'GET /api/observatory/dashboards/{group}': { allow: OBSERVATORY }, // shared/observatory roleReadsObservatory (the probe stops at validation for every role)
  'GET /api/observatory/datasets/{file}': { allow: OBSERVATORY }, // shared/observatory roleReadsObservatory (the probe stops at validation for every role)
  'GET /api/observatory/exports/applications.xlsx': { allow: ['manager', 'observer'] },
  'GET /api/observatory/offer-plan.xlsx': { allow: ['manager', 'observer'] },
  'GET /api/partners': { allow: FILE_ROLES_AND_PARTNER },
  'GET /api/partners/{id}': { allow: FILE_ROLES_AND_PARTNER },
  'GET /api/payment-batches': { allow: ['manager'] },
  'GET /api/payment-batches/{id}': { allow: ['manager'] },
  'GET /api/payments/export.csv': { allow: ['manager'] },
  'GET /api/placements': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/placements/{id}': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/plans': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/plans/{id}': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/portal/appointment-slots': { allow: 'citizen' },
  'GET /api/portal/applications/{id}/explanation': { allow: 'citizen' },
  'GET /api/portal/callback': { allow: 'public' },
  'GET /api/portal/config': { allow: 'public' },
  'GET /api/portal/households': { allow: 'citizen' },
  'GET /api/portal/households/{id}': { allow: 'citizen' },
  'GET /api/portal/login': { allow: 'public' },
  'GET /api/portal/messages/{id}/letter.pdf': { allow: 'citizen' },
  'GET /api/portal/session': { allow: 'citizen' },
  'GET /api/privacy/persons/{fiscalCode}/export': { allow: MANAGER_ADMIN, personal: true },
  'GET /api/privacy/persons/{fiscalCode}/export.pdf': { allow: MANAGER_ADMIN, personal: true },
  'GET /api/ranking-runs/{id}/verify': { allow: SAP_MANAGERS },
  'GET /api/referrals': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  // referrals.access canReadReferral: staff who refer or read referrals, in scope; a partner its own.
  'GET /api/referrals/{id}': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'GET /api/request-documents/{id}': { allow: FILE_ROLES, personal: true }, // communications.access canReadMessages
  'GET /api/schemes': { allow: SAP_READERS },
  'GET /api/schemes/{code}/{version}': { allow: SAP_READERS },
  'GET /api/schemes/{code}/{version}/households/{householdId}': { allow: FILE_ROLES, personal: true },
  'GET /api/temporary-housing/occupancy': { allow: FILE_ROLES_AND_PARTNER },
  'GET /api/temporary-units/{id}': { allow: FILE_ROLES_AND_PARTNER },
  'GET /api/temporary-units/{id}/selection': { allow: ['manager', 'social_worker'], personal: true },
  'GET /api/units': { allow: SAP_READERS },
  'GET /api/units/{id}': { allow: SAP_READERS },
  'GET /api/worklist': { allow: FILE_ROLES_AND_PARTNER, personal: true },
  'POST /api/agreed-rent-contracts': { allow: SAP_MANAGERS },
  'POST /api/applications/{id}/corrections': { allow: SAP_MANAGERS },
  'POST /api/applications/{id}/review': { allow: SAP_MANAGERS },
  'POST /api/assignment-runs/{runId}/units/{unitId}/confirm': { allow: SAP_MANAGERS },
  'POST /api/assignments/{id}/events': { allow: SAP_MANAGERS },
  'POST /api/auth/login': { allow: 'public' },
  'POST /api/auth/logout': { allow: ALL_STAFF },
  'POST /api/calls': { allow: SAP_MANAGERS }, // permissions roleManagesSap (the probe stops at validation for every role)
  'POST /api/calls/{id}/applications': { allow: ['admin', 'manager', 'front_desk', 'housing_officer'] },
  'POST /api/calls/{id}/applications/import': { allow: SAP_MANAGERS }, // permissions roleManagesSap (the probe stops at validation for every role)
  'POST /api/calls/{id}/assignment-runs': { allow: SAP_MANAGERS },
  'POST /api/calls/{id}/rankings': { allow: SAP_MANAGERS },
  'POST /api/calls/{id}/rankings/finalise': { allow: SAP_MANAGERS },
  'POST /api/calls/{id}/rankings/publish': { allow: SAP_MANAGERS },
  'POST /api/calls/{id}/units': { allow: SAP_MANAGERS }, // permissions roleManagesSap (the probe stops at validation for every role)
  'POST /api/corrections/{id}/decision': { allow: SAP_MANAGERS },
  'POST /api/evictions': { allow: ['manager', 'front_desk', 'social_worker'] },
  'POST /api/evictions/{id}/events': { allow: ['manager', 'front_desk', 'social_worker'] },
  'POST /api/evictions/history': { allow: ['manager'] },
  'POST /api/frontdesk/bookings': { allow: FILE_ROLES },
  'POST /api/frontdesk/contacts': { allow: FILE_ROLES },
  'POST /api/frontdesk/contacts/{id}/referrals': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'POST /api/frontdesk/contacts/{id}/screening': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'POST /api/frontdesk/slots': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'POST /api/funds': { allow: ['manager'] }, // shared/funds roleManagesFunds (the probe stops at validation for every role)
  'POST /api/funds/{id}/budget-changes': { allow: ['manager'] }, // shared/funds roleManagesFunds
  'POST /api/households': { allow: FILE_ROLES }, // permissions roleEditsHouseholds (the probe stops at validation for every role)
  'POST /api/households/{id}/document-requests': { allow: FILE_ROLES },
  'POST /api/households/{id}/isee': { allow: FILE_ROLES }, // permissions roleEditsHouseholds (the probe stops at validation for every role)
  'POST /api/households/{id}/messages': { allow: FILE_ROLES },
  'POST /api/households/{id}/notes': { allow: FILE_ROLES },
  'POST /api/households/{id}/shares': { allow: ['manager', 'social_worker'] },
  'POST /api/households/{id}/vulnerabilities': { allow: FILE_ROLES },
  'POST /api/landlords': { allow: SAP_MANAGERS },
  'POST /api/measure-applications': { allow: FILE_ROLES },
  'POST /api/measure-applications/{id}/decision': { allow: ['manager'] }, // shared/measures roleApprovesMeasureApplications (the probe stops at validation for every role)
  'POST /api/measure-applications/{id}/documents': { allow: MEASURE_ENTER }, // shared/measures roleEntersMeasureApplications (the probe stops at validation for every role)
  'POST /api/measure-applications/{id}/review': { allow: MEASURE_REVIEW }, // shared/measures roleReviewsMeasureApplications (the probe stops at validation for every role)
  'POST /api/measures/{id}/parameter-versions': { allow: MANAGER_ADMIN },
  'POST /api/observatory/refresh': { allow: OBSERVATORY }, // shared/observatory roleReadsObservatory
  'POST /api/partners': { allow: ['manager', 'social_worker'] },
  'POST /api/partners/{id}/agreements': { allow: ['manager', 'social_worker'] },
  'POST /api/partners/{id}/contacts': { allow: ['manager', 'social_worker'] },
  'POST /api/partners/{id}/locations': { allow: ['manager', 'social_worker'] },
  'POST /api/payment-batches': { allow: ['manager'] },
  'POST /api/payments/{id}/corrections': { allow: ['manager'] }, // shared/funds roleManagesFunds (the probe stops at validation for every role)
  'POST /api/placements': { allow: ['manager', 'social_worker'] }, // shared/temporary-housing MANAGERS (the probe stops at validation for every role)
  'POST /api/placements/{id}/conflicts': { allow: ['manager', 'social_worker', 'partner'] },
  'POST /api/placements/{id}/exit': { allow: ['manager', 'social_worker'] },
  'POST /api/placements/{id}/exit-plan': { allow: ['manager', 'social_worker', 'partner'] },
  'POST /api/placements/{id}/payments': { allow: ['manager', 'social_worker'] },
  'POST /api/placements/{id}/renewals': { allow: ['manager', 'social_worker'] },
  'POST /api/placements/{id}/reports': { allow: ['manager', 'social_worker', 'partner'] },
  'POST /api/plans': { allow: ['manager', 'social_worker'] },
  'POST /api/plans/{id}/actions': { allow: ['manager', 'social_worker'] },
  'POST /api/plans/{id}/close': { allow: ['manager', 'social_worker'] },
  'POST /api/plans/{id}/goals': { allow: ['manager', 'social_worker'] },
  'POST /api/plans/{id}/reviews': { allow: ['manager', 'social_worker'] },
  'POST /api/portal/document-requests/{id}/upload': { allow: 'citizen' },
  'POST /api/portal/households/{id}/appointments': { allow: 'citizen' },
  'POST /api/portal/appointments/{id}/cancel': { allow: 'citizen' },
  'POST /api/portal/logout': { allow: 'citizen' },
  'POST /api/referrals': { allow: ['manager', 'front_desk', 'social_worker'] },
  // canDecideReferral: the receiving partner (the probed referral goes to it), or staff who refer, but not the desk.
  'POST /api/referrals/{id}/decision': { allow: ['manager', 'social_worker', 'partner'] },
  // canRevokeReferral: staff who refer; a partner only its own referrals to the agency (not the probed one).
  'POST /api/referrals/{id}/revocation': { allow: ['manager', 'front_desk', 'social_worker'] },
  'POST /api/schemes': { allow: ['admin', 'manager'] }, // README: schemes written by administrators and managers (the probe stops at validation for every role)
  'POST /api/temporary-units': { allow: ['manager', 'social_worker'] },
  'POST /api/units/{id}/state': { allow: SAP_MANAGERS },
  'POST /api/units/import': { allow: SAP_MANAGERS }, // permissions roleManagesSap (the probe stops at validation for every role)
  'PUT /api/emergency-settings': { allow: MANAGER_ADMIN },
  'PUT /api/evictions/{id}/details': { allow: ['manager', 'front_desk', 'social_worker'] },
  'PUT /api/evictions/{id}/social-worker': { allow: ['manager', 'front_desk', 'social_worker'] },
  'PUT /api/frontdesk/contacts/{id}/outcome': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'PUT /api/frontdesk/contacts/{id}/questionnaire': { allow: DESK }, // frontdesk.access canUseDesk (the probe stops at validation for every role)
  'PUT /api/households/{id}': { allow: FILE_ROLES }, // permissions roleEditsHouseholds (the probe stops at validation for every role)
  'PUT /api/measures/{id}': { allow: MANAGER_ADMIN },
  'PUT /api/partners/{id}': { allow: ['manager', 'social_worker'] },
  'PUT /api/placements/{id}/conflicts/{conflictId}': { allow: ['manager', 'social_worker', 'partner'] },
  'PUT /api/plans/{id}/actions/{actionId}': { allow: ['manager', 'social_worker'] },
};

const USERS: Record<Role, string> = {
  admin: 'admin',
  manager: 'dirigente',
  front_desk: 'sportello',
  social_worker: 'sociale',
  housing_officer: 'erp',
  partner: 'partner',
  observer: 'osservatore',
};

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let demo: Awaited<ReturnType<typeof createDemoApp>>;
  let routes: ApiRoute[];
  const cells = new Map<string, { status: number; auditAdded: number; deniedAdded: number; byUser: number }>();

  const auditCounts = async (username: string) => {
    const k = demo.testDb.db.kysely;
    const all = await k
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const denied = await k
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    const mine = await k
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return { all: Number(all.n), denied: Number(denied.n), mine: Number(mine.n) };
  };

  beforeAll(async () => {
    demo = await createDemoApp(dialect, 40);
    routes = await apiRoutes(demo.app.fastify);
    const ids = new RealIds(demo.testDb.db);
    const sessions = new Map<Role, { cookie: string; csrfToken: string }>();
    for (const [role, user] of Object.entries(USERS)) sessions.set(role as Role, await demo.login(user));
    // A ranking of the demo call, so that the ranking page shows names (personal data) to audit.
    const officer = sessions.get('housing_officer') as { cookie: string; csrfToken: string };
    const call = await demo.testDb.db.kysely.selectFrom('calls').select('id').orderBy('id').executeTakeFirstOrThrow();
    const ranked = await demo.app.fastify.inject({
      method: 'POST',
      url: `/api/calls/${call.id}/rankings`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken },
      payload: {},
    });
    expect(ranked.statusCode, ranked.body).toBe(201);
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const { url, payload } = await probeRequest(route, ids);
      const body = payload === undefined ? {} : { payload: payload as object };
      const anon = await demo.app.fastify.inject({ method: route.method, url, ...body });
      cells.set(`${key}|anonymous`, { status: anon.statusCode, auditAdded: 0, deniedAdded: 0, byUser: 0 });
      for (const [role, user] of Object.entries(USERS) as [Role, string][]) {
        const s = sessions.get(role) as { cookie: string; csrfToken: string };
        const before = await auditCounts(user);
        const res = await demo.app.fastify.inject({
          method: route.method,
          url,
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
          ...body,
        });
        const after = await auditCounts(user);
        cells.set(`${key}|${role}`, {
          status: res.statusCode,
          auditAdded: after.all - before.all,
          deniedAdded: after.denied - before.denied,
          byUser: after.mine - before.mine,
        });
        if (res.statusCode === 401 || route.path.endsWith('/logout')) sessions.set(role, await demo.login(user));
      }
    }
  }, 240_000);
  afterAll(async () => {
    await demo.close();
  });

  it('declares every route of the OpenAPI document, and only those', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(
      keys.filter((k) => !(k in ACCESS_MATRIX)),
      'routes missing from ACCESS_MATRIX',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS_MATRIX).filter((k) => !keys.includes(k)),
      'stale entries in ACCESS_MATRIX',
    ).toEqual([]);
  });

  it('answers each role as the table says', () => {
    const problems: string[] = [];
    let conclusive = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      const rule = ACCESS_MATRIX[key];
      if (!rule) continue;
      const anon = cells.get(`${key}|anonymous`)?.status;
      const staff = ROLES_OF(rule);
      if (rule.allow === 'public') {
        if (anon === 401 && key !== 'POST /api/auth/login') problems.push(`${key}: public but 401 for anonymous`);
        continue;
      }
      if (anon !== 401) problems.push(`${key}: anonymous got ${anon}, expected 401`);
      const statuses = Object.keys(USERS).map((r) => cells.get(`${key}|${r}`)?.status ?? 0);
      // When every role gets the same refusal-like answer, the probe never reached the access rule.
      const isConclusive = new Set(statuses).size > 1 || statuses.some((s) => s >= 200 && s < 300);
      if (isConclusive) conclusive++;
      for (const role of Object.keys(USERS) as Role[]) {
        const status = cells.get(`${key}|${role}`)?.status ?? 0;
        const allowed = staff.includes(role);
        if (allowed && isConclusive && (status === 403 || status === 401))
          problems.push(`${key}: ${role} allowed but got ${status}`);
        if (!allowed && ![400, 401, 403, 404, 415].includes(status))
          problems.push(`${key}: ${role} refused by the table but got ${status}`);
        if (rule.allow === 'citizen' && status !== 401)
          problems.push(`${key}: staff session (${role}) got ${status} on a citizen route`);
      }
    }
    console.log(`access matrix ${dialect}: ${routes.length} rotte, ${conclusive} con risposte che distinguono i ruoli`);
    expect(problems).toEqual([]);
  });

  it('writes an audit row for every refusal (403)', () => {
    const missing: string[] = [];
    for (const [cell, c] of cells) {
      if (c.status === 403 && c.deniedAdded === 0) missing.push(cell);
    }
    expect(missing).toEqual([]);
  });

  it('writes an audit row for every successful read of personal data, by the reader', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (!ACCESS_MATRIX[key]?.personal) continue;
      for (const role of Object.keys(USERS) as Role[]) {
        const c = cells.get(`${key}|${role}`);
        if (!c || c.status < 200 || c.status >= 300) continue;
        checked++;
        if (c.byUser === 0) missing.push(`${key} (${role})`);
      }
    }
    console.log(`audit ${dialect}: ${checked} letture riuscite di dati personali controllate`);
    expect(checked).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('scopes partners to the files shared with their organisation', async () => {
    const k = demo.testDb.db.kysely;
    const partnerUser = await k
      .selectFrom('users')
      .select('partner_id')
      .where('username', '=', 'partner')
      .executeTakeFirstOrThrow();
    const shared = await k
      .selectFrom('household_shares')
      .select('household_id')
      .where('partner_id', '=', partnerUser.partner_id as string)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const notShared = await k
      .selectFrom('households')
      .select('id')
      .where(
        'id',
        'not in',
        k
          .selectFrom('household_shares')
          .select('household_id')
          .where('partner_id', '=', partnerUser.partner_id as string),
      )
      .executeTakeFirstOrThrow();
    const s = await demo.login('partner');
    const get = (id: string) =>
      demo.app.fastify.inject({ method: 'GET', url: `/api/households/${id}`, headers: { cookie: s.cookie } });
    expect(shared, 'the demo data share a file with the partner').toBeDefined();
    expect((await get(shared?.household_id as string)).statusCode).toBe(200);
    expect((await get(notShared.id)).statusCode).toBe(403);
    const list = await demo.app.fastify.inject({
      method: 'GET',
      url: '/api/households',
      headers: { cookie: s.cookie },
    });
    const items = (list.json() as { items: { id: string }[] }).items;
    const sharedIds = new Set(
      (
        await k
          .selectFrom('household_shares')
          .select('household_id')
          .where('partner_id', '=', partnerUser.partner_id as string)
          .where('revoked_at', 'is', null)
          .execute()
      ).map((r) => r.household_id),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => sharedIds.has(i.id))).toBe(true);
  });

  it('scopes a citizen to the files where their fiscal code is a member', async () => {
    const k = demo.testDb.db.kysely;
    const member = await k
      .selectFrom('members')
      .select(['fiscal_code', 'household_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const other = await k
      .selectFrom('households')
      .select('id')
      .where(
        'id',
        'not in',
        k.selectFrom('members').select('household_id').where('fiscal_code', '=', member.fiscal_code),
      )
      .executeTakeFirstOrThrow();
    const token = randomBytes(32).toString('base64url');
    const at = demo.clock.now.toISOString();
    await k
      .insertInto('citizen_sessions')
      .values({
        id: sessionIdFromToken(token),
        fiscal_code: member.fiscal_code,
        display_name: 'Cittadino di prova',
        csrf_token: randomBytes(24).toString('base64url'),
        created_at: at,
        last_seen_at: at,
        expires_at: new Date(demo.clock.now.getTime() + 3600_000).toISOString(),
        ip: '127.0.0.1',
      })
      .execute();
    const cookie = `abitare_citizen=${token}`;
    const get = (url: string) => demo.app.fastify.inject({ method: 'GET', url, headers: { cookie } });
    const mine = await get('/api/portal/households');
    expect(mine.statusCode).toBe(200);
    expect(JSON.stringify(mine.json())).toContain(member.household_id);
    expect(JSON.stringify(mine.json())).not.toContain(other.id);
    expect((await get(`/api/portal/households/${member.household_id}`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await get(`/api/portal/households/${other.id}`)).statusCode);
    // The citizen's session opens no staff route.
    expect((await get('/api/households')).statusCode).toBe(401);
    expect((await get(`/api/households/${member.household_id}`)).statusCode).toBe(401);
  });
});

function ROLES_OF(rule: Rule): readonly Role[] {
  return rule.allow === 'public' || rule.allow === 'citizen' ? [] : rule.allow;
}
