import { describe, expect, it } from 'vitest';
import { iseeLegalValidUntil } from '../households/isee.js';
import { VULNERABILITY_CODES } from '../households/vulnerabilities.js';
import { fiscalCodeMismatches, validateFiscalCode } from '../kernel/fiscal-code.js';
import { ageOn, daysBetween, isPlainDate, plainDateOf, type PlainDate } from '../kernel/plain-date.js';
import { normalizeForSearch } from '../kernel/text.js';
import { ADEQUACY_TABLE_RR_4_2017, findAdequacyTable, isAdequate } from '../sap/adequacy.js';
import { DEFAULT_REFUSAL_POLICY } from '../sap/assignment.js';
import { formatIsbar } from '../sap/calls.js';
import { checkCallWindow, CALL_WINDOW_MIN_DAYS } from '../sap/deadlines.js';
import { computeCallQuotas, QUOTA_PARAMETERS_RR_4_2017 } from '../sap/quotas.js';
import { DEFAULT_TIE_BREAK_KEYS } from '../sap/ranking.js';
import { generateDemo, type DemoData, type DemoMemberRow } from './generate.js';

const TODAY = '2026-11-26' as PlainDate;
const data = generateDemo({ seed: 42, households: 700, today: TODAY });

function membersByHousehold(d: DemoData): Map<string, DemoMemberRow[]> {
  const out = new Map<string, DemoMemberRow[]>();
  for (const m of d.members) out.set(m.household_id, [...(out.get(m.household_id) ?? []), m]);
  return out;
}
const byHousehold = membersByHousehold(data);
const share = (part: number, whole: number) => part / whole;

describe('generateDemo: reproducibility', () => {
  it('gives identical rows, ids included, for the same seed and day', () => {
    const a = generateDemo({ seed: 7, households: 200, today: TODAY });
    const b = generateDemo({ seed: 7, households: 200, today: TODAY });
    expect(b).toEqual(a);
  });

  it('gives different people and ids for a different seed', () => {
    const a = generateDemo({ seed: 7, households: 200, today: TODAY });
    const b = generateDemo({ seed: 8, households: 200, today: TODAY });
    expect(b.members.map((m) => m.fiscal_code)).not.toEqual(a.members.map((m) => m.fiscal_code));
    expect(b.households[0]?.id).not.toBe(a.households[0]?.id);
  });

  it('makes 700 households by default and refuses a negative count', () => {
    expect(generateDemo({ seed: 1, today: TODAY }).households).toHaveLength(700);
    expect(generateDemo({ seed: 1, households: 0, today: TODAY }).households).toHaveLength(0);
    expect(() => generateDemo({ seed: 1, households: -1, today: TODAY })).toThrow(RangeError);
  });

  it('never repeats an id, in any table', () => {
    const ids = [
      ...data.ambiti,
      ...data.comuni,
      ...data.owners,
      ...data.partners,
      ...data.users,
      ...data.units,
      ...data.households,
      ...data.members,
      ...data.iseeRecords,
      ...data.vulnerabilities,
      ...data.notes,
      ...data.timelineEvents,
      ...data.shares,
      ...data.calls,
      ...data.applications,
      ...data.reviews,
    ].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('generateDemo: the Ambito and its housing stock (seed, rules.md §1.3)', () => {
  it('has the four Comuni with their ISTAT and cadastral codes, Cinisello as lead', () => {
    expect(data.ambiti.map((a) => a.name)).toEqual(['Ambito territoriale di Cinisello Balsamo']);
    expect(data.comuni.map((c) => [c.name, c.istat_code, c.belfiore_code, c.province, c.is_lead])).toEqual([
      ['Cinisello Balsamo', '015077', 'C707', 'MI', 1],
      ['Bresso', '015032', 'B162', 'MI', 0],
      ['Cormano', '015086', 'D013', 'MI', 0],
      ['Cusano Milanino', '015096', 'D231', 'MI', 0],
    ]);
    expect(data.comuni[0]?.population).toBe(75855);
    expect(data.owners.map((o) => [o.name, o.kind])).toEqual([
      ['Comune di Cinisello Balsamo', 'comune'],
      ['Comune di Bresso', 'comune'],
      ['Comune di Cormano', 'comune'],
      ['Comune di Cusano Milanino', 'comune'],
      ['ALER Milano', 'aler'],
    ]);
  });

  it('gives Cinisello 1,304 units: 367 of the Comune and 937 of ALER Milano', () => {
    const cinisello = data.comuni[0]?.id;
    const comuneOwner = data.owners.find((o) => o.comune_id === cinisello)?.id;
    const aler = data.owners.find((o) => o.kind === 'aler')?.id;
    const inCinisello = data.units.filter((u) => u.comune_id === cinisello);
    expect(inCinisello).toHaveLength(1304);
    expect(inCinisello.filter((u) => u.owner_id === comuneOwner)).toHaveLength(367);
    expect(inCinisello.filter((u) => u.owner_id === aler)).toHaveLength(937);
    expect(inCinisello.filter((u) => u.owner_id === aler).at(-1)?.code).toBe('CIN-A-00937');
  });

  it('matches the Ambito stock of the 2024 plan: 1,859 units, 676 municipal and 1,183 ALER', () => {
    expect(data.units).toHaveLength(1859);
    expect(data.units.filter((u) => u.code.includes('-A-'))).toHaveLength(1183);
    expect(new Set(data.units.map((u) => u.code)).size).toBe(1859);
  });

  it('keeps units plausible: area, rooms, floors, lifts, accessibility, states, programmes', () => {
    for (const u of data.units) {
      expect(u.code).toMatch(/^(CIN|BRE|COR|CUS)-[CA]-\d{5}$/);
      expect(u.floor_area_dm2).toBeGreaterThanOrEqual(2800);
      expect(u.floor_area_dm2).toBeLessThanOrEqual(11000);
      expect(u.rooms).toBe(Math.min(5, 1 + Math.floor((u.floor_area_dm2 - 2800) / 1800)));
      expect(u.floor).toBeGreaterThanOrEqual(0);
      expect(u.floor).toBeLessThanOrEqual(8);
      if (u.accessible === 1) expect(u.floor === 0 || u.has_lift === 1).toBe(true);
    }
    const accessible = share(data.units.filter((u) => u.accessible === 1).length, data.units.length);
    expect(accessible).toBeGreaterThan(0.05);
    expect(accessible).toBeLessThan(0.11);
    expect(data.units.filter((u) => u.programme === 'sat')).toHaveLength(5);
    expect(data.units.some((u) => u.programme === 'por')).toBe(true);
    expect(share(data.units.filter((u) => u.state === 'assigned').length, data.units.length)).toBeGreaterThan(0.9);
    for (const state of ['available', 'works_needed', 'not_assignable']) {
      expect(data.units.some((u) => u.state === state)).toBe(true);
    }
  });

  it('has three third-sector partners and the seven staff accounts, the partner user tied to the first', () => {
    expect(data.partners).toHaveLength(3);
    expect(data.partners.every((p) => p.kind === 'third_sector')).toBe(true);
    expect(data.users.map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['dirigente', 'manager'],
      ['sportello', 'front_desk'],
      ['sociale', 'social_worker'],
      ['erp', 'housing_officer'],
      ['partner', 'partner'],
      ['osservatore', 'observer'],
    ]);
    expect(data.users.find((u) => u.role === 'partner')?.partner_id).toBe(data.partners[0]?.id);
    expect(data.users.filter((u) => u.partner_id !== null)).toHaveLength(1);
    expect(Object.keys(data.users[0] ?? {})).not.toContain('password_hash');
  });
});

describe('generateDemo: household files', () => {
  it('has exactly one applicant per household, first, and 1 to 6 members', () => {
    expect(byHousehold.size).toBe(700);
    for (const members of byHousehold.values()) {
      expect(members.filter((m) => m.relation === 'applicant')).toHaveLength(1);
      expect(members[0]?.relation).toBe('applicant');
      expect(members.map((m) => m.position)).toEqual(members.map((_, i) => i + 1));
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(6);
    }
  });

  it('has about a third of single people and about 17% of households with foreign members (rules.md §1.3)', () => {
    const sizes = [...byHousehold.values()];
    const singles = share(sizes.filter((m) => m.length === 1).length, sizes.length);
    expect(singles).toBeGreaterThan(0.28);
    expect(singles).toBeLessThan(0.4);
    const foreign = share(sizes.filter((m) => m.some((x) => x.citizenship !== 'italian')).length, sizes.length);
    expect(foreign).toBeGreaterThan(0.12);
    expect(foreign).toBeLessThan(0.22);
  });

  it('gives every member a valid fiscal code that matches birth date and sex, some with omocodia', () => {
    let omocodes = 0;
    for (const m of data.members) {
      const result = validateFiscalCode(m.fiscal_code);
      expect(result.ok, m.fiscal_code).toBe(true);
      if (!result.ok) continue;
      if (result.decoded.omocode) omocodes += 1;
      expect(fiscalCodeMismatches(result.decoded, { birthDate: m.birth_date, sex: m.sex }), m.fiscal_code).toEqual([]);
      expect(m.fiscal_code.slice(0, 3)).toMatch(/^[A-Z]{3}$/);
    }
    expect(omocodes).toBeGreaterThan(0);
  });

  it('keeps fiscal codes unique, except about 1% of people who appear in two files as the same person', () => {
    const holders = new Map<string, DemoMemberRow[]>();
    for (const m of data.members) holders.set(m.fiscal_code, [...(holders.get(m.fiscal_code) ?? []), m]);
    const shared = [...holders.values()].filter((h) => h.length > 1);
    expect(shared.length).toBeGreaterThanOrEqual(3);
    expect(shared.length).toBeLessThanOrEqual(14);
    for (const h of shared) {
      expect(h).toHaveLength(2);
      expect(new Set(h.map((m) => m.household_id)).size).toBe(2);
      expect(new Set(h.map((m) => `${m.first_name}|${m.last_name}|${m.birth_date}|${m.sex}`)).size).toBe(1);
    }
  });

  it('keeps birth dates consistent with relations', () => {
    for (const members of byHousehold.values()) {
      const applicant = members[0] as DemoMemberRow;
      const age = (m: DemoMemberRow) => ageOn(m.birth_date as PlainDate, TODAY);
      for (const m of members) {
        expect(isPlainDate(m.birth_date)).toBe(true);
        expect(m.birth_date < TODAY).toBe(true);
        expect(age(m)).toBeLessThanOrEqual(100);
        if (m.relation === 'child') expect(age(applicant) - age(m)).toBeGreaterThanOrEqual(17);
        if (m.relation === 'parent' || m.relation === 'in_law') expect(age(m)).toBeGreaterThan(age(applicant));
        if (m.relation === 'grandchild') expect(age(applicant) - age(m)).toBeGreaterThanOrEqual(36);
        if (m.relation !== 'child' && m.relation !== 'grandchild') expect(age(m)).toBeGreaterThanOrEqual(18);
      }
    }
  });

  it('gives permits to members from outside the EU, with an expiry unless long-term, some expired', () => {
    const nonEu = data.members.filter((m) => m.citizenship === 'non_eu');
    expect(nonEu.length).toBeGreaterThan(0);
    for (const m of nonEu) {
      expect(m.permit_kind).not.toBeNull();
      if (m.permit_kind !== 'long_term_eu') expect(m.permit_expires_on).not.toBeNull();
    }
    expect(nonEu.some((m) => m.permit_expires_on !== null && m.permit_expires_on < TODAY)).toBe(true);
    for (const m of data.members.filter((x) => x.citizenship !== 'non_eu')) expect(m.permit_kind).toBeNull();
  });

  it('records disability for about one member in ten, between 46% and 100%', () => {
    const disabled = data.members.filter((m) => m.disability_percent !== null);
    expect(share(disabled.length, data.members.length)).toBeGreaterThan(0.06);
    expect(share(disabled.length, data.members.length)).toBeLessThan(0.15);
    for (const m of disabled) {
      expect(m.disability_percent).toBeGreaterThanOrEqual(46);
      expect(m.disability_percent).toBeLessThanOrEqual(100);
      expect(m.disability_kind).not.toBeNull();
    }
  });

  it('marks lone parents only where one adult lives with minor children', () => {
    const lone = data.households.filter((h) => h.lone_parent === 1);
    expect(lone.length).toBeGreaterThan(0);
    for (const h of lone) {
      const members = byHousehold.get(h.id) ?? [];
      expect(members.filter((m) => m.relation === 'spouse' || m.relation === 'partner')).toHaveLength(0);
      expect(members.some((m) => m.relation === 'child' && ageOn(m.birth_date as PlainDate, TODAY) < 18)).toBe(true);
    }
  });

  it('uses only reserved example domains for e-mail, and 3xx xxx xxxx mobile numbers', () => {
    const addresses = [
      ...data.households.flatMap((h) => [h.email, h.pec]),
      ...data.users.map((u) => u.email),
      ...data.partners.map((p) => p.email),
    ].filter((e): e is string => e !== null);
    expect(addresses.length).toBeGreaterThan(100);
    for (const e of addresses) expect(e).toMatch(/^[a-z0-9.]+@([a-z0-9-]+\.)*example\.org$/);
    for (const h of data.households) if (h.phone !== null) expect(h.phone).toMatch(/^3\d{2} \d{3} \d{4}$/);
  });

  it('numbers the files NF-YYYY-NNNNN by year of opening and returns the sequences to continue from', () => {
    const perYear = new Map<string, number>();
    for (const h of data.households) {
      expect(h.code).toMatch(/^NF-\d{4}-\d{5}$/);
      expect(h.code.slice(3, 7)).toBe(h.created_at.slice(0, 4));
      perYear.set(h.code.slice(3, 7), Math.max(perYear.get(h.code.slice(3, 7)) ?? 0, Number(h.code.slice(8))));
    }
    expect(new Set(data.households.map((h) => h.code)).size).toBe(700);
    const householdSequences = data.sequences.filter((s) => s.name.startsWith('household:'));
    expect(householdSequences).toEqual(
      [...perYear.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([y, value]) => ({ name: `household:${y}`, value })),
    );
    expect(householdSequences.reduce((sum, s) => sum + s.value, 0)).toBe(700);
  });

  it('fills search_text as the application does (households.actions.ts)', () => {
    for (const h of data.households) {
      const members = byHousehold.get(h.id) ?? [];
      const expected = normalizeForSearch(
        [
          h.code,
          h.address_street,
          h.address_number ?? '',
          h.address_city,
          ...members.flatMap((m) => [m.last_name, m.first_name, m.fiscal_code]),
        ].join(' '),
      );
      expect(h.search_text).toBe(expected);
      for (const m of members) expect(m.last_name_norm).toBe(normalizeForSearch(m.last_name));
    }
  });

  it('dates every instant before the reference day, in the ISO form of Date.toISOString', () => {
    const instants = [
      ...data.households.flatMap((h) => [h.created_at, h.updated_at]),
      ...data.iseeRecords.map((r) => r.created_at),
      ...data.timelineEvents.map((e) => e.at),
      ...data.notes.map((n) => n.created_at),
      ...data.shares.map((s) => s.granted_at),
      ...data.vulnerabilities.map((v) => v.created_at),
      ...data.users.map((u) => u.created_at),
      ...data.calls.map((c) => c.created_at),
      ...data.callUnits.map((u) => u.added_at),
      ...data.applications.flatMap((a) => [a.submitted_at, a.created_at]),
      ...data.reviews.map((r) => r.decided_at),
    ];
    for (const at of instants) {
      expect(new Date(at).toISOString()).toBe(at);
      expect(at < `${TODAY}T00:00:00.000Z`).toBe(true);
    }
  });
});

describe('generateDemo: ISEE, vulnerabilities, notes, timeline, shares', () => {
  const current = data.iseeRecords.filter((r) => r.dsu_submitted_on.startsWith('2026'));

  it('gives about 90% of households a current ISEE, valid as the law says (rules.md §7.2)', () => {
    expect(share(new Set(current.map((r) => r.household_id)).size, 700)).toBeGreaterThan(0.85);
    for (const r of data.iseeRecords) {
      expect(r.protocol).toMatch(/^INPS-ISEE-\d{4}-\d{9}-\d{2}$/);
      expect(r.protocol.slice(10, 14)).toBe(r.dsu_submitted_on.slice(0, 4));
      expect(r.valid_until).toBe(
        iseeLegalValidUntil(r.kind as 'ordinario' | 'corrente', r.dsu_submitted_on as PlainDate),
      );
      expect(r.dsu_submitted_on < TODAY).toBe(true);
      expect(r.created_at.slice(0, 10) >= r.dsu_submitted_on).toBe(true);
      expect(r.members_count).toBe(byHousehold.get(r.household_id)?.length);
    }
    expect(current.some((r) => r.kind === 'corrente')).toBe(true);
    expect(data.iseeRecords.some((r) => r.dsu_submitted_on.startsWith('2025') && r.valid_until === '2025-12-31')).toBe(
      true,
    );
  });

  it('skews ISEE values low: about half under 10,000 €, some indigent, some above 16,000 €', () => {
    const values = current.map((r) => r.value_cents);
    expect(share(values.filter((v) => v < 1_000_000).length, values.length)).toBeGreaterThan(0.4);
    expect(share(values.filter((v) => v < 1_000_000).length, values.length)).toBeLessThan(0.6);
    expect(values.some((v) => v <= 300_000)).toBe(true);
    expect(values.some((v) => v > 1_600_000)).toBe(true);
    for (const v of values) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
  });

  it('records vulnerabilities from the list for about 40% of households', () => {
    const codes = new Set<string>(VULNERABILITY_CODES);
    for (const v of data.vulnerabilities) expect(codes.has(v.code)).toBe(true);
    const households = new Set(data.vulnerabilities.map((v) => v.household_id)).size;
    expect(share(households, 700)).toBeGreaterThan(0.3);
    expect(share(households, 700)).toBeLessThan(0.5);
  });

  it('writes notes by the right roles: social notes only by the social worker', () => {
    expect(data.notes.length).toBeGreaterThan(0);
    const users = new Map(data.users.map((u) => [u.id, u]));
    for (const n of data.notes) {
      expect(users.get(n.author_id)?.role).toBe(n.author_role);
      if (n.audience === 'social') expect(n.author_role).toBe('social_worker');
    }
    expect(data.notes.some((n) => n.audience === 'all')).toBe(true);
    expect(data.notes.some((n) => n.audience === 'social')).toBe(true);
  });

  it('opens every timeline with household_created and links each event to its source', () => {
    const created = data.timelineEvents.filter((e) => e.kind === 'household_created');
    expect(created).toHaveLength(700);
    const householdAt = new Map(data.households.map((h) => [h.id, h.created_at]));
    for (const e of data.timelineEvents) expect(e.at >= (householdAt.get(e.household_id) ?? '')).toBe(true);
    expect(data.timelineEvents.filter((e) => e.kind === 'isee_added')).toHaveLength(data.iseeRecords.length);
    expect(data.timelineEvents.filter((e) => e.kind === 'vulnerability_added')).toHaveLength(
      data.vulnerabilities.length,
    );
    expect(data.timelineEvents.filter((e) => e.kind === 'note_added')).toHaveLength(data.notes.length);
    expect(data.timelineEvents.filter((e) => e.kind === 'application_imported')).toHaveLength(data.applications.length);
    expect(data.timelineEvents.filter((e) => e.kind === 'application_reviewed')).toHaveLength(data.reviews.length);
    const staff = new Set(data.users.map((u) => u.id));
    for (const e of data.timelineEvents) expect(staff.has(e.actor_id ?? '')).toBe(true);
  });

  it('shares ten files with the partner of the `partner` account, granted by the social worker', () => {
    const partnerId = data.users.find((u) => u.username === 'partner')?.partner_id;
    const socialWorker = data.users.find((u) => u.role === 'social_worker')?.id;
    expect(data.shares).toHaveLength(10);
    expect(new Set(data.shares.map((s) => s.household_id)).size).toBe(10);
    for (const s of data.shares) {
      expect(s.partner_id).toBe(partnerId);
      expect(s.granted_by).toBe(socialWorker);
      expect(s.revoked_at).toBeNull();
    }
    expect(data.timelineEvents.filter((e) => e.kind === 'shared_with_partner')).toHaveLength(10);
  });
});

describe('generateDemo: the SAP call, its applications and reviews', () => {
  const call = data.calls[0];
  const households = new Map(data.households.map((h) => [h.id, h]));
  const units = new Map(data.units.map((u) => [u.id, u]));
  const offered = new Set(data.callUnits.map((u) => u.unit_id));
  const latestIsee = (householdId: string, on: string) =>
    data.iseeRecords
      .filter((r) => r.household_id === householdId && r.dsu_submitted_on <= on && on <= r.valid_until)
      .sort((a, b) => (a.dsu_submitted_on < b.dsu_submitted_on ? 1 : -1))[0];

  it('is reproducible: the same seed and day give the same call, applications and reviews, ids included', () => {
    const a = generateDemo({ seed: 11, households: 300, today: TODAY });
    const b = generateDemo({ seed: 11, households: 300, today: TODAY });
    expect(b.calls).toEqual(a.calls);
    expect(b.callUnits).toEqual(a.callUnits);
    expect(b.applications).toEqual(a.applications);
    expect(b.reviews).toEqual(a.reviews);
    const c = generateDemo({ seed: 12, households: 300, today: TODAY });
    expect(c.applications.map((x) => x.platform_id)).not.toEqual(a.applications.map((x) => x.platform_id));
  });

  it('makes one SAP call of the Ambito with the defaults of the calls feature, open 51 days (≥ 30, RR art. 8)', () => {
    expect(data.calls).toHaveLength(1);
    expect(call).toMatchObject({
      code: 'AVV-2026-001',
      name: 'Avviso pubblico SAP 2026 – Ambito di Cinisello Balsamo',
      ambito_id: data.ambiti[0]?.id,
      kind: 'ordinary',
      programme: 'sap',
      scoring: 'platform_isbar',
      scheme_code: null,
      indigent_percent: QUOTA_PARAMETERS_RR_4_2017.indigent.percent,
      tie_break_keys: JSON.stringify(DEFAULT_TIE_BREAK_KEYS),
      refusal_policy: DEFAULT_REFUSAL_POLICY.id,
      created_by: data.users.find((u) => u.role === 'manager')?.id,
    });
    const opensOn = call?.opens_on as PlainDate;
    const closesOn = call?.closes_on as PlainDate;
    expect(daysBetween(opensOn, TODAY)).toBe(60);
    expect(daysBetween(closesOn, TODAY)).toBe(10);
    const window = checkCallWindow(opensOn, closesOn);
    expect(window.ok && window.days).toBeGreaterThanOrEqual(CALL_WINDOW_MIN_DAYS);
    expect(Number.isSafeInteger(call?.draw_seed) && (call?.draw_seed ?? -1) >= 0).toBe(true);
    expect(call?.draw_seed).toBeLessThan(2 ** 32);
    expect(data.sequences).toContainEqual({ name: 'call:2026', value: 1 });
    // Whatever the day, the window holds.
    for (const today of ['2027-01-05', '2026-03-01', '2028-02-29'] as PlainDate[]) {
      const other = generateDemo({ seed: 3, households: 20, today }).calls[0];
      expect(checkCallWindow(other?.opens_on as PlainDate, other?.closes_on as PlainDate).ok).toBe(true);
      expect(other?.code).toBe(`AVV-${other?.opens_on.slice(0, 4)}-001`);
    }
  });

  it('offers every available SAP unit and a few needing works, never assigned or other programmes', () => {
    const sap = data.units.filter((u) => u.programme === 'sap');
    const available = sap.filter((u) => u.state === 'available');
    expect(available.length).toBeGreaterThan(0.01 * data.units.length);
    for (const u of available) expect(offered.has(u.id)).toBe(true);
    const works = data.callUnits.filter((c) => units.get(c.unit_id)?.state === 'works_needed');
    expect(works.length).toBeGreaterThan(0);
    expect(works.length).toBeLessThan(available.length / 2);
    for (const c of data.callUnits) {
      const unit = units.get(c.unit_id);
      expect(unit?.programme).toBe('sap');
      expect(['available', 'works_needed']).toContain(unit?.state);
      expect(c.call_id).toBe(call?.id);
      expect(c.added_at > (call?.created_at ?? '')).toBe(true);
      expect(c.added_at < `${call?.opens_on}T00:00:00.000Z`).toBe(true);
    }
  });

  it('sets per-owner reserves of 0–10%, which the quota rules accept', () => {
    expect(data.callQuotas.length).toBeGreaterThan(0);
    const owners = new Set(data.owners.map((o) => o.id));
    for (const q of data.callQuotas) {
      expect(owners.has(q.owner_id)).toBe(true);
      expect(q.reserve_percent).toBeGreaterThan(0);
      expect(q.reserve_percent).toBeLessThanOrEqual(10);
      expect(q.police_percent).toBe(0);
      const result = computeCallQuotas([], {
        callKind: 'ordinary',
        reservePercent: q.reserve_percent,
        policeForcesPercent: null,
      });
      expect(result.ok).toBe(true);
    }
  });

  it('has about 250 applications from distinct households, as the platform import writes them', () => {
    expect(data.applications.length).toBe(250);
    expect(new Set(data.applications.map((a) => a.household_id)).size).toBe(250);
    expect(new Set(data.applications.map((a) => a.platform_id)).size).toBe(250);
    expect(new Set(data.applications.map((a) => a.protocol)).size).toBe(250);
    const officer = data.users.find((u) => u.username === 'erp')?.id;
    for (const a of data.applications) {
      const household = households.get(a.household_id);
      const members = byHousehold.get(a.household_id) ?? [];
      const applicant = members[0];
      expect(a.call_id).toBe(call?.id);
      expect(a.platform_id).toMatch(/^\d{4}-\d{6}$/);
      expect(a.protocol).toMatch(/^RL-\d{4}-\d{7}$/);
      expect(a.source).toBe('platform_import');
      expect(a.import_id).toBeNull();
      expect(a.created_by).toBe(officer);
      expect(a.applicant_fiscal_code).toBe(applicant?.fiscal_code);
      expect([a.applicant_last_name, a.applicant_first_name]).toEqual([applicant?.last_name, applicant?.first_name]);
      expect(a.residence_comune_id).toBe(household?.comune_id);
      expect(a.residence_comune_name).toBe(data.comuni.find((c) => c.id === household?.comune_id)?.name);
      expect(a.members_count).toBe(members.length);
      const day = plainDateOf(new Date(a.submitted_at), 'Europe/Rome');
      expect(day >= (call?.opens_on ?? '') && day <= (call?.closes_on ?? '')).toBe(true);
      expect(a.created_at > `${call?.closes_on}T23:59:59.999Z`).toBe(true);
      expect((household?.created_at ?? '') < a.submitted_at).toBe(true);
      const isee = latestIsee(a.household_id, day);
      if (isee) expect(a.isee_cents).toBe(isee.value_cents);
      expect(Number.isSafeInteger(a.isee_cents) && a.isee_cents >= 0).toBe(true);
      const highest = Math.max(-1, ...members.map((m) => m.disability_percent ?? -1));
      expect(a.max_invalidity_percent).toBe(highest < 0 ? null : highest);
    }
    expect(
      data.applications.filter((a) => latestIsee(a.household_id, a.submitted_at.slice(0, 10))).length,
    ).toBeGreaterThan(200);
  });

  it('chooses one or two distinct units, each offered by the call and adequate for the household (RR art. 9)', () => {
    const table = findAdequacyTable(call?.opens_on as PlainDate) ?? ADEQUACY_TABLE_RR_4_2017;
    let two = 0;
    for (const a of data.applications) {
      const chosen = [a.choice_1_unit_id, a.choice_2_unit_id].filter((u): u is string => u !== null);
      expect(a.choice_1_unit_id).not.toBeNull();
      expect(new Set(chosen).size).toBe(chosen.length);
      if (chosen.length === 2) two += 1;
      for (const id of chosen) {
        expect(offered.has(id)).toBe(true);
        expect(isAdequate(a.members_count, units.get(id)?.floor_area_dm2 ?? 0, table)).toBe(true);
      }
    }
    expect(two).toBeGreaterThan(50);
    expect(two).toBeLessThan(data.applications.length);
  });

  it('scores ISBAR between 5 and 60 with two decimals, with some ties', () => {
    for (const a of data.applications) {
      expect(a.isbar_milli).toBeGreaterThanOrEqual(5_000);
      expect(a.isbar_milli).toBeLessThanOrEqual(60_000);
      expect(a.isbar_milli % 10).toBe(0);
    }
    const values = data.applications.map((a) => a.isbar_milli);
    expect(new Set(values).size).toBeLessThan(values.length);
  });

  it('flags indigence only with an ISEE of at most 3,000 €, always attested (RR 4/2017 art. 13)', () => {
    const indigent = data.applications.filter((a) => a.indigent === 1);
    expect(indigent.length).toBeGreaterThan(0);
    for (const a of data.applications) {
      if (a.indigent === 1) expect(a.isee_cents).toBeLessThanOrEqual(QUOTA_PARAMETERS_RR_4_2017.indigenceIseeMaxCents);
      expect(a.indigence_attested).toBe(a.indigent);
    }
  });

  it('claims reserve categories for a few applications only', () => {
    const claiming = data.applications.filter((a) => a.reserve_categories !== '');
    expect(claiming.length).toBeGreaterThan(0);
    expect(claiming.length).toBeLessThan(data.applications.length * 0.25);
    for (const a of claiming)
      for (const c of a.reserve_categories.split(',')) expect(['anziani', 'disabili']).toContain(c);
  });

  it('reviews about 85%: most admitted, a few excluded for a requirement not met, the rest left to review', () => {
    const apps = new Map(data.applications.map((a) => [a.id, a]));
    const officer = data.users.find((u) => u.username === 'erp');
    expect(officer?.role).toBe('housing_officer');
    expect(new Set(data.reviews.map((r) => r.application_id)).size).toBe(data.reviews.length);
    const admitted = data.reviews.filter((r) => r.decision === 'admitted');
    const excluded = data.reviews.filter((r) => r.decision === 'excluded');
    expect(share(admitted.length, data.applications.length)).toBeGreaterThan(0.78);
    expect(share(admitted.length, data.applications.length)).toBeLessThan(0.92);
    expect(excluded.length).toBeGreaterThanOrEqual(3);
    expect(excluded.length).toBeLessThanOrEqual(20);
    expect(data.applications.length - data.reviews.length).toBeGreaterThan(5);
    for (const r of data.reviews) {
      const app = apps.get(r.application_id);
      expect(r.decided_by).toBe(officer?.id);
      expect(r.decided_at > (app?.created_at ?? '')).toBe(true);
      expect(r.reason.length).toBeGreaterThan(10);
      if (r.decision === 'admitted') expect(app?.isee_cents).toBeLessThanOrEqual(1_600_000);
    }
    expect(excluded.some((r) => /ISEE .* > soglia 16\.000,00/.test(r.reason))).toBe(true);
  });

  it('writes on each timeline the import and the review in the words of the applications feature', () => {
    const events = new Map(data.timelineEvents.map((e) => [e.source_id, e]));
    for (const a of data.applications) {
      const e = events.get(a.id);
      expect(e?.household_id).toBe(a.household_id);
      expect(e?.title).toBe(
        `Domanda ${a.platform_id} all’avviso AVV-2026-001 importata (ISBAR ${formatIsbar(a.isbar_milli)})`,
      );
      expect(e?.at).toBe(a.created_at);
    }
    expect(events.get(data.applications[0]?.id ?? '')?.title).toMatch(/\(ISBAR \d+,\d{2}\)$/);
    for (const r of data.reviews) {
      const e = events.get(r.id);
      expect(e?.kind).toBe('application_reviewed');
      expect(e?.title).toMatch(/^Istruttoria della domanda \d{4}-\d{6} all’avviso AVV-2026-001: (ammessa|esclusa)$/);
      expect(e?.detail).toBe(r.reason);
    }
  });

  it('scales with the number of households, up to 250 applications', () => {
    expect(generateDemo({ seed: 1, households: 0, today: TODAY }).applications).toHaveLength(0);
    expect(generateDemo({ seed: 1, households: 0, today: TODAY }).calls).toHaveLength(1);
    expect(generateDemo({ seed: 1, households: 70, today: TODAY }).applications).toHaveLength(25);
    expect(generateDemo({ seed: 1, households: 1500, today: TODAY }).applications).toHaveLength(250);
  });
});
