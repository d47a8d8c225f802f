import { useState, type FormEvent } from 'react';
import {
  UNIT_STATE_FIELD_LABELS,
  UNIT_STATE_LABELS,
  UNIT_STATE_TRANSITIONS,
  WORKS_DEDUCTIBLE_LIMIT_CENTS,
  unitStateInputSchema,
  type UnitDetail,
} from '../../../shared/units.js';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatEuro, parseEuroToCents } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { changeUnitState } from './units-api.js';

const FORM = 'unit-state';

interface Values {
  state: string;
  worksCost: string;
  reason: string;
}

const EMPTY: Values = { state: '', worksCost: '', reason: '' };

export function UnitStateForm({
  unit,
  onChange,
}: {
  readonly unit: UnitDetail;
  readonly onChange: (unit: UnitDetail) => void;
}) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const feedback = useFormFeedback();
  const { errors } = feedback;

  const set = (field: keyof Values, path: string) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setSaved(null);
    feedback.clearField(path);
  };

  const cents = values.worksCost.trim() === '' ? undefined : parseEuroToCents(values.worksCost);
  const works = values.state === 'works_needed';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = unitStateInputSchema.safeParse({
      state: values.state || undefined,
      worksCostCents: works ? (cents ?? null) : null,
      reason: values.reason,
      fromState: unit.state,
    });
    const clientErrors: Record<string, string> = parsed.success
      ? {}
      : { ...zodIssuesToFieldErrors(parsed.error.issues) };
    if (works && cents === null) clientErrors.worksCostCents = 'Importo non valido: scrivere ad esempio 6.500,00.';
    if (!parsed.success || Object.keys(clientErrors).length > 0) {
      feedback.failClient(clientErrors);
      return;
    }
    setSaving(true);
    try {
      const updated = await changeUnitState(unit.id, parsed.data);
      onChange(updated);
      setValues(EMPTY);
      feedback.reset();
      setSaved(`Stato aggiornato: ${UNIT_STATE_LABELS[updated.state]}.`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  const id = (path: string) => fieldId(FORM, path);
  return (
    <section aria-labelledby="unit-state-title" className="household-section">
      <h2 id="unit-state-title" className="h3">
        Cambia lo stato
      </h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="subform" data-testid="unit-state-form">
        <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => UNIT_STATE_FIELD_LABELS[p] ?? ''} />
        {saved ? <SuccessAlert>{saved}</SuccessAlert> : null}
        <div className="row">
          <SelectField
            className="col-12 col-md-6"
            id={id('state')}
            label="Nuovo stato"
            required
            placeholder="Scegli lo stato"
            options={UNIT_STATE_TRANSITIONS[unit.state].map((s) => ({ value: s, label: UNIT_STATE_LABELS[s] }))}
            value={values.state}
            onValueChange={set('state', 'state')}
            error={errors.state}
          />
          {works ? (
            <TextField
              className="col-12 col-md-6"
              id={id('worksCostCents')}
              label="Costo stimato dei lavori in euro"
              required
              inputMode="decimal"
              autoComplete="off"
              hint={`Ad esempio 6.500,00. Per l’art. 10 del R.R. 4/2017 l’assegnatario può eseguire piccoli lavori scomputati dal canone fino a ${formatEuro(WORKS_DEDUCTIBLE_LIMIT_CENTS)} (limite da verificare sul testo vigente).`}
              value={values.worksCost}
              onValueChange={set('worksCost', 'worksCostCents')}
              error={errors.worksCostCents}
            />
          ) : null}
          <TextAreaField
            className="col-12"
            id={id('reason')}
            label="Motivo"
            required
            rows={3}
            maxLength={1000}
            value={values.reason}
            onValueChange={set('reason', 'reason')}
            error={errors.reason}
          />
        </div>
        <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="unit-state-submit">
          {saving ? 'Salvataggio in corso…' : 'Cambia stato'}
        </button>
      </form>
    </section>
  );
}
