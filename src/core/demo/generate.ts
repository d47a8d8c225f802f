// A deterministic synthetic Ambito for demos and benchmarks: the same seed and reference day always give the
// same rows, ids included. Pure: no clock, no I/O, no Math.random. Every person in it is invented.
import { iseeLegalValidUntil } from '../households/isee.js';
import type { VulnerabilityCode } from '../households/vulnerabilities.js';
import type { Cents } from '../kernel/money.js';
import { addDays, addMonths, ageOn, formatPlainDateIt, type PlainDate } from '../kernel/plain-date.js';
import { createRng, type Rng } from '../kernel/rng.js';
import { normalizeForSearch } from '../kernel/text.js';
import { ADEQUACY_TABLE_RR_4_2017, findAdequacyTable, isAdequate } from '../sap/adequacy.js';
import { DEFAULT_REFUSAL_POLICY } from '../sap/assignment.js';
import { applicationRecordedEvent, applicationReviewedEvent, callSequenceName, formatCallCode } from '../sap/calls.js';
import { findQuotaParameters, QUOTA_PARAMETERS_RR_4_2017 } from '../sap/quotas.js';
import { DEFAULT_TIE_BREAK_KEYS } from '../sap/ranking.js';
import {
  checkRequirements,
  findRequirementParameters,
  REQUIREMENT_PARAMETERS_RR_4_2017,
  type Citizenship as RequirementCitizenship,
  type ResidenceStatus,
} from '../sap/requirements.js';
import {
  FOREIGN_ORIGINS,
  ITALIAN_NAMES_OLDER,
  ITALIAN_NAMES_YOUNGER,
  ITALIAN_SURNAMES,
  type ForeignOrigin,
} from './names.js';
import {
  ALER_NAME,
  DEMO_AMBITO_NAME,
  DEMO_COMUNI,
  DEMO_PROVINCE,
  ITALIAN_BIRTH_PLACES,
  LOCAL_BIRTH_PLACES,
  STREET_NAMES,
  type BirthPlace,
  type DemoComune,
} from './places.js';
import type {
  DemoApplicationRow,
  DemoCallQuotaRow,
  DemoCallRow,
  DemoCallUnitRow,
  DemoComuneRow,
  DemoData,
  DemoHouseholdRow,
  DemoIseeRow,
  DemoMemberRow,
  DemoNoteRow,
  DemoOwnerRow,
  DemoPartnerRow,
  DemoReviewRow,
  DemoRole,
  DemoShareRow,
  DemoTimelineEventRow,
  DemoUnitRow,
  DemoUserRow,
  DemoVulnerabilityRow,
} from './rows.js';
import { composeFiscalCode, MAX_OMOCODE_LEVEL } from './synthetic-fiscal-code.js';

export type * from './rows.js';

/** The seed's waiting list: "about 700 households". */
export const DEFAULT_DEMO_HOUSEHOLDS = 700;
/** Any fixed number will do; this one is the day the foundation migration was written. */
export const DEFAULT_DEMO_SEED = 20261126;

export interface DemoOptions {
  readonly seed: number;
  /** How many households to invent (default 700). The housing stock and the staff stay the same size. */
  readonly households?: number;
  /** The reference day: every date and instant generated lies before it. */
  readonly today: PlainDate;
}

/**
 * Titles of the timeline events for vulnerabilities, in the words of VULNERABILITY_LABELS in
 * shared/households.ts (core may not import shared; a test of the loader checks that the two agree).
 */
export const DEMO_VULNERABILITY_LABELS: Record<VulnerabilityCode, string> = {
  job_loss: 'Perdita del lavoro',
  income_drop: 'Forte riduzione del reddito',
  eviction_risk: 'Rischio di sfratto',
  homeless: 'Senza dimora',
  improper_housing: 'Alloggio improprio',
  overcrowding: 'Sovraffollamento',
  architectural_barriers: 'Barriere architettoniche con persona disabile',
  domestic_violence: 'Violenza domestica',
  serious_illness: 'Grave malattia di un componente',
  social_services_care: 'In carico ai servizi sociali',
  separated_parent: 'Genitore separato senza casa familiare',
  new_family: 'Nucleo di nuova formazione',
  other: 'Altro',
};

/** Unit states the demo uses; the public-housing feature owns the full list and its transitions. */
export const DEMO_UNIT_STATES = ['assigned', 'available', 'works_needed', 'not_assignable'] as const;

const DAY_MS = 86_400_000;
/** Office hours in UTC (08:00–18:00 in Rome in winter, 09:00–19:00 in summer): always the same Rome day. */
const OFFICE_START_S = 7 * 3600;
const OFFICE_END_S = 17 * 3600;
/** Households were opened over the last three years. */
const HISTORY_DAYS = 3 * 365;
/** The seed: 5 temporary-housing units since 2016, run by 3 third-sector partners. */
const TEMPORARY_HOUSING_UNITS = 5;

// Shares below come from the 2024 plan of the Ambito (rules.md §1.3) where noted; the rest are demo choices.
/** "Households housed: 33.9% single people" (rules.md §1.3). */
const STRUCTURE_WEIGHTS = {
  single: 34,
  couple: 13,
  couple_children: 27,
  lone_parent: 12,
  parent_adult_children: 5,
  extended: 6,
  siblings: 3,
} as const;
type Structure = keyof typeof STRUCTURE_WEIGHTS;
/** "16.7% households with foreign members" (rules.md §1.3): foreign households plus a few mixed couples. */
const FOREIGN_HOUSEHOLD_SHARE = 0.15;
/** Of the Italian couples: one partner is foreign. */
const MIXED_COUPLE_SHARE = 0.05;
/** A person in two files, to show the duplicate flag. */
const DUPLICATE_PERSON_SHARE = 0.01;
/** People whose code carries omocodia letters as if a namesake born the same day existed elsewhere. */
const DELIBERATE_OMOCODE_SHARE = 0.004;
/** Demo choices: most files hold a current ISEE, some an ISEE corrente, some also last year's expired one. */
const ISEE_SHARE = 0.9;
const ISEE_CORRENTE_SHARE = 0.15;
const PREVIOUS_ISEE_SHARE = 0.35;
/** With lone parents more often (0.6), about 40% of the files record a vulnerability. */
const VULNERABILITY_SHARE = 0.35;
const PARTNER_SHARES = 10;

const RELATION_ORDER: Record<string, number> = {
  applicant: 0,
  spouse: 1,
  partner: 1,
  child: 2,
  grandchild: 3,
  sibling: 4,
  parent: 5,
  in_law: 6,
  grandparent: 7,
  other_relative: 8,
  other: 9,
};

type Citizenship = 'italian' | 'eu' | 'non_eu';
type PermitKind = 'long_term_eu' | 'two_years_work' | 'international_protection' | 'other';

interface Person {
  firstName: string;
  lastName: string;
  sex: 'F' | 'M';
  birthDate: PlainDate;
  age: number;
  placeCode: string;
  citizenship: Citizenship;
  permitKind: PermitKind | null;
  permitExpiresOn: PlainDate | null;
  disabilityPercent: number | null;
  disabilityKind: string | null;
  omocodeLevel: number;
  fiscalCode: string | null;
}

interface Membership {
  readonly person: Person;
  readonly relation: string;
}

interface Background {
  /** null for Italian households. */
  readonly origin: ForeignOrigin | null;
  /** Years since the family settled in Italy: children younger than this were born here. */
  readonly yearsInItaly: number;
}

interface Draft {
  readonly index: number;
  readonly comune: DemoComune;
  readonly comuneId: string;
  readonly createdMs: number;
  readonly structure: Structure;
  members: Membership[];
  readonly loneParent: boolean;
  readonly street: string;
  readonly number: string;
  readonly phone: string | null;
  /** The e-mail is made from the applicant's name once the applicant is final (see addDuplicatePeople). */
  readonly email: { readonly suffix: string } | null;
  readonly pec: boolean;
  readonly createdBy: string;
  forcedVulnerabilities: VulnerabilityCode[];
}

interface Staff {
  readonly admin: DemoUserRow;
  readonly manager: DemoUserRow;
  readonly frontDesk: DemoUserRow;
  readonly socialWorker: DemoUserRow;
  readonly housingOfficer: DemoUserRow;
}

interface Context {
  readonly rng: Rng;
  /** A separate stream for ids, so that the data drawn does not depend on how many ids were made. */
  readonly idRng: Rng;
  readonly today: PlainDate;
  readonly todayNumber: number;
  /** No instant may be later than yesterday's office closing time. */
  readonly capMs: number;
  /** Birth days that give each age on `today`, computed once per age. */
  readonly birthRanges: Map<number, { earliest: number; span: number }>;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

// Dates are handled as day numbers (days since 1970-01-01) and instants as milliseconds: a 20,000-household
// run makes a few hundred thousand of them, and Date objects would make that several times slower.

/** Day number of a calendar day (H. Hinnant's days_from_civil, proleptic Gregorian). */
function dayNumber(day: string): number {
  const [y0, m, d] = day.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar day of a day number (H. Hinnant's civil_from_days). */
function plainDateOfDay(n: number): PlainDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as PlainDate;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The UTC ISO string of an instant, as `Date.prototype.toISOString` writes it. */
function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const rest = ms - day * DAY_MS;
  const s = Math.floor(rest / 1000);
  return `${plainDateOfDay(day)}T${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${String(rest % 1000).padStart(3, '0')}Z`;
}

function dayOfMs(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

function officeTime(ctx: Context, day: number): number {
  return Math.min(day * DAY_MS + ctx.rng.int(OFFICE_START_S, OFFICE_END_S - 1) * 1000, ctx.capMs);
}

/** An instant some days after `baseMs`, in office hours, never after the cap. */
function after(ctx: Context, baseMs: number, minDays: number, maxDays: number): number {
  let ms = officeTime(ctx, dayOfMs(baseMs) + ctx.rng.int(minDays, maxDays));
  if (ms <= baseMs) ms = baseMs + ctx.rng.int(5, 90) * 60_000;
  return Math.min(ms, Math.max(ctx.capMs, baseMs));
}

/** A UUID version 7 whose time part is the row's creation instant, as the application's own ids (server/ids.ts). */
function uuidAt(ctx: Context, ms: number): string {
  const r = ctx.idRng;
  const hex = (max: number, digits: number) => r.int(0, max).toString(16).padStart(digits, '0');
  const ts = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  // 12 random bits after the version, the variant bits 10, then 14 + 48 random bits (RFC 9562 §5.7).
  const variant = (0x8000 | r.int(0, 0x3fff)).toString(16);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${hex(0xfff, 3)}-${variant}-${hex(0xffff, 4)}${hex(0xffff, 4)}${hex(0xffff, 4)}`;
}

function weighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let x = rng.next() * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items[items.length - 1] as T;
}

function weightedKey<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  return weighted(rng, Object.keys(weights) as K[], (k) => weights[k]);
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

function birthPlace(rng: Rng, places: readonly BirthPlace[]): string {
  return weighted(rng, places, (p) => p.weight).code;
}

/** A birth date that gives exactly `age` whole years on `today`, never today or later. */
function birthDateForAge(ctx: Context, age: number): PlainDate {
  let range = ctx.birthRanges.get(age);
  if (range === undefined) {
    const earliest = dayNumber(addDays(addMonths(ctx.today, -12 * (age + 1)), 1));
    const latest = Math.min(dayNumber(addMonths(ctx.today, -12 * age)), ctx.todayNumber - 1);
    range = { earliest, span: Math.max(0, latest - earliest) };
    ctx.birthRanges.set(age, range);
  }
  return plainDateOfDay(range.earliest + ctx.rng.int(0, range.span));
}

function asciiLower(value: string): string {
  return normalizeForSearch(value).replace(/[^a-z]/g, '');
}

function mobilePhone(rng: Rng): string {
  return `3${rng.int(20, 93)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// People

function firstNames(bg: Background, sex: 'F' | 'M', birthDate: PlainDate): readonly string[] {
  const pool =
    bg.origin !== null
      ? bg.origin.names
      : Number(birthDate.slice(0, 4)) < 1975
        ? ITALIAN_NAMES_OLDER
        : ITALIAN_NAMES_YOUNGER;
  return sex === 'F' ? pool.female : pool.male;
}

function makePerson(
  ctx: Context,
  bg: Background,
  sex: 'F' | 'M',
  age: number,
  opts: { lastName?: string } = {},
): Person {
  const { rng } = ctx;
  const birthDate = birthDateForAge(ctx, age);
  const omocodeLevel = rng.chance(DELIBERATE_OMOCODE_SHARE) ? (rng.chance(0.8) ? 1 : 2) : 0;
  const base = {
    sex,
    birthDate,
    age,
    permitKind: null,
    permitExpiresOn: null,
    disabilityPercent: null,
    disabilityKind: null,
    omocodeLevel,
    fiscalCode: null,
  };
  if (bg.origin === null) {
    const southern = age >= 50 ? 0.55 : 0.15;
    return {
      ...base,
      firstName: rng.pick(firstNames(bg, sex, birthDate)),
      lastName: opts.lastName ?? rng.pick(ITALIAN_SURNAMES),
      placeCode: birthPlace(rng, rng.chance(southern) ? ITALIAN_BIRTH_PLACES : LOCAL_BIRTH_PLACES),
      citizenship: 'italian',
    };
  }
  const origin = bg.origin;
  const family = opts.lastName ?? rng.pick(origin.surnames);
  const bornInItaly = age < bg.yearsInItaly;
  let citizenship: Citizenship = origin.citizenship;
  // L. 91/1992: born in Italy and resident until 18 may elect citizenship (art. 4 c.2); others may be
  // naturalised after 10 years of residence (art. 9 c.1 f).
  if (bornInItaly && age >= 18 && rng.chance(0.6)) citizenship = 'italian';
  else if (!bornInItaly && age >= 18 && bg.yearsInItaly >= 10 && rng.chance(0.15)) citizenship = 'italian';
  return {
    ...base,
    firstName: rng.pick(firstNames(bg, sex, birthDate)),
    lastName: sex === 'F' && origin.femaleSurnameSuffix ? `${family}${origin.femaleSurnameSuffix}` : family,
    placeCode: bornInItaly ? birthPlace(rng, LOCAL_BIRTH_PLACES) : origin.stateCode,
    citizenship,
  };
}

/** The surname a child takes from a man of the same background (Bulgarian daughters inflect it). */
function familyName(person: Person, bg: Background): string {
  const suffix = bg.origin?.femaleSurnameSuffix;
  if (person.sex === 'F' && suffix && person.lastName.endsWith(suffix)) return person.lastName.slice(0, -suffix.length);
  return person.lastName;
}

function randomFamilyName(ctx: Context, bg: Background): string {
  return ctx.rng.pick(bg.origin === null ? ITALIAN_SURNAMES : bg.origin.surnames);
}

function foreignBackground(ctx: Context): Background {
  return { origin: weighted(ctx.rng, FOREIGN_ORIGINS, (o) => o.weight), yearsInItaly: ctx.rng.int(2, 25) };
}

const ITALIAN: Background = { origin: null, yearsInItaly: 0 };

function partnerAge(ctx: Context, applicant: Person): number {
  const gap = ctx.rng.int(-2, 8);
  return Math.min(95, Math.max(19, applicant.sex === 'M' ? applicant.age - gap : applicant.age + gap));
}

/** Children of a mother of `motherAge` (she was 18–45 at each birth), no older than `maxAge`. */
function childAges(
  ctx: Context,
  count: number,
  motherAge: number,
  youngestParentAge: number,
  maxAge: number,
): number[] {
  const lo = Math.max(0, motherAge - 45);
  const hi = Math.min(maxAge, youngestParentAge - 18);
  if (hi < lo) return [];
  const ages: number[] = [];
  for (let i = 0; i < count; i++) ages.push(ctx.rng.int(lo, hi));
  return ages.sort((a, b) => b - a);
}

/** Children with the given surname; none shares a first name with a parent or with a brother or sister. */
function children(
  ctx: Context,
  bg: Background,
  ages: readonly number[],
  lastName: string,
  parents: readonly Person[],
): Membership[] {
  const taken = new Set(parents.map((p) => p.firstName));
  return ages.map((age) => {
    const person = makePerson(ctx, bg, ctx.rng.chance(0.5) ? 'F' : 'M', age, { lastName });
    const pool = firstNames(bg, person.sex, person.birthDate);
    for (let tries = 0; tries < 5 && taken.has(person.firstName); tries++) person.firstName = ctx.rng.pick(pool);
    taken.add(person.firstName);
    return { person, relation: 'child' };
  });
}

function couple(
  ctx: Context,
  bg: Background,
  spouseBg: Background,
  age: number,
  elderly: boolean,
): { applicant: Person; spouse: Membership; father: Person; mother: Person; fatherBg: Background } {
  const applicant = makePerson(ctx, bg, ctx.rng.chance(0.6) ? 'M' : 'F', age);
  const spouse = makePerson(ctx, spouseBg, applicant.sex === 'M' ? 'F' : 'M', partnerAge(ctx, applicant));
  const relation = ctx.rng.chance(elderly ? 0.85 : 0.6) ? 'spouse' : 'partner';
  const applicantIsFather = applicant.sex === 'M';
  return {
    applicant,
    spouse: { person: spouse, relation },
    father: applicantIsFather ? applicant : spouse,
    mother: applicantIsFather ? spouse : applicant,
    fatherBg: applicantIsFather ? bg : spouseBg,
  };
}

interface Composition {
  readonly members: Membership[];
  readonly loneParent: boolean;
}

function compose(ctx: Context, structure: Structure, bg: Background): Composition {
  const { rng } = ctx;
  // Foreign households are younger: few elderly people among recent immigrants.
  const elderlyShare = bg.origin === null ? 0.5 : 0.1;
  const mixed =
    bg.origin === null && (structure === 'couple' || structure === 'couple_children') && rng.chance(MIXED_COUPLE_SHARE);
  const spouseBg = mixed ? foreignBackground(ctx) : bg;
  switch (structure) {
    case 'single': {
      const elderly = rng.chance(elderlyShare);
      const age = elderly ? rng.int(65, 92) : rng.int(22, 64);
      // Elderly people living alone are mostly widows.
      const sex = rng.chance(elderly ? 0.7 : 0.5) ? 'F' : 'M';
      return { members: [{ person: makePerson(ctx, bg, sex, age), relation: 'applicant' }], loneParent: false };
    }
    case 'couple': {
      const elderly = rng.chance(elderlyShare + 0.1);
      const c = couple(ctx, bg, spouseBg, elderly ? rng.int(65, 88) : rng.int(24, 64), elderly);
      return { members: [{ person: c.applicant, relation: 'applicant' }, c.spouse], loneParent: false };
    }
    case 'couple_children': {
      const c = couple(ctx, bg, spouseBg, rng.int(25, 56), false);
      const count = weighted(rng, [1, 2, 3, 4], (n) => [40, 38, 16, 6][n - 1] ?? 0);
      const ages = childAges(ctx, count, c.mother.age, Math.min(c.mother.age, c.father.age), 28);
      // Children of a mixed couple are Italian by birth (L. 91/1992 art. 1): the Italian parent's background.
      const childBg = mixed ? ITALIAN : c.fatherBg;
      return {
        members: [
          { person: c.applicant, relation: 'applicant' },
          c.spouse,
          ...children(ctx, childBg, ages, familyName(c.father, c.fatherBg), [c.father, c.mother]),
        ],
        loneParent: false,
      };
    }
    case 'lone_parent': {
      const parent = makePerson(ctx, bg, rng.chance(0.88) ? 'F' : 'M', rng.int(21, 52));
      const minor = childAges(ctx, 1, parent.sex === 'F' ? parent.age : 30, parent.age, 17);
      const more = childAges(
        ctx,
        weighted(rng, [0, 1, 2], (n) => [50, 35, 15][n] ?? 0),
        parent.age,
        parent.age,
        24,
      );
      const surname = parent.sex === 'M' || rng.chance(0.3) ? familyName(parent, bg) : randomFamilyName(ctx, bg);
      return {
        members: [
          { person: parent, relation: 'applicant' },
          ...children(
            ctx,
            bg,
            [...minor, ...more].sort((a, b) => b - a),
            surname,
            [parent],
          ),
        ],
        loneParent: minor.length > 0,
      };
    }
    case 'parent_adult_children': {
      const parent = makePerson(ctx, bg, rng.chance(0.7) ? 'F' : 'M', rng.int(55, 88));
      const count = rng.chance(0.75) ? 1 : 2;
      const ages = childAges(ctx, count, parent.sex === 'F' ? parent.age : parent.age - 3, parent.age, 55).map((a) =>
        Math.max(18, a),
      );
      const surname = parent.sex === 'M' || rng.chance(0.15) ? familyName(parent, bg) : randomFamilyName(ctx, bg);
      return {
        members: [{ person: parent, relation: 'applicant' }, ...children(ctx, bg, ages, surname, [parent])],
        loneParent: false,
      };
    }
    case 'extended': {
      const variant = rng.int(0, 2);
      if (variant === 0) {
        // A couple with their children and the elderly parent of one of them.
        const c = couple(ctx, bg, bg, rng.int(35, 60), false);
        const ages = childAges(ctx, rng.int(0, 2), c.mother.age, Math.min(c.mother.age, c.father.age), 25);
        const ofApplicant = rng.chance(0.6);
        const base = ofApplicant ? c.applicant : c.spouse.person;
        const elderAge = Math.min(98, base.age + rng.int(20, 38));
        const elderSex = rng.chance(0.7) ? 'F' : 'M';
        // A father shares the surname of his son or daughter; a mother keeps her own (Italian usage).
        const elder = makePerson(
          ctx,
          bg,
          elderSex,
          elderAge,
          elderSex === 'M' ? { lastName: familyName(base, bg) } : {},
        );
        return {
          members: [
            { person: c.applicant, relation: 'applicant' },
            c.spouse,
            ...children(ctx, bg, ages, familyName(c.father, bg), [c.father, c.mother]),
            { person: elder, relation: ofApplicant ? 'parent' : 'in_law' },
          ],
          loneParent: false,
        };
      }
      if (variant === 1) {
        // Grandparents raising a grandchild.
        const grandparent = makePerson(ctx, bg, rng.chance(0.65) ? 'F' : 'M', rng.int(58, 80));
        const members: Membership[] = [{ person: grandparent, relation: 'applicant' }];
        if (rng.chance(0.5)) {
          members.push({
            person: makePerson(ctx, bg, grandparent.sex === 'M' ? 'F' : 'M', partnerAge(ctx, grandparent)),
            relation: 'spouse',
          });
        }
        const grandchildAge = rng.int(1, Math.min(17, grandparent.age - 40));
        members.push({
          person: makePerson(ctx, bg, rng.chance(0.5) ? 'F' : 'M', grandchildAge),
          relation: 'grandchild',
        });
        return { members, loneParent: false };
      }
      // An adult living with a sibling and their mother or father.
      const applicant = makePerson(ctx, bg, rng.chance(0.5) ? 'F' : 'M', rng.int(30, 60));
      const sibling = makePerson(ctx, bg, rng.chance(0.5) ? 'F' : 'M', Math.max(18, applicant.age + rng.int(-8, 8)), {
        lastName: familyName(applicant, bg),
      });
      const parentAge = Math.min(98, Math.max(applicant.age, sibling.age) + rng.int(20, 35));
      const parentSex = rng.chance(0.7) ? 'F' : 'M';
      const parent = makePerson(
        ctx,
        bg,
        parentSex,
        parentAge,
        parentSex === 'M' ? { lastName: familyName(applicant, bg) } : {},
      );
      return {
        members: [
          { person: applicant, relation: 'applicant' },
          { person: sibling, relation: 'sibling' },
          { person: parent, relation: 'parent' },
        ],
        loneParent: false,
      };
    }
    case 'siblings': {
      const applicant = makePerson(ctx, bg, rng.chance(0.5) ? 'F' : 'M', rng.int(35, 80));
      const relation = weighted(rng, ['sibling', 'other_relative', 'other'], (r) =>
        r === 'sibling' ? 70 : r === 'other_relative' ? 20 : 10,
      );
      const other = makePerson(
        ctx,
        bg,
        rng.chance(0.5) ? 'F' : 'M',
        Math.max(18, applicant.age + rng.int(-10, 10)),
        relation === 'sibling' ? { lastName: familyName(applicant, bg) } : {},
      );
      return {
        members: [
          { person: applicant, relation: 'applicant' },
          { person: other, relation },
        ],
        loneParent: false,
      };
    }
  }
}

/** Residence permits for members from outside the EU; young children share a parent's permit. */
function assignPermits(ctx: Context, members: readonly Membership[]): void {
  const { rng } = ctx;
  let adultPermit: { kind: PermitKind; expires: PlainDate | null } | null = null;
  for (const { person } of members) {
    if (person.citizenship !== 'non_eu') continue;
    if (person.age < 14 && adultPermit !== null) {
      person.permitKind = adultPermit.kind;
      person.permitExpiresOn = adultPermit.expires;
      continue;
    }
    const kind = weighted<PermitKind>(
      rng,
      ['long_term_eu', 'two_years_work', 'international_protection', 'other'],
      (k) => (k === 'long_term_eu' ? 50 : k === 'two_years_work' ? 25 : k === 'international_protection' ? 10 : 15),
    );
    // Only the long-term EU permit needs no expiry on the file (shared/households.ts); about one in five of
    // the others has already expired, so that the warning shows.
    const expires = kind === 'long_term_eu' ? null : plainDateOfDay(ctx.todayNumber + rng.int(-200, 730));
    person.permitKind = kind;
    person.permitExpiresOn = expires;
    if (person.age >= 18 && adultPermit === null) adultPermit = { kind, expires };
  }
}

const DISABILITY_PERCENTS = [46, 50, 60, 67, 74, 75, 80, 90, 100] as const;

/** Civil invalidity percentages (46–100) for about one member in ten, more frequent with age. */
function assignDisability(ctx: Context, person: Person): void {
  const { rng } = ctx;
  const p = person.age >= 80 ? 0.42 : person.age >= 65 ? 0.2 : person.age >= 18 ? 0.08 : 0.04;
  if (!rng.chance(p)) return;
  const percent = weighted(rng, DISABILITY_PERCENTS, (v) => (v === 100 ? (person.age >= 75 ? 30 : 12) : 10));
  person.disabilityPercent = percent;
  if (person.age < 18) person.disabilityKind = 'Minore con disabilità (L. 104/1992, art. 3 c. 3)';
  else if (percent === 100 && person.age >= 65 && rng.chance(0.6)) {
    person.disabilityKind = 'Invalidità civile con indennità di accompagnamento';
  } else person.disabilityKind = 'Invalidità civile';
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data: the Ambito, its Comuni, owners, partners, staff and housing stock

const PARTNERS = [
  { name: 'Cooperativa Sociale Filo di Casa', domain: 'filodicasa.example.org' },
  { name: 'Associazione Soglia Aperta', domain: 'soglia-aperta.example.org' },
  { name: 'Fondazione Ponte Leggero', domain: 'ponteleggero.example.org' },
] as const;

const STAFF: readonly { username: string; displayName: string; role: DemoRole }[] = [
  { username: 'admin', displayName: 'Luca Bernasconi', role: 'admin' },
  { username: 'dirigente', displayName: 'Francesca Galbiati', role: 'manager' },
  { username: 'sportello', displayName: 'Marco Colnaghi', role: 'front_desk' },
  { username: 'sociale', displayName: 'Chiara Vimercati', role: 'social_worker' },
  { username: 'erp', displayName: 'Davide Sormani', role: 'housing_officer' },
  { username: 'partner', displayName: 'Elena Fumagalli', role: 'partner' },
  { username: 'osservatore', displayName: 'Giorgio Cattaneo', role: 'observer' },
];

function makeUnits(
  ctx: Context,
  comuni: readonly { comune: DemoComune; row: DemoComuneRow; owner: DemoOwnerRow; streets: string[] }[],
  aler: DemoOwnerRow,
  createdAt: number,
): DemoUnitRow[] {
  const { rng } = ctx;
  const units: DemoUnitRow[] = [];
  for (const { comune, row, owner, streets } of comuni) {
    for (const [ownerRow, letter, count] of [
      [owner, 'C', comune.units.comune],
      [aler, 'A', comune.units.aler],
    ] as const) {
      const isAler = letter === 'A';
      const first = units.length;
      let made = 0;
      while (made < count) {
        // ALER estates are larger and taller than the municipal buildings.
        const storeys = isAler ? rng.int(3, 9) : rng.int(2, 7);
        const hasLift = storeys >= 5 ? rng.chance(0.85) : storeys >= 3 ? rng.chance(0.3) : rng.chance(0.05);
        const street = rng.pick(streets);
        const number = String(rng.int(1, 180));
        const size = Math.min(count - made, isAler ? rng.int(12, 48) : rng.int(4, 24));
        for (let i = 0; i < size; i++) {
          made += 1;
          const floor = rng.int(0, Math.min(8, storeys - 1));
          const area = Math.round((rng.int(2800, 11000) + rng.int(2800, 11000)) / 2);
          const rooms = Math.min(5, Math.max(1, 1 + Math.floor((area - 2800) / 1800)));
          const stateDraw = rng.next();
          const state: (typeof DEMO_UNIT_STATES)[number] =
            stateDraw < 0.02
              ? 'available'
              : stateDraw < 0.05
                ? 'works_needed'
                : stateDraw < 0.065
                  ? 'not_assignable'
                  : 'assigned';
          units.push({
            id: uuidAt(ctx, createdAt),
            code: `${comune.key}-${letter}-${String(made).padStart(5, '0')}`,
            owner_id: ownerRow.id,
            comune_id: row.id,
            programme: rng.chance(0.02) ? 'por' : 'sap',
            address_street: street,
            address_number: number,
            floor_area_dm2: area,
            rooms,
            floor,
            has_lift: hasLift ? 1 : 0,
            // Step-free access needs the ground floor or a lift; about 8% of the stock overall.
            accessible: (floor === 0 || hasLift) && rng.chance(0.115) ? 1 : 0,
            state,
            created_at: iso(createdAt),
          });
        }
      }
      if (comune.isLead && !isAler) {
        // The seed's temporary housing: 5 municipal units, occupied by the partners' guests.
        for (const unit of shuffle(rng, units.slice(first)).slice(0, TEMPORARY_HOUSING_UNITS)) {
          unit.programme = 'sat';
          unit.state = 'assigned';
        }
      }
    }
  }
  return units;
}

// ---------------------------------------------------------------------------------------------------------------
// Household files

const NOTE_BODIES: Record<'all' | 'social', readonly string[]> = {
  all: [
    'Colloquio allo sportello: richieste informazioni sull’avviso SAP dell’Ambito.',
    'Consegnata copia dell’attestazione ISEE; da aggiornare a inizio anno.',
    'Il nucleo segnala difficoltà nel pagamento del canone di locazione.',
    'Fissato appuntamento per la verifica dei requisiti di accesso.',
    'Richieste informazioni sul contributo per la morosità incolpevole.',
    'Documentazione anagrafica completa; manca copia del contratto di locazione in corso.',
  ],
  social: [
    'Nucleo conosciuto dal servizio sociale; concordato monitoraggio mensile.',
    'Colloquio di aggiornamento: situazione lavorativa in evoluzione, da rivedere tra tre mesi.',
    'Segnalata fragilità relazionale; attivato confronto con l’équipe di accompagnamento.',
    'Valutazione in corso per un progetto individualizzato di accompagnamento abitativo.',
  ],
};

/** The seed's temporary housing: women alone or with minors, 6-month hospitality contracts, an educator. */
const SHARE_REASONS = [
  'Valutazione per l’ospitalità temporanea (donne sole o con minori).',
  'Progetto di accompagnamento con l’educatore dell’ente.',
  'Inserimento in alloggio temporaneo: contratto di ospitalità di 6 mesi.',
] as const;

function chooseVulnerabilities(ctx: Context, draft: Draft): VulnerabilityCode[] {
  const { rng } = ctx;
  const people = draft.members.map((m) => m.person);
  const applicant = people[0] as Person;
  const hasDisability = people.some((p) => (p.disabilityPercent ?? 0) >= 46);
  const youngCouple = draft.structure === 'couple' && applicant.age < 35;
  const weights: Partial<Record<VulnerabilityCode, number>> = {
    eviction_risk: 16,
    income_drop: 12,
    improper_housing: 6,
    serious_illness: 6,
    social_services_care: 12,
    homeless: 2,
    other: 2,
  };
  if (applicant.age < 62) weights.job_loss = 10;
  if (people.length >= 4) weights.overcrowding = 12;
  if (hasDisability) weights.architectural_barriers = 14;
  if (draft.loneParent && applicant.sex === 'F') weights.domestic_violence = 10;
  if (draft.loneParent) weights.separated_parent = 8;
  if (youngCouple) weights.new_family = 12;
  const chosen = new Set<VulnerabilityCode>(draft.forcedVulnerabilities);
  const wanted = draft.forcedVulnerabilities.length + weighted(rng, [1, 2, 3], (n) => [65, 28, 7][n - 1] ?? 0);
  while (chosen.size < wanted) {
    const codes = (Object.keys(weights) as VulnerabilityCode[]).filter((c) => !chosen.has(c));
    if (codes.length === 0) break;
    chosen.add(weighted(rng, codes, (c) => weights[c] ?? 0));
  }
  return [...chosen];
}

function iseeValue(rng: Rng): number {
  // About half below 10,000 € (rules.md §1.3); some at or under 3,000 €, some above 16,000 €.
  const u = rng.next();
  const euros =
    u < 0.12
      ? rng.chance(0.15)
        ? 0
        : rng.int(0, 2999)
      : u < 0.5
        ? rng.int(3000, 9999)
        : u < 0.86
          ? rng.int(10000, 15999)
          : rng.int(16000, 32000);
  return euros * 100 + rng.int(0, 99);
}

function iseeProtocol(rng: Rng, year: string, used: Set<string>): string {
  for (;;) {
    const protocol = `INPS-ISEE-${year}-${String(rng.int(0, 999_999_999)).padStart(9, '0')}-${String(rng.int(0, 99)).padStart(2, '0')}`;
    if (!used.has(protocol)) {
      used.add(protocol);
      return protocol;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

export function generateDemo(options: DemoOptions): DemoData {
  const count = options.households ?? DEFAULT_DEMO_HOUSEHOLDS;
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`households must be a whole number ≥ 0: ${count}`);
  const today = options.today;
  const ctx: Context = {
    rng: createRng(options.seed),
    idRng: createRng((options.seed ^ 0x2545f491) >>> 0),
    today,
    todayNumber: dayNumber(today),
    capMs: (dayNumber(today) - 1) * DAY_MS + OFFICE_END_S * 1000,
    birthRanges: new Map(),
  };
  const { rng } = ctx;

  // The installation was set up a month before the first household file.
  const setupMs = officeTime(ctx, ctx.todayNumber - HISTORY_DAYS - 30);
  const at = (offsetMinutes: number) => iso(setupMs + offsetMinutes * 60_000);
  const setupAt = at(0);

  const ambito = { id: uuidAt(ctx, setupMs), name: DEMO_AMBITO_NAME, created_at: setupAt };
  const comuni = DEMO_COMUNI.map((comune) => {
    const row: DemoComuneRow = {
      id: uuidAt(ctx, setupMs),
      ambito_id: ambito.id,
      name: comune.name,
      istat_code: comune.istatCode,
      belfiore_code: comune.belfioreCode,
      province: DEMO_PROVINCE,
      population: comune.population,
      is_lead: comune.isLead ? 1 : 0,
      created_at: setupAt,
    };
    const owner: DemoOwnerRow = {
      id: uuidAt(ctx, setupMs),
      kind: 'comune',
      name: `Comune di ${comune.name}`,
      comune_id: row.id,
      created_at: setupAt,
    };
    return { comune, row, owner, streets: shuffle(rng, STREET_NAMES).slice(0, rng.int(18, 26)) };
  });
  const aler: DemoOwnerRow = {
    id: uuidAt(ctx, setupMs),
    kind: 'aler',
    name: ALER_NAME,
    comune_id: null,
    created_at: setupAt,
  };
  const partners: DemoPartnerRow[] = PARTNERS.map((p) => ({
    id: uuidAt(ctx, setupMs),
    name: p.name,
    kind: 'third_sector',
    fiscal_code: null,
    email: `segreteria@${p.domain}`,
    phone: `02 ${rng.int(3000, 9999)} ${rng.int(1000, 9999)}`,
    created_at: setupAt,
  }));
  const firstPartner = partners[0] as DemoPartnerRow;
  const users: DemoUserRow[] = STAFF.map((s, i) => ({
    id: uuidAt(ctx, setupMs + (i + 1) * 60_000),
    username: s.username,
    display_name: s.displayName,
    email: `${s.username}@agenzia-casa.example.org`,
    role: s.role,
    partner_id: s.role === 'partner' ? firstPartner.id : null,
    active: 1,
    created_at: at(i + 1),
    password_changed_at: at(i + 1),
  }));
  const byRole = (role: DemoRole) => users.find((u) => u.role === role) as DemoUserRow;
  const staff: Staff = {
    admin: byRole('admin'),
    manager: byRole('manager'),
    frontDesk: byRole('front_desk'),
    socialWorker: byRole('social_worker'),
    housingOfficer: byRole('housing_officer'),
  };
  const units = makeUnits(ctx, comuni, aler, setupMs + 60 * 60_000);

  // Household drafts, then in the order they were opened.
  const drafts: Draft[] = [];
  for (let index = 0; index < count; index++) {
    const place = weighted(rng, comuni, (c) => c.comune.population);
    const createdMs = officeTime(ctx, ctx.todayNumber - rng.int(1, HISTORY_DAYS));
    const structure = weightedKey(rng, STRUCTURE_WEIGHTS);
    const bg = rng.chance(FOREIGN_HOUSEHOLD_SHARE) ? foreignBackground(ctx) : ITALIAN;
    const { members, loneParent } = compose(ctx, structure, bg);
    members.sort((a, b) => (RELATION_ORDER[a.relation] ?? 99) - (RELATION_ORDER[b.relation] ?? 99));
    const kept = members.slice(0, 6);
    assignPermits(ctx, kept);
    for (const m of kept) assignDisability(ctx, m.person);
    const applicant = (kept[0] as Membership).person;
    const wantsEmail = rng.chance(applicant.age < 70 ? 0.7 : 0.2);
    drafts.push({
      index,
      comune: place.comune,
      comuneId: place.row.id,
      createdMs,
      structure,
      members: kept,
      loneParent,
      street: rng.pick(place.streets),
      number: `${rng.int(1, 200)}${rng.chance(0.08) ? `/${rng.pick(['A', 'B', 'C'])}` : ''}`,
      phone: rng.chance(0.93) ? mobilePhone(rng) : null,
      email: wantsEmail ? { suffix: rng.chance(0.5) ? String(rng.int(1, 99)) : '' } : null,
      pec: rng.chance(0.02),
      createdBy: weighted(rng, [staff.frontDesk, staff.socialWorker, staff.housingOfficer], (u) =>
        u === staff.frontDesk ? 70 : u === staff.socialWorker ? 20 : 10,
      ).id,
      forcedVulnerabilities: [],
    });
  }
  drafts.sort((a, b) => a.createdMs - b.createdMs || a.index - b.index);

  addDuplicatePeople(ctx, drafts);
  assignFiscalCodes(drafts);

  // Codes NF-YYYY-NNNNN in the order the files were opened, one sequence per year (households.actions.ts).
  const perYear = new Map<string, number>();
  const households: DemoHouseholdRow[] = [];
  const members: DemoMemberRow[] = [];
  const iseeRecords: DemoIseeRow[] = [];
  const vulnerabilities: DemoVulnerabilityRow[] = [];
  const notes: DemoNoteRow[] = [];
  const timelineEvents: DemoTimelineEventRow[] = [];
  const shares: DemoShareRow[] = [];
  const protocols = new Set<string>();
  const currentYear = today.slice(0, 4);
  const previousYear = String(Number(currentYear) - 1);
  const yearStart = dayNumber(`${currentYear}-01-01`);
  const previousYearFrom = dayNumber(`${previousYear}-01-15`);
  const previousYearTo = dayNumber(`${previousYear}-12-15`);
  const previousYearCut = dayNumber(`${previousYear}-12-01`);
  const event = (
    householdId: string,
    ms: number,
    kind: string,
    title: string,
    actorId: string,
    source: { type: string; id: string },
    detail: string | null = null,
  ) => {
    timelineEvents.push({
      id: uuidAt(ctx, ms),
      household_id: householdId,
      at: iso(ms),
      kind,
      title,
      detail,
      source_type: source.type,
      source_id: source.id,
      actor_id: actorId,
    });
  };
  const shareCandidates: { draft: Draft; id: string }[] = [];
  const otherCandidates: { draft: Draft; id: string }[] = [];

  for (const draft of drafts) {
    const year = iso(draft.createdMs).slice(0, 4);
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    const code = `NF-${year}-${String(seq).padStart(5, '0')}`;
    const id = uuidAt(ctx, draft.createdMs);
    const createdAt = iso(draft.createdMs);
    const people = draft.members.map((m) => m.person);
    const applicant = people[0] as Person;
    // Reserved example domains only (RFC 2606): no message can reach a real person.
    const mailbox = `${asciiLower(applicant.firstName)}.${asciiLower(applicant.lastName)}`;
    households.push({
      id,
      code,
      comune_id: draft.comuneId,
      address_street: draft.street,
      address_number: draft.number,
      address_postcode: draft.comune.postcode,
      address_city: draft.comune.name,
      phone: draft.phone,
      email: draft.email ? `${mailbox}${draft.email.suffix}@example.org` : null,
      pec: draft.pec ? `${mailbox}@pec.example.org` : null,
      lone_parent: draft.loneParent ? 1 : 0,
      search_text: normalizeForSearch(
        [
          code,
          draft.street,
          draft.number,
          draft.comune.name,
          ...people.flatMap((p) => [p.lastName, p.firstName, p.fiscalCode ?? '']),
        ].join(' '),
      ),
      version: 1,
      created_at: createdAt,
      updated_at: createdAt,
      created_by: draft.createdBy,
    });
    draft.members.forEach((m, i) => {
      const p = m.person;
      members.push({
        id: uuidAt(ctx, draft.createdMs),
        household_id: id,
        position: i + 1,
        fiscal_code: p.fiscalCode as string,
        first_name: p.firstName,
        last_name: p.lastName,
        last_name_norm: normalizeForSearch(p.lastName),
        birth_date: p.birthDate,
        sex: p.sex,
        relation: m.relation,
        citizenship: p.citizenship,
        permit_kind: p.citizenship === 'non_eu' ? p.permitKind : null,
        permit_expires_on: p.citizenship === 'non_eu' ? p.permitExpiresOn : null,
        disability_percent: p.disabilityPercent,
        disability_kind: p.disabilityKind,
        created_at: createdAt,
      });
    });
    const n = draft.members.length;
    event(
      id,
      draft.createdMs,
      'household_created',
      `Fascicolo aperto (${n} ${n === 1 ? 'componente' : 'componenti'})`,
      draft.createdBy,
      {
        type: 'household',
        id,
      },
    );

    // Vulnerabilities, recorded in the weeks after the file was opened.
    const wantsVulnerabilities =
      draft.forcedVulnerabilities.length > 0 || rng.chance(draft.loneParent ? 0.6 : VULNERABILITY_SHARE);
    if (wantsVulnerabilities) {
      for (const codeOf of chooseVulnerabilities(ctx, draft)) {
        const ms = after(ctx, draft.createdMs, 0, 20);
        const author = rng.chance(0.6) ? staff.socialWorker : staff.frontDesk;
        const vid = uuidAt(ctx, ms);
        vulnerabilities.push({
          id: vid,
          household_id: id,
          code: codeOf,
          note:
            codeOf === 'other'
              ? 'Situazione segnalata dal servizio sociale.'
              : codeOf === 'eviction_risk' && rng.chance(0.3)
                ? 'Intimazione di sfratto notificata.'
                : null,
          created_at: iso(ms),
          created_by: author.id,
        });
        event(id, ms, 'vulnerability_added', `Fragilità registrata: ${DEMO_VULNERABILITY_LABELS[codeOf]}`, author.id, {
          type: 'vulnerability',
          id: vid,
        });
      }
    }

    // ISEE: an expired one from last year for some, a current one for most (rules.md §7.2).
    const addIsee = (kind: 'ordinario' | 'corrente', dsu: PlainDate, ms: number, valueCents: number) => {
      const iid = uuidAt(ctx, ms);
      const author = rng.chance(0.8) ? staff.frontDesk : staff.housingOfficer;
      const validUntil = iseeLegalValidUntil(kind, dsu);
      iseeRecords.push({
        id: iid,
        household_id: id,
        kind,
        protocol: iseeProtocol(rng, dsu.slice(0, 4), protocols),
        value_cents: valueCents,
        dsu_submitted_on: dsu,
        valid_until: validUntil,
        members_count: n,
        isee_members: null,
        created_at: iso(ms),
        created_by: author.id,
      });
      event(
        id,
        ms,
        'isee_added',
        `ISEE ${kind} registrato (valido fino al ${formatPlainDateIt(validUntil)})`,
        author.id,
        {
          type: 'isee_record',
          id: iid,
        },
      );
    };
    const value = iseeValue(rng);
    const createdDay = dayOfMs(draft.createdMs);
    if (createdDay < previousYearCut && rng.chance(PREVIOUS_ISEE_SHARE)) {
      const from = Math.max(createdDay, previousYearFrom);
      const dsu = from + rng.int(0, Math.max(0, previousYearTo - from));
      const old = Math.round(value * (0.8 + rng.next() * 0.4));
      addIsee('ordinario', plainDateOfDay(dsu), after(ctx, Math.max(draft.createdMs, dsu * DAY_MS), 0, 10), old);
    }
    const yesterday = ctx.todayNumber - 1;
    if (yesterday >= yearStart && rng.chance(ISEE_SHARE)) {
      const corrente = rng.chance(ISEE_CORRENTE_SHARE);
      // The ordinary DSU is mostly filed early in the year; an ISEE corrente follows a recent change.
      const from = corrente ? Math.max(ctx.todayNumber - 200, yearStart) : yearStart;
      const span = Math.max(0, yesterday - from);
      const dsu = from + (corrente || rng.chance(0.4) ? rng.int(0, span) : rng.int(0, Math.min(span, 90)));
      const ms = after(ctx, Math.max(draft.createdMs, dsu * DAY_MS), 0, 14);
      addIsee(corrente ? 'corrente' : 'ordinario', plainDateOfDay(dsu), ms, corrente ? Math.round(value * 0.7) : value);
    }

    // A few notes.
    const noteCount = rng.chance(0.12) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < noteCount; k++) {
      const audience = rng.chance(0.4) ? 'social' : 'all';
      const author =
        audience === 'social'
          ? staff.socialWorker
          : rng.pick([staff.frontDesk, staff.housingOfficer, staff.socialWorker]);
      const ms = after(ctx, draft.createdMs, 1, 120);
      const nid = uuidAt(ctx, ms);
      notes.push({
        id: nid,
        household_id: id,
        audience,
        body: rng.pick(NOTE_BODIES[audience]),
        author_id: author.id,
        author_role: author.role,
        created_at: iso(ms),
      });
      // The timeline says a note exists, never what it says (households.actions.ts).
      event(
        id,
        ms,
        'note_added',
        audience === 'social' ? 'Nota riservata al servizio sociale' : 'Nota aggiunta',
        author.id,
        {
          type: 'note',
          id: nid,
        },
      );
    }

    (draft.loneParent && applicant.sex === 'F' ? shareCandidates : otherCandidates).push({ draft, id });
  }

  // Share some files with the partner of the `partner` account, so that it has something to see.
  const shareCount = Math.min(PARTNER_SHARES, drafts.length);
  const chosen = [...shuffle(rng, shareCandidates), ...shuffle(rng, otherCandidates)].slice(0, shareCount);
  for (const { draft, id } of chosen) {
    const ms = after(ctx, draft.createdMs, 2, 90);
    const sid = uuidAt(ctx, ms);
    const reason = rng.pick(SHARE_REASONS);
    shares.push({
      id: sid,
      household_id: id,
      partner_id: firstPartner.id,
      granted_by: staff.socialWorker.id,
      granted_at: iso(ms),
      revoked_at: null,
      reason,
    });
    event(
      id,
      ms,
      'shared_with_partner',
      `Fascicolo condiviso con ${firstPartner.name}`,
      staff.socialWorker.id,
      { type: 'household_share', id: sid },
      reason,
    );
  }

  // Drawn last, so that the rows above are the same with or without it.
  const sap = makeSapCall(ctx, {
    ambitoId: ambito.id,
    comuni: comuni.map((c) => c.row),
    owners: [...comuni.map((c) => c.owner), aler],
    units,
    households,
    members,
    iseeRecords,
    vulnerabilities,
    staff,
  });
  timelineEvents.push(...sap.timelineEvents);

  return {
    ambiti: [ambito],
    comuni: comuni.map((c) => c.row),
    owners: [...comuni.map((c) => c.owner), aler],
    partners,
    users,
    units,
    households,
    members,
    iseeRecords,
    vulnerabilities,
    notes,
    timelineEvents,
    shares,
    calls: [sap.call],
    callQuotas: sap.quotas,
    callUnits: sap.callUnits,
    applications: sap.applications,
    reviews: sap.reviews,
    sequences: [
      ...[...perYear.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([year, value]) => ({ name: `household:${year}`, value })),
      sap.sequence,
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The SAP call (avviso) of the Ambito, its applications and the officer's reviews

/** Opened 60 and closed 10 days before the reference day: 51 days, at least the 30 of RR 4/2017 art. 8 c.2. */
const CALL_OPENS_DAYS_BEFORE = 60;
const CALL_CLOSES_DAYS_BEFORE = 10;
/**
 * About 250 applications from the seed's 700 households (the real waiting list is about 700): the demo
 * stays light. Fewer households give proportionally fewer; more households (benchmarks) no more than 250.
 */
const DEMO_APPLICATIONS = 250;
/** Besides every available unit, a few awaiting small works are offered (RR 4/2017 art. 8 c.3). */
const WORKS_NEEDED_OFFERED_SHARE = 0.1;
/** Applications failing a requirement (ISEE above the threshold, a permit art. 7 does not admit): excluded. */
const INELIGIBLE_SHARE = 0.04;
/** Of the others, admitted so far (about 85% of all); the rest wait for the review. */
const ADMITTED_SHARE = 0.89;
/** Households within the indigence ISEE threshold that declare indigence, attested by the social services. */
const INDIGENT_SHARE = 0.75;
/** Applicants who can and do claim a reserve category (art. 14), in the codes of docs/formats/applications.md. */
const RESERVE_CATEGORY_SHARE = 0.25;
/** Reserve per owner, well under the 20% cap (RR 4/2017 art. 4 c.3 lett. c bis). */
const RESERVE_PERCENTS = [0, 5, 10] as const;
/** ISBAR values rounded to half a point, so that ties (broken by the call's keys) show. */
const TIED_ISBAR_SHARE = 0.15;
const ISBAR_MIN_MILLI = 5_000;
const ISBAR_MAX_MILLI = 60_000;
/** The platform is open day and night; most applications come in between 07:00 and 23:00 in Italy. */
const SUBMISSION_START_S = 6 * 3600;
const SUBMISSION_END_S = 21 * 3600;

const ADMISSION_REASONS = [
  'Requisiti di accesso verificati sulla documentazione allegata alla domanda.',
  'Requisiti verificati con le banche dati INPS e anagrafe: domanda ammessa.',
  'Verifica dei requisiti (R.R. 4/2017 art. 7) completata senza rilievi.',
] as const;

interface SapInput {
  readonly ambitoId: string;
  readonly comuni: readonly DemoComuneRow[];
  readonly owners: readonly DemoOwnerRow[];
  readonly units: readonly DemoUnitRow[];
  readonly households: readonly DemoHouseholdRow[];
  readonly members: readonly DemoMemberRow[];
  readonly iseeRecords: readonly DemoIseeRow[];
  readonly vulnerabilities: readonly DemoVulnerabilityRow[];
  readonly staff: Staff;
}

interface SapRows {
  readonly call: DemoCallRow;
  readonly quotas: DemoCallQuotaRow[];
  readonly callUnits: DemoCallUnitRow[];
  readonly applications: DemoApplicationRow[];
  readonly reviews: DemoReviewRow[];
  readonly timelineEvents: DemoTimelineEventRow[];
  readonly sequence: { name: string; value: number };
}

interface Applicant {
  readonly household: DemoHouseholdRow;
  readonly members: readonly DemoMemberRow[];
  readonly choices: readonly DemoUnitRow[];
  readonly submittedMs: number;
  readonly submittedOn: PlainDate;
  readonly iseeCents: number;
  /** The evidence of the first requirement not met, with its source; null when none is. */
  readonly failed: { readonly evidence: string; readonly source: string } | null;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}

/**
 * One call as the calls feature creates it with its defaults, offering the available units; about a third of
 * the households apply through the regional platform, their applications imported after the closing day and
 * mostly reviewed. No ranking: the user computes it ("Calcola graduatoria").
 */
function makeSapCall(ctx: Context, input: SapInput): SapRows {
  const { rng } = ctx;
  const { staff } = input;
  const opensDay = ctx.todayNumber - CALL_OPENS_DAYS_BEFORE;
  const closesDay = ctx.todayNumber - CALL_CLOSES_DAYS_BEFORE;
  const opensOn = plainDateOfDay(opensDay);
  const closesOn = plainDateOfDay(closesDay);
  const quotaParams = findQuotaParameters(opensOn) ?? QUOTA_PARAMETERS_RR_4_2017;
  const table = findAdequacyTable(opensOn) ?? ADEQUACY_TABLE_RR_4_2017;
  const lead = input.comuni.find((c) => c.is_lead === 1) ?? input.comuni[0];

  const createdMs = officeTime(ctx, opensDay - rng.int(7, 14));
  const call: DemoCallRow = {
    id: uuidAt(ctx, createdMs),
    code: formatCallCode(opensOn, 1),
    ambito_id: input.ambitoId,
    name: `Avviso pubblico SAP ${opensOn.slice(0, 4)} – Ambito di ${lead?.name ?? ''}`,
    kind: 'ordinary',
    programme: 'sap',
    opens_on: opensOn,
    closes_on: closesOn,
    scoring: 'platform_isbar',
    scheme_code: null,
    scheme_version: null,
    indigent_percent: quotaParams.indigent.percent,
    tie_break_keys: JSON.stringify(DEFAULT_TIE_BREAK_KEYS),
    // As createCall draws it (crypto randomInt(0, 2 ** 32)), here from the seed.
    draw_seed: rng.int(0, 0xffff_ffff),
    refusal_policy: DEFAULT_REFUSAL_POLICY.id,
    created_at: iso(createdMs),
    created_by: staff.manager.id,
  };
  const quotas: DemoCallQuotaRow[] = [];
  for (const owner of input.owners) {
    const reserve = rng.pick(RESERVE_PERCENTS);
    // createCall keeps only the owners with a reserve or a police-forces share.
    if (reserve > 0) quotas.push({ call_id: call.id, owner_id: owner.id, reserve_percent: reserve, police_percent: 0 });
  }

  const sapUnits = input.units.filter((u) => u.programme === 'sap');
  const needingWorks = sapUnits.filter((u) => u.state === 'works_needed');
  const offered = [
    ...sapUnits.filter((u) => u.state === 'available'),
    ...shuffle(rng, needingWorks).slice(0, Math.round(needingWorks.length * WORKS_NEEDED_OFFERED_SHARE)),
  ].sort((a, b) => (a.code < b.code ? -1 : 1));
  const addedMs = createdMs + rng.int(10, 90) * 60_000;
  const callUnits: DemoCallUnitRow[] = offered.map((u) => ({
    call_id: call.id,
    unit_id: u.id,
    reserve_category: null,
    added_at: iso(addedMs),
    import_id: null,
  }));
  const adequateFor = new Map<number, DemoUnitRow[]>();
  const adequate = (size: number): DemoUnitRow[] => {
    let list = adequateFor.get(size);
    if (list === undefined) {
      list = offered.filter((u) => isAdequate(size, u.floor_area_dm2, table));
      adequateFor.set(size, list);
    }
    return list;
  };

  // Candidates: files opened before the call, whose size some offered unit suits.
  const membersOf = groupBy(input.members, (m) => m.household_id);
  const iseeOf = groupBy(input.iseeRecords, (r) => r.household_id);
  const openedBefore = iso(opensDay * DAY_MS);
  const candidates = input.households.filter(
    (h) => h.created_at < openedBefore && adequate(membersOf.get(h.id)?.length ?? 0).length > 0,
  );
  const wanted = Math.min(
    candidates.length,
    Math.round(
      (Math.min(input.households.length, DEFAULT_DEMO_HOUSEHOLDS) * DEMO_APPLICATIONS) / DEFAULT_DEMO_HOUSEHOLDS,
    ),
  );
  const wantedIneligible = Math.round(wanted * INELIGIBLE_SHARE);
  const chosen: Applicant[] = [];
  let eligible = 0;
  let ineligible = 0;
  for (const household of shuffle(rng, candidates)) {
    if (eligible + ineligible >= wanted) break;
    const members = membersOf.get(household.id) ?? [];
    const applicant = members[0] as DemoMemberRow;
    const day = opensDay + rng.int(0, closesDay - opensDay);
    const submittedMs = day * DAY_MS + rng.int(SUBMISSION_START_S, SUBMISSION_END_S - 1) * 1000;
    const submittedOn = plainDateOfDay(day);
    // The ISEE in force on the day of the application, if the file holds one; else the one it declared.
    const inForce = (iseeOf.get(household.id) ?? [])
      .filter((r) => r.dsu_submitted_on <= submittedOn && submittedOn <= r.valid_until)
      .sort((a, b) => (a.dsu_submitted_on < b.dsu_submitted_on ? 1 : -1))[0];
    const iseeCents = inForce?.value_cents ?? iseeValue(rng);
    // The facts the review page checks (applications.actions.ts requirementChecksOf); the rest is not known.
    const checks = checkRequirements(
      {
        membersCount: members.length,
        citizenship: applicant.citizenship as RequirementCitizenship,
        residenceStatus: applicant.permit_kind as ResidenceStatus | null,
        iseeCents: iseeCents as Cents,
      },
      submittedOn,
      findRequirementParameters(submittedOn) ?? REQUIREMENT_PARAMETERS_RR_4_2017,
    );
    const notMet = checks.find((c) => c.outcome === 'not_met');
    if (notMet ? ineligible >= wantedIneligible : eligible >= wanted - wantedIneligible) continue;
    if (notMet) ineligible += 1;
    else eligible += 1;
    // One or two units among those adequate for the household, most often in its own Comune (RR 4/2017 art. 9).
    const options = adequate(members.length);
    const weight = (u: DemoUnitRow) => (u.comune_id === household.comune_id ? 4 : 1);
    const first = weighted(rng, options, weight);
    const rest = options.filter((u) => u !== first);
    const choices = rest.length > 0 && rng.chance(0.7) ? [first, weighted(rng, rest, weight)] : [first];
    chosen.push({
      household,
      members,
      choices,
      submittedMs,
      submittedOn,
      iseeCents,
      failed: notMet ? { evidence: notMet.evidence, source: notMet.source } : null,
    });
  }
  chosen.sort((a, b) => a.submittedMs - b.submittedMs || (a.household.id < b.household.id ? -1 : 1));

  // The platform's file is imported a couple of days after the closing day; reviews follow within a week.
  const importMs = Math.min(officeTime(ctx, closesDay + 2), ctx.capMs);
  const vulnerabilitiesOf = groupBy(input.vulnerabilities, (v) => v.household_id);
  const comuneName = new Map(input.comuni.map((c) => [c.id, c.name]));
  const applications: DemoApplicationRow[] = [];
  const reviews: DemoReviewRow[] = [];
  const timelineEvents: DemoTimelineEventRow[] = [];
  let platformNumber = rng.int(100, 3000);
  let protocolNumber = rng.int(10_000, 90_000);
  for (const a of chosen) {
    const applicant = a.members[0] as DemoMemberRow;
    const year = a.submittedOn.slice(0, 4);
    platformNumber += rng.int(1, 40);
    protocolNumber += rng.int(1, 60);
    const invalidity = Math.max(-1, ...a.members.map((m) => m.disability_percent ?? -1));
    // The platform's score: higher for a lower ISEE, vulnerabilities, disability and larger households.
    const need = 1 - Math.min(a.iseeCents, 2_000_000) / 2_000_000;
    const score =
      8 +
      26 * need +
      3.5 * (vulnerabilitiesOf.get(a.household.id)?.length ?? 0) +
      (invalidity >= 66 ? 5 : 0) +
      (a.members.length >= 4 ? 2 : 0) +
      rng.next() * 14 -
      2;
    let isbarMilli = Math.round(score * 100) * 10;
    if (rng.chance(TIED_ISBAR_SHARE)) isbarMilli = Math.round(isbarMilli / 500) * 500;
    isbarMilli = Math.min(ISBAR_MAX_MILLI, Math.max(ISBAR_MIN_MILLI, isbarMilli));
    // Indigence needs an ISEE within the threshold and the social services' attestation (RR 4/2017 art. 13).
    const indigent = a.iseeCents <= quotaParams.indigenceIseeMaxCents && rng.chance(INDIGENT_SHARE);
    const categories: string[] = [];
    if (ageOn(applicant.birth_date as PlainDate, a.submittedOn) >= 65 && rng.chance(RESERVE_CATEGORY_SHARE)) {
      categories.push('anziani');
    }
    if (invalidity >= 66 && rng.chance(RESERVE_CATEGORY_SHARE)) categories.push('disabili');
    const id = uuidAt(ctx, importMs);
    const platformId = `${year}-${String(platformNumber).padStart(6, '0')}`;
    applications.push({
      id,
      call_id: call.id,
      platform_id: platformId,
      protocol: `RL-${year}-${String(protocolNumber).padStart(7, '0')}`,
      submitted_at: iso(a.submittedMs),
      household_id: a.household.id,
      applicant_fiscal_code: applicant.fiscal_code,
      applicant_last_name: applicant.last_name,
      applicant_first_name: applicant.first_name,
      residence_comune_id: a.household.comune_id,
      residence_comune_name: comuneName.get(a.household.comune_id) ?? a.household.address_city,
      work_comune_id: null,
      work_comune_name: null,
      members_count: a.members.length,
      isee_cents: a.iseeCents,
      isbar_milli: isbarMilli,
      indigent: indigent ? 1 : 0,
      indigence_attested: indigent ? 1 : 0,
      reserve_categories: categories.join(','),
      max_invalidity_percent: invalidity < 0 ? null : invalidity,
      choice_1_unit_id: a.choices[0]?.id ?? null,
      choice_2_unit_id: a.choices[1]?.id ?? null,
      source: 'platform_import',
      import_id: null,
      created_at: iso(importMs),
      created_by: staff.housingOfficer.id,
    });
    const recorded = applicationRecordedEvent('platform_import', platformId, call.code, isbarMilli);
    timelineEvents.push({
      id: uuidAt(ctx, importMs),
      household_id: a.household.id,
      at: iso(importMs),
      kind: recorded.kind,
      title: recorded.title,
      detail: null,
      source_type: 'application',
      source_id: id,
      actor_id: staff.housingOfficer.id,
    });

    const decision = a.failed !== null ? 'excluded' : rng.chance(ADMITTED_SHARE) ? 'admitted' : null;
    if (decision === null) continue;
    const decidedMs = after(ctx, importMs, 1, 7);
    const reviewId = uuidAt(ctx, decidedMs);
    const reason =
      a.failed !== null
        ? `Requisito di accesso non soddisfatto: ${a.failed.evidence.replace(/\.$/, '')} (${a.failed.source}).`
        : rng.pick(ADMISSION_REASONS);
    reviews.push({
      id: reviewId,
      application_id: id,
      decision,
      reason,
      decided_at: iso(decidedMs),
      decided_by: staff.housingOfficer.id,
    });
    const reviewed = applicationReviewedEvent(platformId, call.code, decision);
    timelineEvents.push({
      id: uuidAt(ctx, decidedMs),
      household_id: a.household.id,
      at: iso(decidedMs),
      kind: reviewed.kind,
      title: reviewed.title,
      detail: reason,
      source_type: 'application_review',
      source_id: reviewId,
      actor_id: staff.housingOfficer.id,
    });
  }
  return {
    call,
    quotas,
    callUnits,
    applications,
    reviews,
    timelineEvents,
    sequence: { name: callSequenceName(opensOn), value: 1 },
  };
}

/**
 * About 1% of the files share a person with an earlier one: a separated parent, still listed in the family's
 * file, opens a file of their own. The application flags such a fiscal code as present in another household.
 */
function addDuplicatePeople(ctx: Context, drafts: Draft[]): void {
  const { rng } = ctx;
  const wanted = Math.round(drafts.length * DUPLICATE_PERSON_SHARE);
  if (wanted === 0) return;
  const position = new Map(drafts.map((d, i) => [d, i]));
  const sources: { at: number; person: Person }[] = [];
  drafts.forEach((d, i) => {
    if (d.structure !== 'couple_children') return;
    const spouse = d.members.find((m) => m.relation === 'spouse' || m.relation === 'partner');
    if (spouse && spouse.person.age >= 25 && spouse.person.age < 65) sources.push({ at: i, person: spouse.person });
  });
  const targets = shuffle(
    rng,
    drafts.filter((d) => d.structure === 'single' && (d.members[0] as Membership).person.age < 65),
  )
    .slice(0, wanted)
    .sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  const used = new Set<Person>();
  for (const target of targets) {
    const at = position.get(target) ?? 0;
    const options = sources.filter((s) => s.at < at && !used.has(s.person));
    if (options.length === 0) continue;
    const source = rng.pick(options);
    used.add(source.person);
    target.members = [{ person: source.person, relation: 'applicant' }];
    target.forcedVulnerabilities = ['separated_parent'];
  }
}

/**
 * Codes in the order people were registered; when two people would share one, the later gets omocodia
 * letters, as the Agenzia delle Entrate does (rules.md §7.1).
 */
function assignFiscalCodes(drafts: readonly Draft[]): void {
  const used = new Set<string>();
  for (const draft of drafts) {
    for (const { person } of draft.members) {
      if (person.fiscalCode !== null) continue;
      let level = person.omocodeLevel;
      let code = composeFiscalCode(person, level);
      while (used.has(code)) {
        level += 1;
        if (level > MAX_OMOCODE_LEVEL) throw new Error(`No free fiscal code for a demo person (${code})`);
        code = composeFiscalCode(person, level);
      }
      used.add(code);
      person.fiscalCode = code;
    }
  }
}
