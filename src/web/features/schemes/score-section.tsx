import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { CHECK_OUTCOME_LABELS } from '../../../shared/applications.js';
import type { HouseholdSummary } from '../../../shared/households.js';
import type { PointsSchemeInput } from '../../../shared/schemes.js';
import { TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { fieldId } from '../../lib/form-errors.js';
import { formatDate } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { CHECK_OUTCOME_BADGES } from '../applications/labels.js';
import { searchHouseholds } from '../households/households-api.js';
import { todayInRome } from '../rankings/labels.js';
import { BASIS_LABELS, ELIGIBILITY_BADGES, ELIGIBILITY_LABELS, formatPoints } from './scheme-model.js';
import { scoreHousehold, type SchemeScore } from './schemes-api.js';

const FORM = 'score';
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABELS: Record<string, string> = { q: 'Nucleo familiare', asOf: 'Data di riferimento' };

/** Today, or the nearest day of the scheme's validity when today is outside it. */
function defaultDay(scheme: PointsSchemeInput): string {
  const today = todayInRome();
  if (today < scheme.validFrom) return scheme.validFrom;
  if (scheme.validTo !== null && today > scheme.validTo) return scheme.validTo;
  return today;
}

type Step =
  | { readonly kind: 'idle' }
  | { readonly kind: 'searching' }
  | { readonly kind: 'choose'; readonly items: readonly HouseholdSummary[]; readonly total: number }
  | { readonly kind: 'scoring'; readonly household: string }
  | { readonly kind: 'scored'; readonly household: string; readonly householdId: string; readonly score: SchemeScore }
  | { readonly kind: 'failed'; readonly error: ApiError };

/** "Prova su un nucleo": finds a household and shows its score with this scheme, criterion by criterion. */
export function ScoreSection({ scheme }: { readonly scheme: PointsSchemeInput }) {
  const feedback = useFormFeedback();
  const [q, setQ] = useState('');
  const [asOf, setAsOf] = useState(() => defaultDay(scheme));
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step.kind === 'scored' || step.kind === 'choose' || step.kind === 'failed') outcomeRef.current?.focus();
  }, [step]);

  async function score(household: string, householdId: string) {
    setStep({ kind: 'scoring', household });
    try {
      const result = await scoreHousehold(scheme.id, scheme.version, householdId, asOf);
      setStep({ kind: 'scored', household, householdId, score: result });
    } catch (error) {
      if (!isApiError(error)) throw error;
      setStep({ kind: 'failed', error });
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (step.kind === 'searching' || step.kind === 'scoring') return;
    const term = q.trim();
    const errors: Record<string, string> = {};
    if (term === '') errors.q = 'Indicare il codice del nucleo, il suo identificativo o il nome del richiedente.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) errors.asOf = 'Indicare una data valida.';
    if (Object.keys(errors).length > 0) {
      feedback.failClient(errors);
      return;
    }
    feedback.reset();
    if (ID_PATTERN.test(term)) {
      await score(term, term);
      return;
    }
    setStep({ kind: 'searching' });
    try {
      const found = await searchHouseholds({ q: term, limit: 10, offset: 0 });
      const only = found.items.length === 1 ? found.items[0] : undefined;
      if (only) await score(only.code, only.id);
      else setStep({ kind: 'choose', items: found.items, total: found.total });
    } catch (error) {
      if (!isApiError(error)) throw error;
      setStep({ kind: 'failed', error });
    }
  }

  const busy = step.kind === 'searching' || step.kind === 'scoring';
  return (
    <section aria-labelledby="score-title" className="mt-5" data-testid="score-section">
      <h2 id="score-title" className="h4">
        Prova su un nucleo
      </h2>
      <p>
        Calcola il punteggio di un nucleo familiare con questa versione dello schema, criterio per criterio, con i dati
        del fascicolo alla data indicata. La prova non salva nulla, ma la consultazione resta nel registro accessi.
      </p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="score-title" data-testid="score-form">
        <FormProblems formId={FORM} feedback={feedback} labelFor={(path) => LABELS[path] ?? ''} />
        <div className="row align-items-end">
          <TextField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'q')}
            label="Nucleo familiare"
            required
            maxLength={100}
            hint="Codice del nucleo, identificativo, nome o codice fiscale del richiedente."
            value={q}
            onValueChange={(v) => {
              setQ(v);
              feedback.clearField('q');
            }}
            error={feedback.errors.q}
          />
          <TextField
            className="col-12 col-md-3"
            id={fieldId(FORM, 'asOf')}
            type="date"
            label="Data di riferimento"
            required
            min={scheme.validFrom}
            max={scheme.validTo ?? undefined}
            value={asOf}
            onValueChange={(v) => {
              setAsOf(v);
              feedback.clearField('asOf');
            }}
            error={feedback.errors.asOf}
          />
          <div className="col-12 col-md-3 form-group">
            <button type="submit" className="btn btn-primary" aria-disabled={busy} data-testid="score-submit">
              Calcola il punteggio
            </button>
          </div>
        </div>
      </form>
      {step.kind === 'searching' ? <Loading text="Ricerca del nucleo…" /> : null}
      {step.kind === 'scoring' ? <Loading text={`Calcolo del punteggio del nucleo ${step.household}…`} /> : null}
      <div ref={outcomeRef} tabIndex={-1} aria-live="polite" data-testid="score-outcome">
        {step.kind === 'failed' ? (
          <ErrorAlert error={step.error} title="Non è stato possibile calcolare il punteggio." />
        ) : null}
        {step.kind === 'choose' ? (
          <Choices items={step.items} total={step.total} onChoose={(h) => void score(h.code, h.id)} />
        ) : null}
        {step.kind === 'scored' ? (
          <ScoreView household={step.household} householdId={step.householdId} score={step.score} />
        ) : null}
      </div>
    </section>
  );
}

function Choices({
  items,
  total,
  onChoose,
}: {
  readonly items: readonly HouseholdSummary[];
  readonly total: number;
  readonly onChoose: (household: HouseholdSummary) => void;
}) {
  if (items.length === 0) {
    return (
      <p className="mt-3" data-testid="score-no-household">
        Nessun nucleo trovato: controllare il codice o provare con il nome o il codice fiscale del richiedente.
      </p>
    );
  }
  return (
    <div className="mt-3">
      <h3 className="h5">Scegliere il nucleo</h3>
      <p>
        {total > items.length
          ? `Trovati ${total} nuclei: sono mostrati i primi ${items.length}, restringere la ricerca se necessario.`
          : `Trovati ${items.length} nuclei.`}
      </p>
      <ul className="list-unstyled" data-testid="score-choices">
        {items.map((h) => (
          <li key={h.id} className="d-flex flex-wrap align-items-center gap-3 mb-2">
            <button
              type="button"
              className="btn btn-outline-primary btn-sm"
              onClick={() => onChoose(h)}
              data-testid="score-choose"
            >
              Calcola per il nucleo {h.code}
            </button>
            <span>
              {h.applicantName ?? 'Richiedente non indicato'} – {h.address}, {h.comuneName}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function OutcomeBadge({ outcome }: { readonly outcome: string }) {
  const known = outcome in CHECK_OUTCOME_LABELS ? (outcome as keyof typeof CHECK_OUTCOME_LABELS) : null;
  return (
    <span className={`badge ${known ? CHECK_OUTCOME_BADGES[known] : 'bg-secondary'}`} data-testid="score-outcome-badge">
      {known ? CHECK_OUTCOME_LABELS[known] : outcome}
    </span>
  );
}

function ScoreView({
  household,
  householdId,
  score,
}: {
  readonly household: string;
  readonly householdId: string;
  readonly score: SchemeScore;
}) {
  const { eligibility } = score;
  return (
    <div className="mt-4" data-testid="score-result">
      <h3 className="h5">
        Punteggio del nucleo {household} al {formatDate(score.asOf)}
      </h3>
      <p>
        <Link to={`/nuclei/${encodeURIComponent(householdId)}`}>Apri il fascicolo del nucleo {household}</Link>
      </p>
      <dl className="row">
        <dt className="col-sm-4 col-lg-3">Punteggio</dt>
        <dd className="col-sm-8 col-lg-9 fw-semibold" data-testid="score-total">
          {formatPoints(score.total)} punti
        </dd>
        <dt className="col-sm-4 col-lg-3">Punti da verificare</dt>
        <dd className="col-sm-8 col-lg-9" data-testid="score-pending">
          {score.pointsPending > 0
            ? `${formatPoints(score.pointsPending)} punti non valutati per dati mancanti nel fascicolo`
            : 'nessuno'}
        </dd>
        <dt className="col-sm-4 col-lg-3">Requisiti di accesso</dt>
        <dd className="col-sm-8 col-lg-9">
          <span className={`badge ${ELIGIBILITY_BADGES[eligibility.outcome]}`} data-testid="score-eligibility">
            {ELIGIBILITY_LABELS[eligibility.outcome]}
          </span>
        </dd>
      </dl>
      <p data-testid="score-text">{score.text}</p>

      {eligibility.rules.length > 0 ? (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="score-rules">
            <caption className="caption-top h6 text-body">Requisiti di accesso</caption>
            <thead>
              <tr>
                <th scope="col">Requisito</th>
                <th scope="col">Esito</th>
                <th scope="col">Verifica sui dati del nucleo</th>
                <th scope="col">Fonte</th>
              </tr>
            </thead>
            <tbody>
              {eligibility.rules.map((r) => (
                <tr key={r.code} data-testid="score-rule">
                  <th scope="row">{r.label}</th>
                  <td>
                    <OutcomeBadge outcome={r.outcome} />
                  </td>
                  <td>{r.evidence}</td>
                  <td>{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="table-responsive">
        <table className="table align-middle" data-testid="score-criteria">
          <caption className="caption-top h6 text-body">Criteri di punteggio</caption>
          <thead>
            <tr>
              <th scope="col">Criterio</th>
              <th scope="col">Esito</th>
              <th scope="col">Verifica sui dati del nucleo</th>
              <th scope="col" className="text-end">
                Punti
              </th>
              <th scope="col">Base</th>
              <th scope="col">Fonte</th>
            </tr>
          </thead>
          <tbody>
            {score.criteria.map((c) => (
              <tr key={c.code} data-testid="score-criterion">
                <th scope="row">{c.label}</th>
                <td>
                  <OutcomeBadge outcome={c.outcome} />
                </td>
                <td>{c.evidence}</td>
                <td className="text-end text-nowrap">
                  {formatPoints(c.points)} su {formatPoints(c.maxPoints)}
                </td>
                <td>{BASIS_LABELS[c.basis]}</td>
                <td>{c.source}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Totale
              </th>
              <td className="text-end fw-semibold">{formatPoints(score.total)}</td>
              <td colSpan={2}>
                {score.pointsPending > 0 ? `${formatPoints(score.pointsPending)} punti da verificare` : null}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
