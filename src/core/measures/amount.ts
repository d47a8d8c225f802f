// The amount of a grant under a measure, with its breakdown: the measure's formula applied to the
// application's facts and request. A refusal (over a cap, a purpose's condition) is a value.
import { agreedRentIncentive, type AgreedRentContractTerms, type AgreedRentParameters } from './agreed-rent.js';
import { arrearsFundGrant, type ArrearsFundParameters, type ArrearsFundRequest } from './arrears-fund.js';
import type { MeasureKind, MeasureParameters } from './catalogue.js';
import type { AmountLine } from './evaluation.js';
import type { MeasureFacts } from './facts.js';
import { evaluateRentFund, type RentFundParameters } from './rent-fund.js';
import { templateAmount, TEMPLATE_SOURCES, type TemplateParameters } from './templates.js';

export interface GrantRequest {
  readonly arrears?: ArrearsFundRequest | null;
  readonly contract?: AgreedRentContractTerms | null;
}

export type GrantAmount =
  | { readonly ok: true; readonly amountCents: number; readonly lines: readonly AmountLine[] }
  | {
      readonly ok: false;
      readonly code:
        'AMOUNT_OVER_CAP' | 'PURPOSE_CONDITION_NOT_MET' | 'NO_PURPOSE' | 'NEGATIVE_AMOUNT' | 'NOT_COMPUTABLE';
      readonly text: string;
    };

export function grantAmount(
  kind: MeasureKind,
  params: MeasureParameters,
  facts: MeasureFacts,
  request: GrantRequest,
): GrantAmount {
  if (kind === 'morosita_incolpevole') {
    const g = arrearsFundGrant(request.arrears ?? { purposes: {} }, params as ArrearsFundParameters);
    return g.ok ? g : { ok: false, code: g.error.code, text: g.error.text };
  }
  if (kind === 'canone_concordato') {
    if (!request.contract)
      return { ok: false, code: 'NOT_COMPUTABLE', text: 'Indicare il contratto a canone concordato.' };
    const i = agreedRentIncentive(request.contract, params as AgreedRentParameters);
    return i.ok ? i : { ok: false, code: 'PURPOSE_CONDITION_NOT_MET', text: i.text };
  }
  if (kind === 'fondo_affitto') {
    const e = evaluateRentFund(facts, params as RentFundParameters);
    return e.estimate
      ? { ok: true, amountCents: e.estimate.amountCents, lines: e.estimate.lines }
      : { ok: false, code: 'NOT_COMPUTABLE', text: 'Contributo non calcolabile: servono fascia, reddito e canone.' };
  }
  const t = templateAmount(params as TemplateParameters, facts, TEMPLATE_SOURCES[kind]);
  return t
    ? { ok: true, amountCents: t.amountCents, lines: t.lines }
    : { ok: false, code: 'NOT_COMPUTABLE', text: 'Importo non calcolabile: parametri o canone mancanti.' };
}
