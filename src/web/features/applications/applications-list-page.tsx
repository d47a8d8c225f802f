import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  type ApplicationState,
  type ApplicationSummary,
} from '../../../shared/applications.js';
import { roleEntersSapApplications, roleManagesSap } from '../../../shared/permissions.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getCall } from '../calls/calls-api.js';
import { getAmbito } from '../households/households-api.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { listApplications } from './applications-api.js';
import { APPLICATION_STATE_BADGES, formatIsbar } from './labels.js';

const PAGE_SIZE = 50;

function asState(value: string | null): ApplicationState | undefined {
  return APPLICATION_STATES.find((s) => s === value);
}

export function ApplicationsListPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const state = asState(params.get('stato'));
  const comuneId = params.get('comune') ?? '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('pagina') ?? '1', 10) || 1);
  const call = useApiResource(`call/${id}`, () => getCall(id));
  const ambito = useApiResource('ambito', getAmbito);
  const results = useApiResource(`applications/${id}?${state ?? ''}|${comuneId}|${q}|${page}`, () =>
    listApplications(id, {
      state,
      comuneId: comuneId || undefined,
      q: q || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );

  const error = call.error ?? results.error;
  if (error?.status === 404) return <NotFoundPage />;
  if (error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  const code = call.data?.code ?? '';
  const callPath = `/avvisi/${encodeURIComponent(id)}`;
  const total = results.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('pagina', String(p));
    else next.delete('pagina');
    return `?${next.toString()}`;
  };

  return (
    <div className="container-xxl my-4" data-testid="applications-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/avvisi">Avvisi</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={callPath}>{code || 'Avviso'}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Domande
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title={code ? `Domande dell’avviso ${code}` : 'Domande dell’avviso'} className="mb-0" />
        <div className="d-flex gap-2 flex-wrap">
          {roleManagesSap(user.role) ? (
            <Link to={`${callPath}/importa-domande`} className="btn btn-outline-primary btn-sm">
              Importa domande
            </Link>
          ) : null}
          {roleEntersSapApplications(user.role) ? (
            <Link to={`${callPath}/domande/nuova`} className="btn btn-outline-primary btn-sm">
              Nuova domanda allo sportello
            </Link>
          ) : null}
        </div>
      </div>

      <FilterForm
        key={`${state ?? ''}|${comuneId}|${q}`}
        initial={{ state: state ?? '', comuneId, q }}
        comuni={ambito.data?.comuni ?? []}
        onSearch={(next) => {
          const p = new URLSearchParams();
          if (next.state) p.set('stato', next.state);
          if (next.comuneId) p.set('comune', next.comuneId);
          if (next.q.trim()) p.set('q', next.q.trim());
          setParams(p);
        }}
      />

      <section aria-labelledby="applications-results" className="mt-4">
        <h2 id="applications-results" className="h4">
          Risultati
        </h2>
        {results.data ? (
          <p className="small" data-testid="applications-counts">
            {APPLICATION_STATES.map((s) => `${APPLICATION_STATE_LABELS[s]}: ${results.data?.counts[s] ?? 0}`).join(
              ' · ',
            )}
          </p>
        ) : null}
        <p role="status" data-testid="applications-count">
          {results.loading
            ? 'Ricerca in corso…'
            : results.data
              ? total === 0
                ? 'Nessuna domanda corrisponde alla ricerca.'
                : `${total === 1 ? '1 domanda' : `${total} domande`}${pageCount > 1 ? `, pagina ${page} di ${pageCount}` : ''}.`
              : ''}
        </p>
        {error ? <ErrorAlert error={error} /> : null}
        {results.loading && !results.data ? <Loading text="Ricerca in corso…" /> : null}
        {results.data && results.data.items.length > 0 ? <ApplicationsTable items={results.data.items} /> : null}
        <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
      </section>
    </div>
  );
}

interface Filters {
  readonly state: string;
  readonly comuneId: string;
  readonly q: string;
}

function FilterForm(props: {
  readonly initial: Filters;
  readonly comuni: readonly { id: string; name: string }[];
  readonly onSearch: (f: Filters) => void;
}) {
  const [state, setState] = useState(props.initial.state);
  const [comuneId, setComuneId] = useState(props.initial.comuneId);
  const [q, setQ] = useState(props.initial.q);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    props.onSearch({ state, comuneId, q });
  }
  return (
    <form role="search" aria-label="Filtri delle domande" onSubmit={onSubmit} noValidate className="search-form">
      <div className="row g-3 align-items-end">
        <div className="col-12 col-md-4 col-lg-3">
          <SelectField
            id="applications-state"
            label="Istruttoria"
            placeholder="Tutte"
            options={optionsFrom(APPLICATION_STATE_LABELS)}
            value={state}
            onValueChange={setState}
            data-testid="applications-state"
          />
        </div>
        <div className="col-12 col-md-4 col-lg-3">
          <SelectField
            id="applications-comune"
            label="Comune di residenza"
            placeholder="Tutti i Comuni"
            options={props.comuni.map((c) => ({ value: c.id, label: c.name }))}
            value={comuneId}
            onValueChange={setComuneId}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-4">
          <TextField
            id="applications-q"
            type="search"
            label="Numero, protocollo, cognome o codice fiscale"
            value={q}
            onValueChange={setQ}
            maxLength={100}
            autoComplete="off"
          />
        </div>
        <div className="col-12 col-lg-2">
          <div className="form-group">
            <button type="submit" className="btn btn-primary w-100" data-testid="applications-search">
              Cerca
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}

function ApplicationsTable({ items }: { readonly items: readonly ApplicationSummary[] }) {
  return (
    <div className="table-responsive">
      <table className="table table-hover align-middle" data-testid="applications-table">
        <caption className="visually-hidden">Domande dell’avviso, per ISBAR decrescente</caption>
        <thead>
          <tr>
            <th scope="col">Domanda</th>
            <th scope="col">Richiedente</th>
            <th scope="col">Residenza</th>
            <th scope="col" className="text-end">
              Componenti
            </th>
            <th scope="col" className="text-end">
              ISEE
            </th>
            <th scope="col" className="text-end">
              ISBAR
            </th>
            <th scope="col">Alloggi scelti</th>
            <th scope="col">Istruttoria</th>
            <th scope="col">Nucleo</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid="application-row">
              <th scope="row">
                <Link to={`/domande/${encodeURIComponent(a.id)}`} data-testid="application-link">
                  {a.platformId}
                </Link>
                <span className="d-block small text-secondary">
                  {formatDateTime(a.submittedAt)}
                  {a.source === 'front_desk' ? ' · sportello' : ''}
                </span>
              </th>
              <td>
                {a.applicantName}
                <span className="d-block small font-monospace">{a.fiscalCode}</span>
              </td>
              <td>{a.residenceComuneName}</td>
              <td className="text-end">{a.membersCount}</td>
              <td className="text-end text-nowrap">
                {formatEuro(a.iseeCents)}
                {a.indigent ? <span className="d-block small">indigente</span> : null}
              </td>
              <td className="text-end">{formatIsbar(a.isbar)}</td>
              <td>{a.choices.length > 0 ? a.choices.join(', ') : 'Nessuno'}</td>
              <td>
                <span className={`badge ${APPLICATION_STATE_BADGES[a.state]}`}>
                  {APPLICATION_STATE_LABELS[a.state]}
                </span>
              </td>
              <td>
                <Link to={`/nuclei/${encodeURIComponent(a.householdId)}`}>{a.householdCode}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
