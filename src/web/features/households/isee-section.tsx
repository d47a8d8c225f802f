import { useState, type FormEvent } from 'react';
import { ISEE_KIND_LABELS, iseeInputSchema, type HouseholdDetail } from '../../../shared/households.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatDate, formatEuro, parseEuroToCents } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { addIsee } from './households-api.js';
import { ISEE_FIELD_LABELS } from './labels.js';

const FORM = 'isee';

export function IseeSection(props: {
  readonly household: HouseholdDetail;
  readonly onChange: (h: HouseholdDetail) => void;
  readonly canEdit: boolean;
}) {
  const { household } = props;
  return (
    <section aria-labelledby="isee" className="household-section">
      <h2 id="isee" className="h3" tabIndex={-1}>
        ISEE
      </h2>
      {household.isee.length === 0 ? (
        <p data-testid="isee-empty">Nessuna attestazione ISEE registrata.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="isee-table">
            <caption className="visually-hidden">Attestazioni ISEE del nucleo</caption>
            <thead>
              <tr>
                <th scope="col">Tipo</th>
                <th scope="col">Protocollo</th>
                <th scope="col" className="text-end">
                  Valore
                </th>
                <th scope="col">DSU presentata il</th>
                <th scope="col">Valido fino al</th>
                <th scope="col">Componenti</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {household.isee.map((r) => (
                <tr key={r.id} data-testid="isee-row">
                  <td>{ISEE_KIND_LABELS[r.kind]}</td>
                  <td className="font-monospace">{r.protocol}</td>
                  <td className="text-end text-nowrap">{formatEuro(r.valueCents)}</td>
                  <td>{formatDate(r.dsuSubmittedOn)}</td>
                  <td>{formatDate(r.validUntil)}</td>
                  <td>{r.membersCount}</td>
                  <td>
                    {r.inForce ? (
                      <span className="badge bg-success">In corso di validità</span>
                    ) : (
                      <span className="badge bg-secondary">Scaduto</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canEdit ? <IseeForm household={household} onChange={props.onChange} /> : null}
    </section>
  );
}

interface IseeValues {
  kind: string;
  protocol: string;
  value: string;
  dsuSubmittedOn: string;
  validUntil: string;
  membersCount: string;
}

function emptyValues(membersCount: number): IseeValues {
  return { kind: '', protocol: '', value: '', dsuSubmittedOn: '', validUntil: '', membersCount: String(membersCount) };
}

function IseeForm({
  household,
  onChange,
}: {
  readonly household: HouseholdDetail;
  readonly onChange: (h: HouseholdDetail) => void;
}) {
  const [values, setValues] = useState<IseeValues>(() => emptyValues(household.members.length));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const feedback = useFormFeedback();
  const { errors } = feedback;

  const set = (field: keyof IseeValues, path: string) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setSaved(false);
    feedback.clearField(path);
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const cents = values.value.trim() === '' ? undefined : parseEuroToCents(values.value);
    const parsed = iseeInputSchema.safeParse({
      kind: values.kind || undefined,
      protocol: values.protocol,
      valueCents: cents ?? undefined,
      dsuSubmittedOn: values.dsuSubmittedOn || undefined,
      validUntil: values.validUntil || undefined,
      membersCount: values.membersCount.trim() === '' ? undefined : Number(values.membersCount),
    });
    const clientErrors: Record<string, string> = parsed.success
      ? {}
      : { ...zodIssuesToFieldErrors(parsed.error.issues) };
    if (cents === null) {
      clientErrors.valueCents = 'Importo non valido: scrivere ad esempio 12.345,67.';
    }
    if (!parsed.success || cents === null) {
      feedback.failClient(clientErrors);
      return;
    }
    setSaving(true);
    try {
      const updated = await addIsee(household.id, parsed.data);
      onChange(updated);
      setValues(emptyValues(updated.members.length));
      feedback.reset();
      setSaved(true);
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  const id = (path: string) => fieldId(FORM, path);
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform mt-4"
      aria-labelledby="isee-form-title"
      data-testid="isee-form"
    >
      <h3 id="isee-form-title" className="h5">
        Registra un'attestazione ISEE
      </h3>
      <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => ISEE_FIELD_LABELS[p] ?? ''} />
      {saved ? <SuccessAlert>Attestazione ISEE registrata.</SuccessAlert> : null}
      <div className="row">
        <SelectField
          className="col-12 col-md-6 col-lg-4"
          id={id('kind')}
          label="Tipo di ISEE"
          required
          placeholder="Scegli il tipo"
          options={optionsFrom(ISEE_KIND_LABELS)}
          value={values.kind}
          onValueChange={set('kind', 'kind')}
          error={errors.kind}
        />
        <TextField
          className="col-12 col-md-6 col-lg-8"
          id={id('protocol')}
          label="Protocollo INPS"
          required
          hint="Nel formato INPS-ISEE-AAAA-…"
          autoComplete="off"
          spellCheck={false}
          value={values.protocol}
          onValueChange={set('protocol', 'protocol')}
          error={errors.protocol}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('valueCents')}
          label="Valore ISEE in euro"
          required
          inputMode="decimal"
          hint="Ad esempio 12.345,67"
          autoComplete="off"
          value={values.value}
          onValueChange={set('value', 'valueCents')}
          error={errors.valueCents}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('membersCount')}
          label="Componenti del nucleo ISEE"
          required
          inputMode="numeric"
          autoComplete="off"
          value={values.membersCount}
          onValueChange={set('membersCount', 'membersCount')}
          error={errors.membersCount}
        />
        <div className="w-100" />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('dsuSubmittedOn')}
          type="date"
          label="DSU presentata il"
          required
          value={values.dsuSubmittedOn}
          onValueChange={set('dsuSubmittedOn', 'dsuSubmittedOn')}
          error={errors.dsuSubmittedOn}
        />
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={id('validUntil')}
          type="date"
          label="Valido fino al"
          hint="Se lo lasci vuoto vale la scadenza prevista dalla legge."
          value={values.validUntil}
          onValueChange={set('validUntil', 'validUntil')}
          error={errors.validUntil}
        />
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="isee-submit">
        {saving ? 'Registrazione in corso…' : 'Registra ISEE'}
      </button>
    </form>
  );
}
