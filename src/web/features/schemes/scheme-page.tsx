import { Link, useLocation, useParams } from 'react-router';
import type { PointsSchemeInput } from '../../../shared/schemes.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { canOpenHouseholds, useCurrentUser } from '../auth/session-context.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import {
  BASIS_LABELS,
  canWriteSchemes,
  describeCondition,
  formatPoints,
  newVersionHref,
  tieBreakLabel,
} from './scheme-model.js';
import { getScheme } from './schemes-api.js';
import { SchemesBreadcrumb } from './schemes-list-page.js';
import { ScoreSection } from './score-section.js';

export interface SchemeFlash {
  readonly flash?: string;
}

/** One version of a points scheme, readable: requirements, criteria, tie-breaks, validity; and a trial on a household. */
export function SchemePage() {
  const { code = '', version = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as SchemeFlash | null)?.flash;
  const scheme = useApiResource(`scheme/${code}/${version}`, () => getScheme(code, version));

  if (scheme.error?.status === 404 || scheme.error?.code === 'BAD_REQUEST') return <NotFoundPage />;
  if (scheme.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (scheme.error) {
    return (
      <div className="container-xxl my-4">
        <SchemesBreadcrumb current="Schema di punteggio" />
        <PageTitle title="Schema di punteggio" />
        <ErrorAlert error={scheme.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={scheme.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!scheme.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento dello schema…" />
      </div>
    );
  }
  return <SchemeView scheme={scheme.data} flash={flash} />;
}

function SchemeView({ scheme, flash }: { readonly scheme: PointsSchemeInput; readonly flash: string | undefined }) {
  const user = useCurrentUser();
  const maxPoints = scheme.criteria.reduce((sum, c) => sum + Math.round(c.points * 100), 0) / 100;
  return (
    <div className="container-xxl my-4" data-testid="scheme-page">
      <SchemesBreadcrumb current={`${scheme.name} (versione ${scheme.version})`} />
      {flash ? <SuccessAlert>{flash}</SuccessAlert> : null}
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title={`${scheme.name} — versione ${scheme.version}`} className="mb-0">
          <span data-testid="scheme-name">{scheme.name}</span>
        </PageTitle>
        {canWriteSchemes(user.role) ? (
          <Link
            to={newVersionHref(scheme.id, scheme.version)}
            className="btn btn-outline-primary"
            data-testid="scheme-new-version"
          >
            Nuova versione
          </Link>
        ) : null}
      </div>
      <dl className="row" data-testid="scheme-facts">
        <dt className="col-sm-3 col-lg-2">Codice</dt>
        <dd className="col-sm-9 col-lg-10 font-monospace">{scheme.id}</dd>
        <dt className="col-sm-3 col-lg-2">Versione</dt>
        <dd className="col-sm-9 col-lg-10 font-monospace" data-testid="scheme-version">
          {scheme.version}
        </dd>
        <dt className="col-sm-3 col-lg-2">Validità</dt>
        <dd className="col-sm-9 col-lg-10" data-testid="scheme-validity">
          dal {formatDate(scheme.validFrom)}
          {scheme.validTo ? ` al ${formatDate(scheme.validTo)}` : ', senza data di fine'} (estremi compresi)
        </dd>
        <dt className="col-sm-3 col-lg-2">Punteggio massimo</dt>
        <dd className="col-sm-9 col-lg-10">{formatPoints(maxPoints)} punti</dd>
      </dl>

      <section aria-labelledby="scheme-eligibility" className="mt-4">
        <h2 id="scheme-eligibility" className="h4">
          Requisiti di accesso
        </h2>
        {scheme.eligibility.length === 0 ? (
          <p>Nessun requisito: ogni nucleo è ammesso alla valutazione.</p>
        ) : (
          <>
            <p>Devono valere tutti. Un dato mancante non è mai considerato soddisfatto.</p>
            <div className="table-responsive">
              <table className="table align-middle" data-testid="scheme-eligibility-table">
                <caption className="visually-hidden">Requisiti di accesso dello schema</caption>
                <thead>
                  <tr>
                    <th scope="col">Requisito</th>
                    <th scope="col">Condizione</th>
                    <th scope="col">Fonte</th>
                  </tr>
                </thead>
                <tbody>
                  {scheme.eligibility.map((r) => (
                    <tr key={r.code} data-testid="scheme-rule">
                      <th scope="row">
                        {r.label} <span className="d-block small font-monospace fw-normal">{r.code}</span>
                      </th>
                      <td>{describeCondition(r.condition)}</td>
                      <td>{r.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="scheme-criteria" className="mt-4">
        <h2 id="scheme-criteria" className="h4">
          Criteri di punteggio
        </h2>
        <p>Ogni criterio soddisfatto aggiunge i suoi punti; i punti sono sempre positivi o nulli.</p>
        <div className="table-responsive">
          <table className="table align-middle" data-testid="scheme-criteria-table">
            <caption className="visually-hidden">Criteri di punteggio dello schema</caption>
            <thead>
              <tr>
                <th scope="col">Criterio</th>
                <th scope="col">Condizione</th>
                <th scope="col" className="text-end">
                  Punti
                </th>
                <th scope="col">Base</th>
                <th scope="col">Fonte</th>
              </tr>
            </thead>
            <tbody>
              {scheme.criteria.map((c) => (
                <tr key={c.code} data-testid="scheme-criterion">
                  <th scope="row">
                    {c.label} <span className="d-block small font-monospace fw-normal">{c.code}</span>
                  </th>
                  <td>{describeCondition(c.condition)}</td>
                  <td className="text-end">{formatPoints(c.points)}</td>
                  <td>{BASIS_LABELS[c.basis]}</td>
                  <td>{c.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="scheme-ties" className="mt-4">
        <h2 id="scheme-ties" className="h4">
          Criteri per le parità di punteggio
        </h2>
        {scheme.tieBreakKeys.length === 0 ? (
          <p>Nessun criterio indicato: a parità di punteggio decide l’identificativo della domanda.</p>
        ) : (
          <>
            <ol data-testid="scheme-tie-breaks">
              {scheme.tieBreakKeys.map((k) => (
                <li key={k}>{tieBreakLabel(k)}</li>
              ))}
            </ol>
            <p className="small">In ultimo decide sempre l’identificativo della domanda.</p>
          </>
        )}
      </section>

      <details className="mt-4">
        <summary>Lo schema come dati (JSON)</summary>
        <pre className="bg-light p-3 small" data-testid="scheme-json">
          {JSON.stringify(scheme, null, 2)}
        </pre>
      </details>

      {canOpenHouseholds(user.role) ? (
        <ScoreSection scheme={scheme} />
      ) : (
        <section aria-labelledby="score-title" className="mt-5">
          <h2 id="score-title" className="h4">
            Prova su un nucleo
          </h2>
          <p>La prova legge i dati di un nucleo familiare: è riservata a chi consulta i fascicoli dei nuclei.</p>
        </section>
      )}
    </div>
  );
}
