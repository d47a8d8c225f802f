import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, roleSchema } from '../../../shared/auth.js';
import { noteInputSchema, type HouseholdDetail } from '../../../shared/households.js';
import { SelectField, TextAreaField, optionsFrom } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatDateTime } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { canWriteSocialNotes, useCurrentUser } from '../auth/session-context.js';
import { addNote } from './households-api.js';
import { NOTE_AUDIENCE_LABELS } from './labels.js';

const FORM = 'note';
const LABELS: Record<string, string> = { audience: 'Visibilità', body: 'Testo della nota' };

interface Props {
  readonly household: HouseholdDetail;
  readonly onChange: (h: HouseholdDetail) => void;
}

function roleLabel(role: string): string {
  const parsed = roleSchema.safeParse(role);
  return parsed.success ? ROLE_LABELS[parsed.data] : role;
}

export function NotesSection({ household, onChange }: Props) {
  return (
    <section aria-labelledby="note" className="household-section">
      <h2 id="note" className="h3" tabIndex={-1}>
        Note
      </h2>
      {household.notes.length === 0 ? (
        <p data-testid="notes-empty">Nessuna nota.</p>
      ) : (
        <ul className="list-unstyled" data-testid="notes">
          {household.notes.map((n) => (
            <li key={n.id} className="note-item" data-testid="note">
              <div className="d-flex flex-wrap gap-2 align-items-center small text-secondary mb-1">
                <span>
                  {n.authorName} ({roleLabel(n.authorRole)})
                </span>
                <span aria-hidden="true">·</span>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                {n.audience === 'social' ? <span className="badge bg-primary">Solo servizio sociale</span> : null}
              </div>
              <p className="mb-0 pre-wrap">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      <NoteForm household={household} onChange={onChange} />
    </section>
  );
}

function NoteForm({ household, onChange }: Props) {
  const user = useCurrentUser();
  const canChooseAudience = canWriteSocialNotes(user.role);
  const [audience, setAudience] = useState<'all' | 'social'>('all');
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const feedback = useFormFeedback();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = noteInputSchema.safeParse({ audience, body });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      onChange(await addNote(household.id, parsed.data));
      setBody('');
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
      aria-labelledby="note-form-title"
      data-testid="note-form"
    >
      <h3 id="note-form-title" className="h5">
        Aggiungi una nota
      </h3>
      <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => LABELS[p] ?? ''} />
      {saved ? <SuccessAlert>Nota aggiunta.</SuccessAlert> : null}
      <div className="row">
        {canChooseAudience ? (
          <SelectField
            className="col-12 col-lg-6"
            id={fieldId(FORM, 'audience')}
            label="Visibilità"
            options={optionsFrom(NOTE_AUDIENCE_LABELS)}
            value={audience}
            onValueChange={(v) => {
              setAudience(v === 'social' ? 'social' : 'all');
              setSaved(false);
            }}
            error={feedback.errors.audience}
          />
        ) : (
          <p className="col-12 small mt-3 mb-0">Visibilità: {NOTE_AUDIENCE_LABELS.all.toLowerCase()}.</p>
        )}
        <TextAreaField
          className="col-12"
          id={fieldId(FORM, 'body')}
          label="Testo della nota"
          required
          rows={4}
          maxLength={5000}
          value={body}
          onValueChange={(v) => {
            setBody(v);
            setSaved(false);
            feedback.clearField('body');
          }}
          error={feedback.errors.body}
        />
      </div>
      <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="note-submit">
        {saving ? 'Salvataggio in corso…' : 'Aggiungi nota'}
      </button>
    </form>
  );
}
