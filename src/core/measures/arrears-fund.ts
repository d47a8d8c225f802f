// Fondo nazionale per la morosità incolpevole: DL 102/2013 art. 6 c.5 (conv. L. 124/2013) and
// DM 30/3/2016 (rules.md §3). Requirements a)–e) of DM art. 3, the causes of art. 2 (plus the
// Lombardy additions [P]), the preference criteria, and the four purposes of art. 5 with their
// caps within 12,000 € per household.
//
// The eviction helper uses meetsArrearsFundRequirements() for the alert "eligible for the
// arrears fund but has not applied".
import { formatEuro } from '../kernel/money.js';
import type { Check } from '../sap/explained.js';
import { boolCheck, check, verdictOf, type AmountLine, type MeasureEvaluation, type Verdict } from './evaluation.js';
import type { IncomeLossCause, MeasureFacts } from './facts.js';

export interface ArrearsFundParameters {
  /** DM art. 3 lett. a): ISE ≤ 35,000 €, or ISEE ≤ 26,000 € with income from regular work. */
  readonly iseMaxCents: number;
  readonly iseeMaxCents: number;
  /** DM art. 3 lett. c): lived in the unit for at least a year. */
  readonly minMonthsInUnit: number;
  readonly excludedCadastralCategories: readonly string[];
  /** DM art. 5: caps per purpose and in total per household. */
  readonly purposeACapCents: number;
  readonly purposeBCapCents: number;
  readonly totalCapCents: number;
  /** Purpose a) needs a remaining lease of at least this many years. */
  readonly purposeAMinRemainingLeaseYears: number;
  /** Lombardy [P]: the cause arises after the lease is signed and before the missed payment. */
  readonly requireCauseAfterLease: boolean;
  /** Lombardy [P]: the loss is significant when rent ÷ taxable income exceeds this percentage (null: not applied). */
  readonly significantIncidencePercent: number | null;
}

export const ARREARS_FUND_DEFAULTS: ArrearsFundParameters = {
  iseMaxCents: 3_500_000,
  iseeMaxCents: 2_600_000,
  minMonthsInUnit: 12,
  excludedCadastralCategories: ['A1', 'A8', 'A9'],
  purposeACapCents: 800_000,
  purposeBCapCents: 600_000,
  totalCapCents: 1_200_000,
  purposeAMinRemainingLeaseYears: 2,
  requireCauseAfterLease: true,
  significantIncidencePercent: 30,
};
export const ARREARS_FUND_UNVERIFIED: readonly (keyof ArrearsFundParameters)[] = [];

const SRC = {
  a: 'DM 30/3/2016 art. 3 lett. a)',
  b: 'DM 30/3/2016 art. 3 lett. b)',
  c: 'DM 30/3/2016 art. 3 lett. c)',
  d: 'DM 30/3/2016 art. 3 lett. d)',
  e: 'DM 30/3/2016 art. 3 lett. e)',
  cause: 'DM 30/3/2016 art. 2; DL 102/2013 art. 6 c.5',
  lombardy: 'Linee guida regionali Lombardia, come applicate dai Comuni [P]',
  preference: 'DM 30/3/2016 art. 3 c.3 (criteri preferenziali)',
  purposes: 'DM 30/3/2016 art. 5',
} as const;

export const INCOME_LOSS_CAUSE_LABELS: Record<IncomeLossCause, string> = {
  dismissal: 'licenziamento',
  reduced_hours: 'accordi aziendali o sindacali con riduzione consistente dell’orario di lavoro',
  wage_supplementation: 'cassa integrazione ordinaria o straordinaria',
  contract_not_renewed: 'mancato rinnovo di contratti a termine o di lavoro atipico',
  business_closure: 'cessazione di attività libero-professionale o d’impresa',
  illness_or_death: 'malattia grave, infortunio o decesso di un componente',
  family_change: 'modifica del nucleo (separazione, abbandono, detenzione di un componente) [P]',
  other: 'altra causa di perdita o riduzione del reddito',
  none: 'nessuna perdita o riduzione del reddito',
};

/** Requirements a)–e) of DM 30/3/2016 art. 3 and the cause of the arrears (art. 2). */
export function arrearsFundChecks(f: MeasureFacts, p: ArrearsFundParameters = ARREARS_FUND_DEFAULTS): Check[] {
  const checks: Check[] = [];
  // a) ISE ≤ 35,000 € or ISEE ≤ 26,000 € (with income from regular work).
  const ise = f.iseCents ?? null;
  const isee = f.iseeCents ?? null;
  if ((isee !== null && isee <= p.iseeMaxCents) || (ise !== null && ise <= p.iseMaxCents)) {
    checks.push(
      check(
        'a_income',
        'met',
        isee !== null && isee <= p.iseeMaxCents
          ? `ISEE ${formatEuro(isee)} entro ${formatEuro(p.iseeMaxCents)}.`
          : `ISE ${formatEuro(ise ?? 0)} entro ${formatEuro(p.iseMaxCents)}.`,
        SRC.a,
      ),
    );
  } else if (isee !== null && (ise !== null || isee > p.iseMaxCents)) {
    // ISE ≥ ISEE always (the scale is ≥ 1): an ISEE above the ISE limit settles both.
    checks.push(
      check(
        'a_income',
        'not_met',
        `ISEE ${formatEuro(isee)} oltre ${formatEuro(p.iseeMaxCents)}${ise !== null ? ` e ISE ${formatEuro(ise)} oltre ${formatEuro(p.iseMaxCents)}` : ''}.`,
        SRC.a,
      ),
    );
  } else {
    checks.push(
      check(
        'a_income',
        'missing_information',
        isee === null ? 'ISEE in corso di validità non presente.' : 'ISEE oltre soglia: serve il valore ISE.',
        SRC.a,
      ),
    );
  }
  // b) eviction notice for arrears with summons for validation.
  const stage = f.evictionStage ?? null;
  if (stage === null)
    checks.push(check('b_eviction_notice', 'missing_information', 'Stato dello sfratto non indicato.', SRC.b));
  else if (stage === 'notice_served' || stage === 'validated') {
    checks.push(
      check(
        'b_eviction_notice',
        'met',
        'Intimazione di sfratto per morosità con citazione per la convalida notificata.',
        SRC.b,
      ),
    );
  } else if (stage === 'executed') {
    checks.push(check('b_eviction_notice', 'not_met', 'Lo sfratto è già stato eseguito.', SRC.b));
  } else {
    checks.push(
      check(
        'b_eviction_notice',
        'not_met',
        'Non risulta notificata un’intimazione di sfratto per morosità con citazione.',
        SRC.b,
      ),
    );
  }
  // c) registered residential lease, not A1/A8/A9, lived in for at least a year.
  const cOutcomes: Check[] = [
    boolCheck(
      'c_lease_registered',
      f.tenure === 'private_rent' ? (f.leaseRegistered ?? null) : f.tenure ? false : null,
      true,
      {
        met: 'Contratto di locazione ad uso abitativo registrato.',
        notMet: 'Manca un contratto di locazione ad uso abitativo registrato.',
        missing: 'Registrazione del contratto di locazione non indicata.',
      },
      SRC.c,
    ),
  ];
  const cat = f.cadastralCategory ? f.cadastralCategory.toUpperCase().replace('/', '') : null;
  cOutcomes.push(
    cat === null
      ? check('c_cadastral_category', 'missing_information', 'Categoria catastale non indicata.', SRC.c)
      : p.excludedCadastralCategories.includes(cat)
        ? check('c_cadastral_category', 'not_met', `Categoria catastale ${cat} esclusa (A1, A8, A9).`, SRC.c)
        : check('c_cadastral_category', 'met', `Categoria catastale ${cat} ammessa.`, SRC.c),
  );
  const months = f.monthsInUnit ?? null;
  cOutcomes.push(
    months === null
      ? check('c_residence_in_unit', 'missing_information', 'Durata della residenza nell’alloggio non indicata.', SRC.c)
      : months >= p.minMonthsInUnit
        ? check(
            'c_residence_in_unit',
            'met',
            `Residente nell’alloggio da ${months} mesi (almeno ${p.minMonthsInUnit}).`,
            SRC.c,
          )
        : check(
            'c_residence_in_unit',
            'not_met',
            `Residente nell’alloggio da ${months} mesi: ne servono almeno ${p.minMonthsInUnit}.`,
            SRC.c,
          ),
  );
  checks.push(...cOutcomes);
  // d) citizenship or a valid residence permit.
  const cz = f.citizenship ?? null;
  if (cz === null) checks.push(check('d_citizenship', 'missing_information', 'Cittadinanza non indicata.', SRC.d));
  else if (cz !== 'non_eu')
    checks.push(check('d_citizenship', 'met', 'Cittadino italiano o dell’Unione europea.', SRC.d));
  else {
    checks.push(
      boolCheck(
        'd_citizenship',
        f.permitValid,
        true,
        {
          met: 'Cittadino extra UE con regolare titolo di soggiorno.',
          notMet: 'Cittadino extra UE senza titolo di soggiorno valido.',
          missing: 'Validità del titolo di soggiorno non indicata.',
        },
        SRC.d,
      ),
    );
  }
  // e) no member owns an adequate dwelling in the province.
  checks.push(
    boolCheck(
      'e_no_dwelling',
      f.ownsAdequateDwellingInProvince,
      false,
      {
        met: 'Nessun componente è titolare di diritti su un altro alloggio adeguato nella provincia.',
        notMet: 'Un componente è titolare di diritti su un alloggio adeguato nella provincia di residenza.',
        missing: 'Titolarità di altri alloggi nella provincia non indicata.',
      },
      SRC.e,
    ),
  );
  // The arrears must come from a loss or substantial reduction of income (art. 2).
  const cause = f.incomeLossCause ?? null;
  if (cause === null)
    checks.push(check('cause', 'missing_information', 'Causa della morosità non indicata.', SRC.cause));
  else if (cause === 'none') {
    checks.push(
      check(
        'cause',
        'not_met',
        'Nessuna perdita o riduzione della capacità reddituale: la morosità non è incolpevole.',
        SRC.cause,
      ),
    );
  } else {
    checks.push(check('cause', 'met', `Causa: ${INCOME_LOSS_CAUSE_LABELS[cause]}.`, SRC.cause));
    if (p.requireCauseAfterLease) {
      checks.push(
        boolCheck(
          'cause_after_lease',
          f.incomeLossAfterLease,
          true,
          {
            met: 'La causa è sopravvenuta dopo la stipula del contratto e prima della morosità.',
            notMet: 'La causa non è sopravvenuta tra la stipula del contratto e la morosità.',
            missing: 'Non è indicato quando è sopravvenuta la causa.',
          },
          SRC.lombardy,
        ),
      );
    }
  }
  if (p.significantIncidencePercent !== null && cause !== null && cause !== 'none') {
    const income = f.taxableIncomeCents ?? null;
    const rent = f.annualRentCents ?? null;
    if (income === null || rent === null) {
      checks.push(
        check(
          'significant_loss',
          'missing_information',
          'Servono canone annuo e reddito imponibile per valutare la riduzione.',
          SRC.lombardy,
        ),
      );
    } else if (rent * 100 > p.significantIncidencePercent * income) {
      checks.push(
        check(
          'significant_loss',
          'met',
          `Canone oltre il ${p.significantIncidencePercent}% del reddito imponibile.`,
          SRC.lombardy,
        ),
      );
    } else {
      checks.push(
        check(
          'significant_loss',
          'not_met',
          `Canone non oltre il ${p.significantIncidencePercent}% del reddito imponibile: riduzione non consistente.`,
          SRC.lombardy,
        ),
      );
    }
  }
  return checks;
}

/** Preference criteria: a member over 70, a minor, invalidity ≥ 74%, social-services or ASL care. */
export function arrearsFundPreferences(f: MeasureFacts): MeasureEvaluation['preferences'] {
  const prefs: { code: string; text: string; source: string }[] = [];
  if (f.hasOver70) prefs.push({ code: 'over_70', text: 'Componente ultrasettantenne', source: SRC.preference });
  if (f.hasMinor) prefs.push({ code: 'minor', text: 'Componente minorenne', source: SRC.preference });
  if ((f.maxInvalidityPercent ?? 0) >= 74) {
    prefs.push({ code: 'invalidity_74', text: 'Componente con invalidità almeno al 74%', source: SRC.preference });
  }
  if (f.socialServicesCare) {
    prefs.push({
      code: 'social_care',
      text: 'In carico ai servizi sociali o alla ASL con progetto individuale',
      source: SRC.preference,
    });
  }
  return prefs;
}

/** Whether the facts meet the fund's requirements: the verdict and every check with its source. */
export function arrearsFundEligibility(
  f: MeasureFacts,
  p: ArrearsFundParameters = ARREARS_FUND_DEFAULTS,
): { readonly verdict: Verdict; readonly checks: readonly Check[] } {
  const checks = arrearsFundChecks(f, p);
  return { verdict: verdictOf(checks), checks };
}

/** True only when every requirement is known and met (used for the "eligible but not applied" alert). */
export function meetsArrearsFundRequirements(
  f: MeasureFacts,
  p: ArrearsFundParameters = ARREARS_FUND_DEFAULTS,
): boolean {
  return arrearsFundEligibility(f, p).verdict === 'eligible';
}

// ---- The four purposes and their caps (DM art. 5) ------------------------------------------------

export const ARREARS_PURPOSES = ['arrears_settlement', 'eviction_deferral', 'deposit', 'new_lease_rent'] as const;
export type ArrearsPurpose = (typeof ARREARS_PURPOSES)[number];

export const ARREARS_PURPOSE_LABELS: Record<ArrearsPurpose, string> = {
  arrears_settlement: 'a) sanatoria della morosità con rinuncia allo sfratto (contratto residuo ≥ 2 anni)',
  eviction_deferral: 'b) ristoro al proprietario per il differimento dello sfratto',
  deposit: 'c) deposito cauzionale per un nuovo contratto',
  new_lease_rent: 'd) mensilità di un nuovo contratto a canone concordato',
};

export interface ArrearsFundRequest {
  readonly purposes: Partial<Record<ArrearsPurpose, number>>;
  /** For a): years left on the lease, and whether the landlord renounces the eviction. */
  readonly remainingLeaseYears?: number | null;
  readonly landlordRenouncesEviction?: boolean | null;
  /** For d): the new lease is at canone concordato. */
  readonly newLeaseAgreedRent?: boolean | null;
}

export type ArrearsGrantError = {
  readonly code: 'AMOUNT_OVER_CAP' | 'PURPOSE_CONDITION_NOT_MET' | 'NO_PURPOSE' | 'NEGATIVE_AMOUNT';
  readonly text: string;
  readonly source: string;
};

export type ArrearsGrant =
  | { readonly ok: true; readonly amountCents: number; readonly lines: readonly AmountLine[] }
  | { readonly ok: false; readonly error: ArrearsGrantError };

/**
 * The grant for the requested purposes: each within its cap, the total within 12,000 €. An amount
 * over a cap is refused (never silently cut): the officer corrects the request.
 */
export function arrearsFundGrant(
  req: ArrearsFundRequest,
  p: ArrearsFundParameters = ARREARS_FUND_DEFAULTS,
): ArrearsGrant {
  const lines: AmountLine[] = [];
  const fail = (code: ArrearsGrantError['code'], text: string): ArrearsGrant => ({
    ok: false,
    error: { code, text, source: SRC.purposes },
  });
  for (const purpose of ARREARS_PURPOSES) {
    const amount = req.purposes[purpose];
    if (amount === undefined || amount === 0) continue;
    if (amount < 0 || !Number.isSafeInteger(amount))
      return fail('NEGATIVE_AMOUNT', `Importo non valido per ${ARREARS_PURPOSE_LABELS[purpose]}.`);
    const cap =
      purpose === 'arrears_settlement'
        ? p.purposeACapCents
        : purpose === 'eviction_deferral'
          ? p.purposeBCapCents
          : p.totalCapCents;
    if (amount > cap) {
      return fail(
        'AMOUNT_OVER_CAP',
        `L’importo per ${ARREARS_PURPOSE_LABELS[purpose]} (${formatEuro(amount)}) supera il massimo di ${formatEuro(cap)}.`,
      );
    }
    if (purpose === 'arrears_settlement') {
      if (req.landlordRenouncesEviction !== true) {
        return fail(
          'PURPOSE_CONDITION_NOT_MET',
          'Per la finalità a) il proprietario deve rinunciare all’esecuzione dello sfratto.',
        );
      }
      if ((req.remainingLeaseYears ?? 0) < p.purposeAMinRemainingLeaseYears) {
        return fail(
          'PURPOSE_CONDITION_NOT_MET',
          `Per la finalità a) il contratto deve avere una durata residua di almeno ${p.purposeAMinRemainingLeaseYears} anni.`,
        );
      }
    }
    if (purpose === 'new_lease_rent' && req.newLeaseAgreedRent !== true) {
      return fail(
        'PURPOSE_CONDITION_NOT_MET',
        'Per la finalità d) il nuovo contratto deve essere a canone concordato.',
      );
    }
    lines.push({ code: purpose, label: ARREARS_PURPOSE_LABELS[purpose], amountCents: amount, source: SRC.purposes });
  }
  if (lines.length === 0)
    return fail('NO_PURPOSE', 'Indicare almeno una finalità del contributo con il relativo importo.');
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  if (total > p.totalCapCents) {
    return fail(
      'AMOUNT_OVER_CAP',
      `Il totale richiesto (${formatEuro(total)}) supera il massimo di ${formatEuro(p.totalCapCents)} per nucleo.`,
    );
  }
  return { ok: true, amountCents: total, lines };
}

export function evaluateArrearsFund(
  f: MeasureFacts,
  p: ArrearsFundParameters = ARREARS_FUND_DEFAULTS,
): MeasureEvaluation {
  const checks = arrearsFundChecks(f, p);
  const verdict = verdictOf(checks);
  // The estimate: the arrears up to purpose a)'s cap, when known; the other purposes depend on the agreement.
  let estimate: MeasureEvaluation['estimate'] = null;
  if (verdict !== 'not_eligible' && f.arrearsCents !== null && f.arrearsCents !== undefined && f.arrearsCents > 0) {
    const a = Math.min(f.arrearsCents, p.purposeACapCents);
    estimate = {
      amountCents: a,
      lines: [
        {
          code: 'arrears_settlement',
          label: `${ARREARS_PURPOSE_LABELS.arrears_settlement}: morosità ${formatEuro(f.arrearsCents)}, massimo ${formatEuro(p.purposeACapCents)}`,
          amountCents: a,
          source: SRC.purposes,
        },
      ],
    };
  }
  return { verdict, checks, estimate, preferences: arrearsFundPreferences(f) };
}
