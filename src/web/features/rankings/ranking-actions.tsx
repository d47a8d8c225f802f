import { useState, type FormEvent } from 'react';
import { plainDateSchema } from '../../../shared/common.js';
import type { RankingsView } from '../../../shared/rankings.js';
import { TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId } from '../../lib/form-errors.js';
import { formatDate } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { todayInRome } from './labels.js';
import {
  computeRanking,
  finaliseRanking,
  publicationCsvHref,
  publicationPdfHref,
  publishProvisional,
} from './rankings-api.js';

const FORM = 'ranking-actions';
const LABELS: Record<string, string> = { onDate: 'Data di pubblicazione' };

type Busy = 'compute' | 'publish' | 'finalise' | null;

/** The officer's steps on the ranking: compute, publish as provisional, make final, download the publication. */
export function RankingActions({ view, onChange }: { readonly view: RankingsView; readonly onChange: () => void }) {
  const { run, call } = view;
  const state = run?.state ?? null;
  const [busy, setBusy] = useState<Busy>(null);
  const [done, setDone] = useState<string | null>(null);
  const [onDate, setOnDate] = useState(todayInRome);
  const feedback = useFormFeedback();

  async function perform(kind: Exclude<Busy, null>, action: () => Promise<string>) {
    if (busy) return;
    setBusy(kind);
    setDone(null);
    try {
      const message = await action();
      feedback.reset();
      setDone(message);
      onChange();
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setBusy(null);
    }
  }

  function onPublish(event: FormEvent) {
    event.preventDefault();
    const date = plainDateSchema.safeParse(onDate);
    if (!date.success) {
      setDone(null);
      feedback.failClient({ onDate: date.error.issues[0]?.message ?? 'Data non valida.' });
      return;
    }
    void perform('publish', async () => {
      const r = await publishProvisional(call.id, date.data);
      return `Graduatoria provvisoria pubblicata il ${formatDate(r.publishedOn)}.`;
    });
  }

  return (
    <section aria-labelledby="ranking-actions-title" className="subform" data-testid="ranking-actions">
      <h2 id="ranking-actions-title" className="h5">
        Operazioni sulla graduatoria
      </h2>
      <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => LABELS[p] ?? ''} />
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      <div className="d-flex flex-wrap gap-3 align-items-end">
        {state !== 'final' ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={busy !== null}
            data-testid="ranking-compute"
            onClick={() =>
              void perform('compute', async () => {
                const r = await computeRanking(call.id);
                return `Graduatoria calcolata: ${r.applications} domande in ${r.rankings} graduatorie${
                  r.withoutChoices > 0 ? `; ${r.withoutChoices} domande senza alloggi dell’avviso tra le scelte` : ''
                }.`;
              })
            }
          >
            {busy === 'compute' ? 'Calcolo in corso…' : 'Calcola graduatoria'}
          </button>
        ) : null}
        {state === 'provisional' ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={busy !== null}
            data-testid="ranking-finalise"
            onClick={() =>
              void perform('finalise', async () => {
                const r = await finaliseRanking(call.id);
                return `Graduatoria definitiva dal ${formatDate(r.finalisedOn)}.`;
              })
            }
          >
            {busy === 'finalise' ? 'Operazione in corso…' : 'Rendi definitiva'}
          </button>
        ) : null}
        {run ? (
          <a className="btn btn-outline-primary" href={publicationCsvHref(call.id)} download data-testid="ranking-csv">
            Scarica CSV per la pubblicazione (senza nomi)
          </a>
        ) : null}
        {run ? (
          <a className="btn btn-outline-primary" href={publicationPdfHref(call.id)} download data-testid="ranking-pdf">
            Scarica PDF per l’albo (senza nomi)
          </a>
        ) : null}
      </div>
      {state !== null && state !== 'final' ? (
        <p className="small mb-0 mt-2">Un nuovo calcolo sostituisce quello attuale, che resta registrato.</p>
      ) : null}
      {state === 'draft' ? (
        <form
          onSubmit={onPublish}
          noValidate
          className="mt-2"
          aria-labelledby="ranking-publish-title"
          data-testid="ranking-publish-form"
        >
          <h3 id="ranking-publish-title" className="h6 mt-3 mb-0">
            Pubblicazione della graduatoria provvisoria
          </h3>
          <div className="row align-items-end">
            <TextField
              className="col-12 col-md-6 col-lg-4"
              id={fieldId(FORM, 'onDate')}
              type="date"
              label="Data di pubblicazione"
              required
              hint="Dopo la chiusura dell’avviso; di norma oggi."
              value={onDate}
              onValueChange={(v) => {
                setOnDate(v);
                feedback.clearField('onDate');
              }}
              error={feedback.errors.onDate}
            />
            <div className="col-12 col-md-6 col-lg-4">
              <div className="form-group">
                <button
                  type="submit"
                  className="btn btn-primary"
                  aria-disabled={busy !== null}
                  data-testid="ranking-publish"
                >
                  {busy === 'publish' ? 'Pubblicazione in corso…' : 'Pubblica provvisoria'}
                </button>
              </div>
            </div>
          </div>
        </form>
      ) : null}
    </section>
  );
}
