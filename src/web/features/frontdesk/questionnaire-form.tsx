// The needs questionnaire: housing situation, income change, eviction stage, fragility. Shared by the
// desk's contact page and the application form. Money is typed in euros and sent in cents.
import { useState } from 'react';
import {
  EVICTION_STAGE_LABELS,
  INCOME_LOSS_CAUSE_SHORT_LABELS,
  TENURE_LABELS,
  type QuestionnaireAnswersInput,
} from '../../../shared/frontdesk.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { centsToInput, parseEuroToCents } from '../../lib/format.js';

type Answers = QuestionnaireAnswersInput;
const YES_NO = [
  { value: 'yes', label: 'Sì' },
  { value: 'no', label: 'No' },
];
const MONEY: readonly (keyof Answers)[] = [
  'monthlyRentCents',
  'arrearsCents',
  'taxableIncomeCents',
  'iseCents',
  'assetsCents',
];
const INTS: readonly (keyof Answers)[] = ['monthsInUnit', 'yearsResidentInRegion'];

export type AnswerTexts = Record<string, string>;

export function answersToTexts(a: Answers | null | undefined): AnswerTexts {
  const out: AnswerTexts = {};
  for (const [k, v] of Object.entries(a ?? {})) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') out[k] = v ? 'yes' : 'no';
    else if (MONEY.includes(k as keyof Answers) && typeof v === 'number') out[k] = centsToInput(v);
    else out[k] = String(v);
  }
  return out;
}

/** The texts as answers; unanswered fields are left out (unknown, never guessed). */
export function textsToAnswers(t: AnswerTexts): { answers: Answers; problems: string[] } {
  const answers: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [k, v] of Object.entries(t)) {
    if (v === '') continue;
    if (v === 'yes' || v === 'no') answers[k] = v === 'yes';
    else if (MONEY.includes(k as keyof Answers)) {
      const cents = parseEuroToCents(v);
      if (cents === null) problems.push(`Importo non valido: ${v}`);
      else answers[k] = cents;
    } else if (INTS.includes(k as keyof Answers)) {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) problems.push(`Numero non valido: ${v}`);
      else answers[k] = n;
    } else answers[k] = v;
  }
  return { answers: answers as Answers, problems };
}

export function QuestionnaireFields({
  texts,
  onChange,
}: {
  readonly texts: AnswerTexts;
  readonly onChange: (t: AnswerTexts) => void;
}) {
  const set = (k: string) => (v: string) => onChange({ ...texts, [k]: v });
  const v = (k: string) => texts[k] ?? '';
  const yesNo = (k: string, label: string, cls = 'col-md-4') => (
    <SelectField
      id={`q-${k}`}
      className={cls}
      label={label}
      value={v(k)}
      onValueChange={set(k)}
      options={YES_NO}
      placeholder="Non so / non chiesto"
    />
  );
  return (
    <>
      <fieldset className="mb-3">
        <legend className="h5">Situazione abitativa</legend>
        <div className="row">
          <SelectField
            id="q-tenure"
            className="col-md-4"
            label="Dove vive"
            value={v('tenure')}
            onValueChange={set('tenure')}
            options={optionsFrom(TENURE_LABELS)}
            placeholder="Non chiesto"
          />
          <TextField
            id="q-monthlyRentCents"
            className="col-md-4"
            label="Canone mensile (€, senza spese)"
            inputMode="decimal"
            value={v('monthlyRentCents')}
            onValueChange={set('monthlyRentCents')}
          />
          {yesNo('leaseRegistered', 'Contratto registrato')}
          <TextField
            id="q-cadastralCategory"
            className="col-md-4"
            label="Categoria catastale"
            hint="Es. A3"
            value={v('cadastralCategory')}
            onValueChange={set('cadastralCategory')}
          />
          <TextField
            id="q-monthsInUnit"
            className="col-md-4"
            label="Mesi nell’alloggio"
            inputMode="numeric"
            value={v('monthsInUnit')}
            onValueChange={set('monthsInUnit')}
          />
          <TextField
            id="q-yearsResidentInRegion"
            className="col-md-4"
            label="Anni di residenza in Lombardia"
            inputMode="numeric"
            value={v('yearsResidentInRegion')}
            onValueChange={set('yearsResidentInRegion')}
          />
          {yesNo('ownsAdequateDwellingInProvince', 'Alloggio adeguato di proprietà in provincia')}
          {yesNo('ownsAdequateDwellingInRegion', 'Alloggio adeguato di proprietà in Lombardia')}
          {yesNo('homeAtAuction', 'Casa di proprietà all’asta')}
        </div>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h5">Reddito</legend>
        <div className="row">
          <SelectField
            id="q-incomeLossCause"
            className="col-md-4"
            label="Perdita o riduzione del reddito"
            value={v('incomeLossCause')}
            onValueChange={set('incomeLossCause')}
            options={optionsFrom(INCOME_LOSS_CAUSE_SHORT_LABELS)}
            placeholder="Non chiesto"
          />
          {yesNo('incomeLossAfterLease', 'Avvenuta dopo la firma del contratto')}
          <TextField
            id="q-taxableIncomeCents"
            className="col-md-4"
            label="Reddito imponibile annuo del nucleo (€)"
            inputMode="decimal"
            value={v('taxableIncomeCents')}
            onValueChange={set('taxableIncomeCents')}
          />
          <TextField
            id="q-iseCents"
            className="col-md-4"
            label="ISE (€)"
            inputMode="decimal"
            value={v('iseCents')}
            onValueChange={set('iseCents')}
          />
          <TextField
            id="q-assetsCents"
            className="col-md-4"
            label="Patrimonio mobiliare e immobiliare (€)"
            inputMode="decimal"
            value={v('assetsCents')}
            onValueChange={set('assetsCents')}
          />
          {yesNo('onlyPensionIncome', 'Reddito solo da pensione')}
          {yesNo('currentlyWorking', 'Attività lavorativa in corso (dipendente o autonoma)')}
        </div>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h5">Sfratto e morosità</legend>
        <div className="row">
          <SelectField
            id="q-evictionStage"
            className="col-md-6"
            label="Fase"
            value={v('evictionStage')}
            onValueChange={set('evictionStage')}
            options={optionsFrom(EVICTION_STAGE_LABELS)}
            placeholder="Non chiesto"
          />
          <TextField
            id="q-arrearsCents"
            className="col-md-3"
            label="Morosità (€)"
            inputMode="decimal"
            value={v('arrearsCents')}
            onValueChange={set('arrearsCents')}
          />
          {yesNo('pastSapBarringEvents', 'Decadenze, sfratti SAP o occupazioni negli ultimi 5 anni', 'col-md-3')}
        </div>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h5">Fragilità</legend>
        <div className="row">{yesNo('socialServicesCare', 'In carico ai servizi sociali o alla ASL', 'col-md-6')}</div>
        <p className="small text-secondary">
          Età, invalidità e fragilità registrate nel fascicolo sono già considerate.
        </p>
      </fieldset>
    </>
  );
}

export function useAnswerTexts(initial: Answers | null | undefined) {
  return useState<AnswerTexts>(() => answersToTexts(initial));
}
