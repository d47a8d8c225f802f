import { ageOn, type PlainDate } from '../kernel/plain-date.js';

/** Vulnerabilities an operator records by hand; the age- and disability-derived ones are computed. */
export const VULNERABILITY_CODES = [
  'job_loss',
  'income_drop',
  'eviction_risk',
  'homeless',
  'improper_housing',
  'overcrowding',
  'architectural_barriers',
  'domestic_violence',
  'serious_illness',
  'social_services_care',
  'separated_parent',
  'new_family',
  'other',
] as const;
export type VulnerabilityCode = (typeof VULNERABILITY_CODES)[number];

export interface MemberFacts {
  readonly birthDate: PlainDate;
  readonly disabilityPercent: number | null;
}

export type DerivedFlag =
  | 'has_minors'
  | 'has_child_under_3'
  | 'has_elderly_over_65'
  | 'has_elderly_over_70'
  | 'has_disability_66'
  | 'has_disability_74'
  | 'has_disability_100'
  | 'lone_parent_with_minors'
  | 'single_person';

export interface DerivedFlagExplained {
  readonly flag: DerivedFlag;
  readonly source: string;
}

/**
 * Flags derived from the members' birth dates and invalidity, on a given day. Each carries the
 * rule that makes it matter, so the file can say why it is shown.
 */
export function deriveFlags(
  members: readonly MemberFacts[],
  household: { readonly loneParent: boolean },
  on: PlainDate,
): DerivedFlagExplained[] {
  const ages = members.map((m) => ageOn(m.birthDate, on));
  const disability = members.map((m) => m.disabilityPercent ?? 0);
  const out: DerivedFlagExplained[] = [];
  const add = (flag: DerivedFlag, when: boolean, source: string) => {
    if (when) out.push({ flag, source });
  };
  const hasMinors = ages.some((a) => a < 18);
  add('has_minors', hasMinors, 'DM 30/3/2016 art. 3 (criterio preferenziale: minore nel nucleo)');
  add(
    'has_child_under_3',
    ages.some((a) => a < 3),
    'DPCM 159/2013 (maggiorazione scala di equivalenza)',
  );
  add(
    'has_elderly_over_65',
    ages.some((a) => a >= 65),
    'RR 4/2017 All. 1 (anziani ultra 65enni)',
  );
  add(
    'has_elderly_over_70',
    ages.some((a) => a >= 70),
    'DM 30/3/2016 art. 3 (criterio preferenziale: ultra 70enne)',
  );
  add(
    'has_disability_66',
    disability.some((d) => d >= 66),
    'RR 4/2017 All. 1 (invalidità pari o superiore al 66%)',
  );
  add(
    'has_disability_74',
    disability.some((d) => d >= 74),
    'DM 30/3/2016 art. 3 (invalidità ≥ 74%)',
  );
  add(
    'has_disability_100',
    disability.some((d) => d >= 100),
    'RR 4/2017 All. 1 (invalidità 100%)',
  );
  add(
    'lone_parent_with_minors',
    household.loneParent && hasMinors,
    'RR 4/2017 All. 1 (nucleo monoparentale con minori)',
  );
  add('single_person', members.length === 1, 'RR 4/2017 art. 6 (nucleo di una sola persona)');
  return out;
}
