import { useState, type FormEvent } from 'react';
import {
  correctionDecisionInputSchema,
  correctionRequestInputSchema,
  type RankingsView,
} from '../../../shared/rankings.js';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatDate } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { CORRECTION_OUTCOME_BADGES, CORRECTION_OUTCOME_LABELS, todayInRome } from './labels.js';
import { decideCorrection, fileCorrection } from './rankings-api.js';

type Correction = RankingsView['corrections'][number];

interface Props {
  readonly view: RankingsView;
  readonly canManage: boolean;
  readonly onChange: () => void;
}

/** Correction requests on the provisional ranking (civil invalidity only, RR 4/2017 art. 12). */
export function CorrectionsSection({ view, canManage, onChange }: Props) {
  const [notice, setNotice] = useState<string | null>(null);
  const state = view.run?.state ?? null;
  if (state === null || state === 'draft') return null;
  return (
    <section aria-labelledby="rettifiche" className="household-section" data-testid="corrections">
      <h2 id="rettifiche" className="h3">
        Istanze di rettifica
      </h2>
      <p>
        Si chiede la rettifica del punteggio solo per il riconoscimento di una percentuale di invalidità civile, entro
        15 giorni dalla pubblicazione della graduatoria provvisoria. Un’istanza non decisa entro 15 giorni è accolta per
        silenzio (R.R. 4/2017 art. 12).
      </p>
      {notice ? <SuccessAlert>{notice}</SuccessAlert> : null}
      {view.corrections.length === 0 ? (
        <p data-testid="corrections-empty">Nessuna istanza di rettifica.</p>
      ) : (
        <ul className="list-unstyled" data-testid="correction-list">
          {view.corrections.map((c) => (
            <li key={c.id} className="note-item" data-testid="correction">
              <p className="mb-1">
                <span className="fw-semibold">
                  Domanda <span className="font-monospace">{c.platformId}</span>
                </span>{' '}
                — invalidità civile {c.invalidityPercent}%, presentata il {formatDate(c.filedOn)}{' '}
                <span className={`badge ${CORRECTION_OUTCOME_BADGES[c.outcome]}`}>
                  {CORRECTION_OUTCOME_LABELS[c.outcome]}
                </span>
              </p>
              <p className="mb-1" data-testid="correction-text">
                {c.text}
              </p>
              {c.reason ? <p className="mb-1 small">Motivazione: {c.reason}</p> : null}
              {canManage && c.outcome === 'pending' ? (
                <DecisionForm
                  correction={c}
                  onDone={(text) => {
                    setNotice(text);
                    onChange();
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && state === 'provisional' ? <CorrectionRequestForm view={view} onChange={onChange} /> : null}
    </section>
  );
}

const DECISION_LABELS: Record<string, string> = { decision: 'Decisione', reason: 'Motivazione' };

function DecisionForm({
  correction,
  onDone,
}: {
  readonly correction: Correction;
  readonly onDone: (text: string) => void;
}) {
  const form = `decide-${correction.id}`;
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const feedback = useFormFeedback();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = correctionDecisionInputSchema.safeParse({ decision: decision || undefined, reason });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      await decideCorrection(correction.id, parsed.data);
      feedback.reset();
      onDone(
        `Istanza della domanda ${correction.platformId} ${parsed.data.decision === 'granted' ? 'accolta' : 'respinta'}.`,
      );
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  const decisionError = feedback.errors.decision;
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform mt-2"
      aria-labelledby={`${form}-title`}
      data-testid="correction-decision-form"
    >
      <h3 id={`${form}-title`} className="h6">
        Decisione sull’istanza della domanda {correction.platformId}
      </h3>
      <FormProblems formId={form} feedback={feedback} labelFor={(p) => DECISION_LABELS[p] ?? ''} />
      <fieldset className="mt-3" aria-describedby={decisionError ? `${form}-decision-error` : undefined}>
        <legend className="fs-6 fw-semibold">
          Decisione<span aria-hidden="true"> *</span>
        </legend>
        {(
          [
            ['granted', 'Accogli'],
            ['rejected', 'Respingi'],
          ] as const
        ).map(([value, label], i) => (
          <div className="form-check form-check-inline" key={value}>
            <input
              type="radio"
              name={`${form}-decision`}
              id={i === 0 ? fieldId(form, 'decision') : `${fieldId(form, 'decision')}-${value}`}
              value={value}
              checked={decision === value}
              onChange={() => {
                setDecision(value);
                feedback.clearField('decision');
              }}
              data-testid={`correction-${value}`}
            />
            <label htmlFor={i === 0 ? fieldId(form, 'decision') : `${fieldId(form, 'decision')}-${value}`}>
              {label}
            </label>
          </div>
        ))}
        {decisionError ? (
          <div id={`${form}-decision-error`} className="invalid-feedback d-block">
            {decisionError}
          </div>
        ) : null}
      </fieldset>
      <TextAreaField
        id={fieldId(form, 'reason')}
        label="Motivazione"
        required
        rows={2}
        maxLength={2000}
        value={reason}
        onValueChange={(v) => {
          setReason(v);
          feedback.clearField('reason');
        }}
        error={feedback.errors.reason}
      />
      <button type="submit" className="btn btn-primary btn-sm" aria-disabled={saving} data-testid="correction-decide">
        {saving ? 'Registrazione in corso…' : 'Registra la decisione'}
      </button>
    </form>
  );
}

const REQUEST_FORM = 'correction-request';
const REQUEST_LABELS: Record<string, string> = {
  applicationId: 'Domanda',
  subject: 'Oggetto',
  invalidityPercent: 'Percentuale di invalidità civile',
  procedureStartedOn: 'Avvio del procedimento di invalidità',
  filedOn: 'Data dell’istanza',
  note: 'Note',
};

interface RequestValues {
  applicationId: string;
  invalidityPercent: string;
  procedureStartedOn: string;
  filedOn: string;
  note: string;
}

function emptyRequest(): RequestValues {
  return { applicationId: '', invalidityPercent: '', procedureStartedOn: '', filedOn: todayInRome(), note: '' };
}

function CorrectionRequestForm({ view, onChange }: { readonly view: RankingsView; readonly onChange: () => void }) {
  const [values, setValues] = useState<RequestValues>(emptyRequest);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const feedback = useFormFeedback();
  const applications = new Map<string, string>();
  for (const r of view.rankings) {
    for (const e of r.entries) {
      if (!applications.has(e.applicationId)) applications.set(e.applicationId, `${e.platformId} — ${e.applicantName}`);
    }
  }
  const options = [...applications.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'it'));

  const set = (field: keyof RequestValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setSaved(false);
    feedback.clearField(field);
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const percent = values.invalidityPercent.trim();
    const parsed = correctionRequestInputSchema.safeParse({
      subject: 'civil_invalidity_percentage',
      invalidityPercent: percent === '' ? undefined : Number(percent.replace(',', '.')),
      procedureStartedOn: values.procedureStartedOn || null,
      filedOn: values.filedOn || undefined,
      note: values.note.trim() || null,
    });
    const errors: Record<string, string> = parsed.success ? {} : zodIssuesToFieldErrors(parsed.error.issues);
    if (values.applicationId === '') errors.applicationId = 'Scegliere la domanda.';
    if (values.procedureStartedOn === '') errors.procedureStartedOn = 'Data obbligatoria.';
    if (!parsed.success || Object.keys(errors).length > 0) {
      feedback.failClient(errors);
      return;
    }
    setSaving(true);
    try {
      await fileCorrection(values.applicationId, parsed.data);
      setValues(emptyRequest());
      feedback.reset();
      setSaved(true);
      onChange();
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  const id = (path: string) => fieldId(REQUEST_FORM, path);
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform mt-4"
      aria-labelledby="correction-request-title"
      data-testid="correction-request-form"
    >
      <h3 id="correction-request-title" className="h5">
        Registra un’istanza di rettifica
      </h3>
      <p className="small mb-0">Oggetto: riconoscimento di una percentuale di invalidità civile.</p>
      <FormProblems
        formId={REQUEST_FORM}
        feedback={feedback}
        labelFor={(p) => REQUEST_LABELS[p] ?? ''}
        targetFor={(p) => (p === 'subject' ? id('applicationId') : id(p))}
      />
      {saved ? <SuccessAlert>Istanza di rettifica registrata.</SuccessAlert> : null}
      <div className="row">
        <SelectField
          className="col-12 col-lg-8"
          id={id('applicationId')}
          label="Domanda"
          required
          placeholder="Scegli la domanda"
          options={options}
          value={values.applicationId}
          onValueChange={set('applicationId')}
          error={feedback.errors.applicationId}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('invalidityPercent')}
          label="Percentuale di invalidità civile"
          required
          inputMode="numeric"
          autoComplete="off"
          hint="Da 1 a 100"
          value={values.invalidityPercent}
          onValueChange={set('invalidityPercent')}
          error={feedback.errors.invalidityPercent}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('procedureStartedOn')}
          type="date"
          label="Avvio del procedimento di invalidità"
          required
          hint="Deve precedere la chiusura dell’avviso."
          value={values.procedureStartedOn}
          onValueChange={set('procedureStartedOn')}
          error={feedback.errors.procedureStartedOn}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('filedOn')}
          type="date"
          label="Data dell’istanza"
          required
          value={values.filedOn}
          onValueChange={set('filedOn')}
          error={feedback.errors.filedOn}
        />
        <TextAreaField
          className="col-12"
          id={id('note')}
          label="Note"
          rows={2}
          maxLength={2000}
          value={values.note}
          onValueChange={set('note')}
          error={feedback.errors.note}
        />
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="correction-submit">
        {saving ? 'Registrazione in corso…' : 'Registra istanza'}
      </button>
    </form>
  );
}
