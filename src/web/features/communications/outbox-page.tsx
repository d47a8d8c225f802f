// Deliveries across the Ambito for the managers: counts by channel and state, and the deliveries
// that failed for good or whose outcome is unknown, each with the operator's decision (checked and
// delivered, send again, do not send). Nothing is ever sent twice without that decision.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  DELIVERY_STATE_LABELS,
  OUTBOX_RESOLUTION_LABELS,
  OUTBOX_RESOLUTIONS,
  outboxViewSchema,
  type OutboxView,
} from '../../../shared/communications.js';
import { SelectField, TextAreaField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { apiFetch, type ApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';

const CHANNELS: Record<string, string> = { email: 'e-mail', io: 'app IO' };
type Problem = OutboxView['problems'][number];

function ResolutionForm({ problem, onDone }: { readonly problem: Problem; readonly onDone: (text: string) => void }) {
  // A failed delivery cannot be "delivered": only an uncertain one may have arrived.
  const outcomes = OUTBOX_RESOLUTIONS.filter((o) => o !== 'delivered' || problem.state === 'uncertain');
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ outcome?: string; note?: string }>({});
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = {
      ...(outcome === '' ? { outcome: 'Scegliere la decisione.' } : {}),
      ...(note.trim().length < 3 ? { note: 'Scrivere come è stato verificato o perché si decide così.' } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    try {
      await apiFetch('POST', `/api/communications/outbox/${encodeURIComponent(problem.id)}/resolution`, {
        outcome,
        note,
      });
      onDone(
        `Invio «${problem.subject}» (${problem.householdCode}): ${OUTBOX_RESOLUTION_LABELS[outcome as (typeof OUTBOX_RESOLUTIONS)[number]].toLowerCase()}.`,
      );
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const prefix = `res-${problem.id}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="outbox-resolution-form">
      {error ? <ErrorAlert error={error} title="La decisione non è stata registrata." /> : null}
      <SelectField
        id={`${prefix}-outcome`}
        label="Decisione"
        required
        value={outcome}
        onValueChange={setOutcome}
        placeholder="Scegli…"
        options={outcomes.map((o) => ({ value: o, label: OUTBOX_RESOLUTION_LABELS[o] }))}
        error={errors.outcome}
      />
      <TextAreaField
        id={`${prefix}-note`}
        label="Nota (come è stato verificato, perché)"
        required
        rows={2}
        maxLength={500}
        value={note}
        onValueChange={setNote}
        error={errors.note}
      />
      <button type="submit" className="btn btn-primary btn-sm mb-3">
        Registra la decisione
      </button>
    </form>
  );
}

export function OutboxPage() {
  const outbox = useApiResource('communications/outbox', () =>
    apiFetch('GET', '/api/communications/outbox', undefined, outboxViewSchema),
  );
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (outbox.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Invii delle comunicazioni" />
        <ErrorAlert error={outbox.error} />
      </div>
    );
  }
  if (!outbox.data) return <Loading />;
  const { summary, problems } = outbox.data;
  return (
    <div className="container-xxl my-4" data-testid="outbox-page">
      <PageTitle title="Invii delle comunicazioni" />
      <p>
        Un invio non riuscito dopo tutti i tentativi, o interrotto senza sapere se sia arrivato, non viene mai ripetuto
        da solo: qui si verifica con il destinatario e si decide.
      </p>
      <div aria-live="polite">{done ? <SuccessAlert>{done}</SuccessAlert> : null}</div>

      <h2 className="h5 mt-4">Invii per canale e stato</h2>
      {summary.length === 0 ? (
        <p>Nessun invio.</p>
      ) : (
        <table className="table table-sm w-auto" data-testid="outbox-summary">
          <caption className="visually-hidden">Numero di invii per canale e stato</caption>
          <thead>
            <tr>
              <th scope="col">Canale</th>
              <th scope="col">Stato</th>
              <th scope="col" className="text-end">
                Invii
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.map((s) => (
              <tr key={`${s.channel}-${s.state}`}>
                <td>{CHANNELS[s.channel] ?? s.channel}</td>
                <td>{DELIVERY_STATE_LABELS[s.state] ?? s.state}</td>
                <td className="text-end">{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 className="h5 mt-4">Da verificare</h2>
      {problems.length === 0 ? (
        <p data-testid="outbox-no-problems">Nessun invio da verificare.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="outbox-problems">
            <caption className="visually-hidden">Invii non riusciti o da verificare, con la decisione</caption>
            <thead>
              <tr>
                <th scope="col">Nucleo</th>
                <th scope="col">Comunicazione</th>
                <th scope="col">Canale</th>
                <th scope="col">Stato</th>
                <th scope="col" className="text-end">
                  Tentativi
                </th>
                <th scope="col">Ultimo errore</th>
                <th scope="col">Aggiornato</th>
                <th scope="col">Decisione</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p) => (
                <tr key={p.id} data-testid="outbox-problem">
                  <td>
                    <Link to={`/nuclei/${encodeURIComponent(p.householdId)}/comunicazioni`}>{p.householdCode}</Link>
                  </td>
                  <td>{p.subject}</td>
                  <td>{CHANNELS[p.channel] ?? p.channel}</td>
                  <td>{DELIVERY_STATE_LABELS[p.state] ?? p.state}</td>
                  <td className="text-end">{p.attempts}</td>
                  <td>{p.lastError ?? '—'}</td>
                  <td>{formatDateTime(p.updatedAt)}</td>
                  <td style={{ minWidth: '18rem' }}>
                    {open === p.id ? (
                      <ResolutionForm
                        problem={p}
                        onDone={(text) => {
                          setOpen(null);
                          setDone(text);
                          outbox.reload();
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-sm"
                        data-testid="outbox-decide"
                        onClick={() => {
                          setDone(null);
                          setOpen(p.id);
                        }}
                      >
                        Decidi
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
