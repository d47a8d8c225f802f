import { Link, useParams } from 'react-router';
import { roleManagesSap } from '../../../shared/permissions.js';
import { RANKING_STATE_LABELS, type RankingsView } from '../../../shared/rankings.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { CorrectionsSection } from './corrections-section.js';
import { RANKING_STATE_BADGES, tieBreakLabel } from './labels.js';
import { RankingActions } from './ranking-actions.js';
import { RankingTables } from './ranking-tables.js';
import { getRankings } from './rankings-api.js';

/** The links above a page of a call: the public-housing area, the call, the page itself. */
export function CallBreadcrumb({ call, current }: { readonly call: RankingsView['call']; readonly current: string }) {
  return (
    <nav aria-label="Percorso" className="breadcrumb-container">
      <ol className="breadcrumb">
        <li className="breadcrumb-item">
          <Link to="/erp">Edilizia pubblica (ERP)</Link>
          <span className="separator">/</span>
        </li>
        <li className="breadcrumb-item">
          <Link to="/avvisi">Avvisi</Link>
          <span className="separator">/</span>
        </li>
        <li className="breadcrumb-item">
          <Link to={`/avvisi/${encodeURIComponent(call.id)}`}>Avviso {call.code}</Link>
          <span className="separator">/</span>
        </li>
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}

export function RankingsPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const view = useApiResource(`rankings/${id}`, () => getRankings(id));

  if (view.error?.status === 404) return <NotFoundPage />;
  if (view.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (view.error && !view.data) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Graduatorie" />
        <ErrorAlert error={view.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={view.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!view.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento delle graduatorie…" />
      </div>
    );
  }
  const v = view.data;
  const canManage = roleManagesSap(user.role);
  return (
    <div className="container-xxl my-4" data-testid="rankings-page">
      <CallBreadcrumb call={v.call} current="Graduatorie" />
      <PageTitle title={`Graduatorie dell’avviso ${v.call.code}`} />
      <p className="lead">{v.call.name}</p>
      <p>
        <Link to={`/avvisi/${encodeURIComponent(v.call.id)}/assegnazioni`} data-testid="assignments-link">
          Assegnazioni dell’avviso
        </Link>
      </p>
      {view.error ? <ErrorAlert error={view.error} title="Non è stato possibile aggiornare la pagina." /> : null}
      <RunSummary view={v} />
      {canManage ? <RankingActions view={v} onChange={view.reload} /> : null}
      <DeadlinesSection deadlines={v.deadlines} />
      <RankingTables view={v} />
      <CorrectionsSection view={v} canManage={canManage} onChange={view.reload} />
    </div>
  );
}

function RunSummary({ view }: { readonly view: RankingsView }) {
  const { run } = view;
  if (!run) {
    return (
      <p data-testid="ranking-none">
        Per questo avviso non è ancora stata calcolata una graduatoria. Le domande sono ordinate per punteggio ISBAR
        quando si calcola la graduatoria.
      </p>
    );
  }
  return (
    <section aria-labelledby="ranking-run" className="mb-4">
      <h2 id="ranking-run" className="visually-hidden">
        Elaborazione
      </h2>
      <p className="mb-2">
        Stato:{' '}
        <span className={`badge ${RANKING_STATE_BADGES[run.state]}`} data-testid="ranking-state">
          {RANKING_STATE_LABELS[run.state]}
        </span>
        <span className="ms-2">
          calcolata il {formatDateTime(run.createdAt)}
          {run.publishedOn ? `, pubblicata il ${formatDate(run.publishedOn)}` : ''}
          {run.finalisedOn ? `, definitiva dal ${formatDate(run.finalisedOn)}` : ''}.
        </span>
      </p>
      <p className="mb-1">
        Parità di punteggio ISBAR, nell’ordine:{' '}
        <span data-testid="tie-break-keys">{run.tieBreakKeys.map(tieBreakLabel).join('; ')}</span>.
      </p>
      <p className="small mb-2" data-testid="tie-break-note">
        L’elenco dei criteri di parità dell’art. 12 c.3 del R.R. 4/2017 non è ancora stato verificato sul testo: quello
        usato è configurabile per ogni avviso.
      </p>
      <p className="small text-secondary mb-0" data-testid="ranking-reproducibility">
        Elaborazione riproducibile: regole <span className="font-monospace">{run.rulesetVersion}</span>, seme del
        sorteggio <span className="font-monospace">{run.seed}</span>, impronta dei dati{' '}
        <span className="font-monospace text-break">{run.inputHash}</span>
        {run.supersedesId ? ' (sostituisce un calcolo precedente)' : ''}.
      </p>
    </section>
  );
}

function DeadlinesSection({ deadlines }: { readonly deadlines: RankingsView['deadlines'] }) {
  return (
    <section aria-labelledby="scadenze" className="household-section">
      <h2 id="scadenze" className="h3">
        Scadenze
      </h2>
      {deadlines.length === 0 ? (
        <p>Nessuna scadenza calcolata.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="deadlines">
            <caption className="visually-hidden">Scadenze della graduatoria</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Scadenza</th>
                <th scope="col">Fonte</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => (
                <tr key={d.code} data-testid="deadline">
                  <td className="text-nowrap">{formatDate(d.on)}</td>
                  <td>{d.text}</td>
                  <td className="small">{d.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
