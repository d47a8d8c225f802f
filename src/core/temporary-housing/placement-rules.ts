// Rules of a stay (placement) in a temporary unit: duration and renewals, capacity in places, the
// unit's target group. Pure: the day and the rule parameters are arguments.
//
// Two kinds of stay, each with its parameters (the caller may pass others: they are settings):
// - 'hospitality': the agency's temporary hospitality contract, 6 months renewable once for 6 more
//   (seed: "contratto di ospitalità temporanea per 6 mesi, rinnovabili per altri 6").
// - 'sat': servizi abitativi transitori, LR 16/2016 art. 23 c.13 and DGR XI/2063 of 31/07/2019
//   (rules.md §1.4): originally 12 months renewable once, now at most 5 years. Both values are [P]
//   (secondary sources): shown as "da verificare" in the UI.

import { addMonths, formatPlainDateIt, type PlainDate } from '../kernel/plain-date.js';
import type { CheckOutcome } from '../sap/explained.js';

export type StayKind = 'hospitality' | 'sat';

export interface StayRules {
  readonly kind: StayKind;
  readonly label: string;
  readonly initialMonths: number;
  readonly renewalMonths: number;
  readonly maxRenewals: number;
  /** Longest stay from the start, renewals included. */
  readonly maxTotalMonths: number;
  readonly source: string;
  /** 'V' checked on the text, 'P' from secondary sources, 'seed' the agency's own practice. */
  readonly status: 'V' | 'P' | 'seed';
}

export const DEFAULT_STAY_RULES: Record<StayKind, StayRules> = {
  hospitality: {
    kind: 'hospitality',
    label: 'Ospitalità temporanea (contratto dell’Agenzia)',
    initialMonths: 6,
    renewalMonths: 6,
    maxRenewals: 1,
    maxTotalMonths: 12,
    source: 'Agenzia per la Casa: contratto di ospitalità temporanea di 6 mesi, rinnovabile per altri 6',
    status: 'seed',
  },
  sat: {
    kind: 'sat',
    label: 'Servizi abitativi transitori (SAT)',
    initialMonths: 12,
    renewalMonths: 12,
    maxRenewals: 4,
    maxTotalMonths: 60,
    source:
      'LR 16/2016 art. 23 c.13; DGR XI/2063 del 31/07/2019: durata massima 5 anni (fonti secondarie, da verificare)',
    status: 'P',
  },
};

export interface RuleRefusal {
  readonly code: string;
  readonly message: string;
}

/** The planned end of a new stay: after the start, within the first contract's length. */
export function checkStayDates(startsOn: PlainDate, plannedEndOn: PlainDate, rules: StayRules): RuleRefusal | null {
  if (plannedEndOn <= startsOn) {
    return {
      code: 'DATES_OUT_OF_ORDER',
      message: `La fine prevista (${formatPlainDateIt(plannedEndOn)}) deve essere successiva all’inizio (${formatPlainDateIt(startsOn)}).`,
    };
  }
  const limit = addMonths(startsOn, rules.initialMonths);
  if (plannedEndOn > limit) {
    return {
      code: 'STAY_TOO_LONG',
      message: `${rules.label}: il primo periodo dura al massimo ${rules.initialMonths} mesi, quindi la fine prevista non può superare il ${formatPlainDateIt(limit)} (${rules.source}).`,
    };
  }
  return null;
}

export interface RenewalFacts {
  readonly startsOn: PlainDate;
  readonly plannedEndOn: PlainDate;
  readonly renewals: number;
  readonly exitedOn: PlainDate | null;
}

/** A renewal extends the planned end by the renewal period, up to the allowed count and the longest stay. */
export function checkRenewal(
  stay: RenewalFacts,
  decidedOn: PlainDate,
  rules: StayRules,
  months: number = rules.renewalMonths,
): { ok: true; newEndOn: PlainDate } | ({ ok: false } & RuleRefusal) {
  if (stay.exitedOn !== null) {
    return {
      ok: false,
      code: 'STAY_ENDED',
      message: `La permanenza si è conclusa il ${formatPlainDateIt(stay.exitedOn)}: non si può rinnovare.`,
    };
  }
  if (stay.renewals >= rules.maxRenewals) {
    return {
      ok: false,
      code: 'RENEWAL_LIMIT_REACHED',
      message: `${rules.label}: ${rules.maxRenewals === 1 ? 'è ammesso un solo rinnovo' : `sono ammessi al massimo ${rules.maxRenewals} rinnovi`}, già ${stay.renewals === 1 ? 'concesso' : 'concessi'} (${rules.source}).`,
    };
  }
  if (decidedOn > stay.plannedEndOn) {
    return {
      ok: false,
      code: 'STAY_EXPIRED',
      message: `Il rinnovo va deciso entro la fine prevista (${formatPlainDateIt(stay.plannedEndOn)}): il ${formatPlainDateIt(decidedOn)} il contratto è già scaduto.`,
    };
  }
  if (decidedOn < stay.startsOn) {
    return { ok: false, code: 'DATES_OUT_OF_ORDER', message: 'La data del rinnovo precede l’inizio della permanenza.' };
  }
  if (!Number.isInteger(months) || months < 1 || months > rules.renewalMonths) {
    return {
      ok: false,
      code: 'RENEWAL_TOO_LONG',
      message: `Un rinnovo dura da 1 a ${rules.renewalMonths} mesi (${rules.source}).`,
    };
  }
  const newEndOn = addMonths(stay.plannedEndOn, months);
  const longest = addMonths(stay.startsOn, rules.maxTotalMonths);
  if (newEndOn > longest) {
    return {
      ok: false,
      code: 'STAY_TOO_LONG',
      message: `${rules.label}: la permanenza non può superare ${rules.maxTotalMonths} mesi dall’inizio (fino al ${formatPlainDateIt(longest)}).`,
    };
  }
  return { ok: true, newEndOn };
}

export interface OccupyingStay {
  readonly id: string;
  readonly placesUsed: number;
  readonly startsOn: PlainDate;
  readonly plannedEndOn: PlainDate;
  readonly exitedOn: PlainDate | null;
}

/** The day a stay frees its places: its exit, or its planned end while it is still running. */
function freesOn(s: OccupyingStay): PlainDate {
  return s.exitedOn ?? s.plannedEndOn;
}

/** Places taken on a day by the stays of a unit (a stay occupies [start, exit or planned end)). */
export function placesTakenOn(stays: readonly OccupyingStay[], day: PlainDate): number {
  return stays.filter((s) => s.startsOn <= day && day < freesOn(s)).reduce((n, s) => n + s.placesUsed, 0);
}

/**
 * Whether a new stay fits the unit's capacity on every day of its period. A running stay past its
 * planned end without an exit still holds its places (the household has not left).
 */
export function checkCapacity(
  unit: { readonly capacityPlaces: number; readonly code: string },
  others: readonly OccupyingStay[],
  stay: { readonly placesUsed: number; readonly startsOn: PlainDate; readonly plannedEndOn: PlainDate },
  today: PlainDate,
): RuleRefusal | null {
  const held = others.map((s) =>
    s.exitedOn === null && s.plannedEndOn <= today ? { ...s, plannedEndOn: '9999-12-31' as PlainDate } : s,
  );
  // The occupation only changes at starts, so checking the new stay's start and every start inside it is enough.
  const days = [
    stay.startsOn,
    ...held.map((s) => s.startsOn).filter((d) => d > stay.startsOn && d < stay.plannedEndOn),
  ];
  let worst = 0;
  for (const d of days) worst = Math.max(worst, placesTakenOn(held, d));
  const free = unit.capacityPlaces - worst;
  if (stay.placesUsed > free) {
    return {
      code: 'CAPACITY_EXCEEDED',
      message: `L’unità ${unit.code} ha ${unit.capacityPlaces} posti; nel periodo richiesto ne ${free === 1 ? 'resta libero' : 'restano liberi'} ${Math.max(free, 0)}, non ${stay.placesUsed}.`,
    };
  }
  return null;
}

export const TARGET_GROUPS = ['women_alone_or_with_minors', 'families_with_minors', 'adults_alone', 'any'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const TARGET_GROUP_LABELS: Record<TargetGroup, string> = {
  women_alone_or_with_minors: 'Donne sole o con figli minori',
  families_with_minors: 'Nuclei con minori',
  adults_alone: 'Adulti soli',
  any: 'Qualsiasi nucleo',
};

export interface EligibilityCheck {
  readonly code: string;
  readonly label: string;
  readonly outcome: CheckOutcome;
  readonly evidence: string;
}

export interface CompositionMember {
  readonly age: number;
  readonly sex: 'F' | 'M';
}

/** Whether a household fits the unit's target group, requirement by requirement with the evidence. */
export function checkTargetGroup(
  group: TargetGroup,
  members: readonly CompositionMember[],
): { readonly eligible: boolean; readonly checks: readonly EligibilityCheck[]; readonly text: string } {
  const adults = members.filter((m) => m.age >= 18);
  const minors = members.length - adults.length;
  const composition = `${adults.length} ${adults.length === 1 ? 'adulto' : 'adulti'} (${adults.map((a) => a.sex).join(', ') || '–'}), ${minors} ${minors === 1 ? 'minore' : 'minori'}`;
  const check = (code: string, label: string, ok: boolean): EligibilityCheck => ({
    code,
    label,
    outcome: ok ? 'met' : 'not_met',
    evidence: composition,
  });
  let checks: EligibilityCheck[];
  switch (group) {
    case 'women_alone_or_with_minors':
      checks = [
        check('one_adult', 'Un solo adulto nel nucleo', adults.length === 1),
        check('adult_is_woman', 'L’adulta è una donna', adults.length === 1 && adults[0]?.sex === 'F'),
      ];
      break;
    case 'families_with_minors':
      checks = [
        check('has_minors', 'Almeno un minore', minors > 0),
        check('has_adult', 'Almeno un adulto', adults.length > 0),
      ];
      break;
    case 'adults_alone':
      checks = [check('one_adult_no_minors', 'Un solo adulto, senza minori', adults.length === 1 && minors === 0)];
      break;
    case 'any':
      checks = [check('has_adult', 'Almeno un adulto', adults.length > 0)];
      break;
  }
  const eligible = checks.every((c) => c.outcome === 'met');
  const failed = checks.filter((c) => c.outcome !== 'met').map((c) => c.label.toLowerCase());
  return {
    eligible,
    checks,
    text: eligible
      ? `Il nucleo (${composition}) rientra nel gruppo «${TARGET_GROUP_LABELS[group]}».`
      : `Il nucleo (${composition}) non rientra nel gruppo «${TARGET_GROUP_LABELS[group]}»: manca ${failed.join('; ')}.`,
  };
}
