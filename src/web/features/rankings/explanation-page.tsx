import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { useApiResource } from '../../lib/use-api.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { formatIsbar } from './labels.js';
import { getExplanation, type Explanation } from './rankings-api.js';

/**
 * Why an application is at its position, in plain Italian. The citizen portal will show the same
 * page: it holds no staff-only data (no names, no internal checks), only the way back for staff.
 */
export function ExplanationPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const callId = params.get('avviso');
  const explanation = useApiResource(`explanation/${id}`, () => getExplanation(id));
  const back = callId ? (
    <p className="mt-4">
      <Link to={`/avvisi/${encodeURIComponent(callId)}/graduatorie`} data-testid="back-to-ranking">
        Torna alla graduatoria
      </Link>
    </p>
  ) : null;

  if (explanation.error?.status === 404) return <NotFoundPage />;
  if (explanation.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (explanation.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Perché questa posizione" />
        <ErrorAlert error={explanation.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={explanation.reload}>
            Riprova
          </button>
        </ErrorAlert>
        {back}
      </div>
    );
  }
  if (!explanation.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento della spiegazione…" />
      </div>
    );
  }
  const e = explanation.data;
  return (
    <div className="container-xxl my-4 legal-text" data-testid="explanation-page">
      <PageTitle title={`Perché questa posizione — domanda ${e.platformId}`}>
        Perché la domanda <span className="font-monospace">{e.platformId}</span> è in questa posizione
      </PageTitle>
      <Score explanation={e} />
      <Review explanation={e} />
      <section aria-labelledby="posizioni" className="mt-4">
        <h2 id="posizioni" className="h4">
          Posizione in graduatoria
        </h2>
        {e.positions.length === 0 ? (
          <p data-testid="explanation-no-position">
            {e.text.split('\n').at(-1) ?? 'La domanda non compare nelle graduatorie.'}
          </p>
        ) : (
          <ul className="list-unstyled">
            {e.positions.map((p) => (
              <li key={`${p.owner}|${p.comune}`} className="note-item" data-testid="explanation-position">
                <h3 className="h6 mb-1">
                  {p.owner} – {p.comune}: posizione {p.position} su {p.total}
                </h3>
                <p className="mb-0">{p.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {back}
    </div>
  );
}

function Score({ explanation }: { readonly explanation: Explanation }) {
  return (
    <section aria-labelledby="punteggio" className="mt-4">
      <h2 id="punteggio" className="h4">
        Punteggio
      </h2>
      <p data-testid="explanation-score">
        Il punteggio ISBAR attribuito alla domanda dalla piattaforma regionale è{' '}
        <strong>{formatIsbar(explanation.isbar)}</strong>. Le domande sono ordinate dal punteggio più alto al più basso.
      </p>
    </section>
  );
}

function Review({ explanation }: { readonly explanation: Explanation }) {
  const { review } = explanation;
  return (
    <section aria-labelledby="requisiti" className="mt-4">
      <h2 id="requisiti" className="h4">
        Verifica dei requisiti
      </h2>
      {review === null ? (
        <p data-testid="explanation-review">La verifica dei requisiti non è ancora conclusa.</p>
      ) : (
        <p data-testid="explanation-review">
          {review.decision === 'admitted' ? 'La domanda è stata ammessa.' : 'La domanda è stata esclusa.'} Motivazione:{' '}
          {review.reason}
        </p>
      )}
    </section>
  );
}
