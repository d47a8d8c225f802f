// The facts a points scheme reads (points-scheme.ts FACTS), derived from what the household file
// holds on a given day. A fact the file does not hold stays unknown, never guessed: the scheme then
// reports it as missing information.
import type { PlainDate } from '../kernel/plain-date.js';
import { ageOn } from '../kernel/plain-date.js';
import type { HouseholdFacts } from './points-scheme.js';

export interface HouseholdRecord {
  readonly comuneId: string;
  readonly loneParent: boolean;
  readonly members: readonly {
    readonly birthDate: PlainDate;
    readonly sex: 'F' | 'M';
    readonly relation: string;
    readonly disabilityPercent: number | null;
  }[];
  /** Vulnerability codes recorded by staff (core/households/vulnerabilities.ts). */
  readonly vulnerabilities: readonly string[];
  /** The ISEE in force on the day, if any. */
  readonly iseeCents: number | null;
  /** Comuni of the Ambito. */
  readonly ambitoComuneIds: readonly string[];
  /** Eviction facts, when the eviction register knows them (null: unknown). */
  readonly evictionValidated?: boolean | null;
  readonly evictionExecuted?: boolean | null;
  /** Whether the agency's team follows the household (null: unknown). */
  readonly followedByAgencyTeam?: boolean | null;
}

export function householdFacts(h: HouseholdRecord, on: PlainDate): HouseholdFacts {
  const ages = h.members.map((m) => ageOn(m.birthDate, on));
  const applicant = h.members.find((m) => m.relation === 'applicant') ?? h.members[0];
  const invalidity = h.members.map((m) => m.disabilityPercent ?? 0);
  const has = (code: string) => h.vulnerabilities.includes(code);
  const facts: Record<string, number | boolean | string | null> = {
    members_count: h.members.length,
    adults_count: ages.filter((a) => a >= 18).length,
    minors_count: ages.filter((a) => a < 18).length,
    has_minors: ages.some((a) => a < 18),
    children_under_3_count: ages.filter((a) => a < 3).length,
    elderly_over_65_count: ages.filter((a) => a >= 65).length,
    highest_invalidity_percent: invalidity.length > 0 ? Math.max(...invalidity) : 0,
    applicant_sex: applicant?.sex ?? null,
    applicant_age: applicant ? ageOn(applicant.birthDate, on) : null,
    isee_cents: h.iseeCents,
    residence_comune: h.comuneId,
    resides_in_ambito: h.ambitoComuneIds.includes(h.comuneId),
    lone_parent: h.loneParent,
    // Recorded vulnerabilities are known when present; their absence is not proof, but the file
    // is the agency's record of them, so absence counts as "no" (an operator adds what is missing).
    domestic_violence: has('domestic_violence'),
    homeless: has('homeless'),
    improper_housing: has('improper_housing'),
    overcrowding: has('overcrowding'),
    architectural_barriers: has('architectural_barriers'),
    separated_parent: has('separated_parent'),
    new_family: has('new_family'),
    social_services_care: has('social_services_care'),
    eviction_validated: h.evictionValidated ?? null,
    eviction_executed: h.evictionExecuted ?? null,
    followed_by_agency_team: h.followedByAgencyTeam ?? null,
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== null)) as HouseholdFacts;
}
