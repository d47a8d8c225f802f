import { useState, type FormEvent } from 'react';
import { VULNERABILITY_LABELS, vulnerabilityInputSchema, type HouseholdDetail } from '../../../shared/households.js';
import { SelectField, TextAreaField, optionsFrom } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { ErrorAlert, SuccessAlert } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { addVulnerability, removeVulnerability } from './households-api.js';

const FORM = 'vulnerability';
const LABELS: Record<string, string> = { code: 'Fragilità', note: 'Nota' };

interface Props {
  readonly household: HouseholdDetail;
  readonly onChange: (h: HouseholdDetail) => void;
}

export function VulnerabilitiesSection({ household, onChange, canEdit }: Props & { readonly canEdit: boolean }) {
  return (
    <section aria-labelledby="fragilita" className="household-section">
      <h2 id="fragilita" className="h3" tabIndex={-1}>
        Fragilità
      </h2>
      <h3 className="h5">Condizioni rilevate dai dati del nucleo</h3>
      {household.derivedFlags.length === 0 ? (
        <p data-testid="derived-flags-empty">Nessuna condizione rilevata dall'età o dall'invalidità dei componenti.</p>
      ) : (
        <ul className="list-unstyled derived-flags" data-testid="derived-flags">
          {household.derivedFlags.map((f) => (
            <li key={f.flag} className="mb-2">
              <span className="fw-semibold">{f.label}</span>
              <small className="d-block text-secondary">Fonte: {f.source}</small>
            </li>
          ))}
        </ul>
      )}
      <h3 className="h5 mt-4">Fragilità registrate dagli operatori</h3>
      <RecordedList household={household} onChange={onChange} canEdit={canEdit} />
      {canEdit ? <VulnerabilityForm household={household} onChange={onChange} /> : null}
    </section>
  );
}

function RecordedList({ household, onChange, canEdit }: Props & { readonly canEdit: boolean }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  async function remove(vulnerabilityId: string, label: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await removeVulnerability(household.id, vulnerabilityId));
      setConfirming(null);
      setRemoved(label);
      document.getElementById('fragilita')?.focus();
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {removed ? <SuccessAlert>Fragilità «{removed}» rimossa.</SuccessAlert> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {household.vulnerabilities.length === 0 ? (
        <p data-testid="vulnerabilities-empty">Nessuna fragilità registrata.</p>
      ) : (
        <ul className="list-group mb-3" data-testid="vulnerabilities">
          {household.vulnerabilities.map((v) => {
            const label = VULNERABILITY_LABELS[v.code];
            return (
              <li
                key={v.id}
                className="list-group-item d-flex flex-wrap justify-content-between gap-2"
                data-testid="vulnerability"
              >
                <div>
                  <span className="fw-semibold">{label}</span>
                  {v.note ? <p className="mb-0 small pre-wrap">{v.note}</p> : null}
                  <small className="d-block text-secondary">
                    Registrata il <time dateTime={v.createdAt}>{formatDateTime(v.createdAt)}</time>
                  </small>
                </div>
                {!canEdit ? null : confirming === v.id ? (
                  <div
                    className="d-flex align-items-center gap-2"
                    role="group"
                    aria-label={`Conferma rimozione di ${label}`}
                  >
                    <span className="small">Rimuovere?</span>
                    <button
                      type="button"
                      className="btn btn-danger btn-xs"
                      aria-disabled={busy}
                      onClick={() => void remove(v.id, label)}
                      data-testid="vulnerability-remove-confirm"
                    >
                      Sì, rimuovi
                    </button>
                    <button
                      type="button"
                      className="btn btn-outline-secondary btn-xs"
                      onClick={() => setConfirming(null)}
                    >
                      Annulla
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="btn btn-outline-danger btn-xs align-self-center"
                    onClick={() => {
                      setRemoved(null);
                      setConfirming(v.id);
                    }}
                    data-testid="vulnerability-remove"
                  >
                    Rimuovi<span className="visually-hidden"> {label}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function VulnerabilityForm({ household, onChange }: Props) {
  const [code, setCode] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const feedback = useFormFeedback();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = vulnerabilityInputSchema.safeParse({ code: code || undefined, note });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      onChange(await addVulnerability(household.id, parsed.data));
      setCode('');
      setNote('');
      feedback.reset();
      setSaved(true);
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform mt-4"
      aria-labelledby="vulnerability-form-title"
      data-testid="vulnerability-form"
    >
      <h3 id="vulnerability-form-title" className="h5">
        Registra una fragilità
      </h3>
      <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => LABELS[p] ?? ''} />
      {saved ? <SuccessAlert>Fragilità registrata.</SuccessAlert> : null}
      <div className="row">
        <SelectField
          className="col-12 col-lg-6"
          id={fieldId(FORM, 'code')}
          label="Fragilità"
          required
          placeholder="Scegli una fragilità"
          options={optionsFrom(VULNERABILITY_LABELS)}
          value={code}
          onValueChange={(v) => {
            setCode(v);
            setSaved(false);
            feedback.clearField('code');
          }}
          error={feedback.errors.code}
        />
        <TextAreaField
          className="col-12"
          id={fieldId(FORM, 'note')}
          label="Nota (facoltativa)"
          rows={3}
          maxLength={1000}
          value={note}
          onValueChange={(v) => {
            setNote(v);
            setSaved(false);
            feedback.clearField('note');
          }}
          error={feedback.errors.note}
        />
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="vulnerability-submit">
        {saving ? 'Registrazione in corso…' : 'Registra fragilità'}
      </button>
    </form>
  );
}
