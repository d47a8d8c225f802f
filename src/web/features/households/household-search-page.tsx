import { Icon } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { HouseholdSummary } from '../../../shared/households.js';
import { SelectField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { useApiResource } from '../../lib/use-api.js';
import { canEditHouseholds, useCurrentUser } from '../auth/session-context.js';
import { getAmbito, searchHouseholds, type Ambito } from './households-api.js';

const PAGE_SIZE = 20;

export function HouseholdSearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const comuneId = params.get('comune') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('pagina') ?? '1', 10) || 1);

  const ambito = useApiResource('ambito', getAmbito);
  const results = useApiResource(`households?${q}|${comuneId}|${page}`, () =>
    searchHouseholds({
      q: q || undefined,
      comuneId: comuneId || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );

  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('pagina', String(p));
    else next.delete('pagina');
    return `?${next.toString()}`;
  };

  const user = useCurrentUser();
  const total = results.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="container-xxl my-4">
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title="Nuclei familiari" className="mb-0" />
        {canEditHouseholds(user.role) ? (
          <Link to="/nuclei/nuovo" className="btn btn-primary btn-icon" data-testid="new-household">
            <Icon icon="it-plus-circle" color="white" size="sm" />
            <span>Nuovo nucleo</span>
          </Link>
        ) : null}
      </div>

      <SearchForm
        key={`${q}|${comuneId}`}
        initialQ={q}
        initialComuneId={comuneId}
        ambito={ambito.data}
        onSearch={(nextQ, nextComune) => {
          const next = new URLSearchParams();
          if (nextQ.trim()) next.set('q', nextQ.trim());
          if (nextComune) next.set('comune', nextComune);
          setParams(next);
        }}
      />

      <section aria-labelledby="results-title" className="mt-4">
        <h2 id="results-title" className="h4">
          Risultati
        </h2>
        <p role="status" className="mb-2" data-testid="results-count">
          {results.loading ? 'Ricerca in corso…' : results.data ? describeCount(total, page, pageCount) : ''}
        </p>
        {results.error ? <ErrorAlert error={results.error} /> : null}
        {results.loading && !results.data ? <Loading text="Ricerca in corso…" /> : null}
        {results.data && results.data.items.length > 0 ? <ResultsTable items={results.data.items} /> : null}
        <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
      </section>
    </div>
  );
}

function describeCount(total: number, page: number, pageCount: number): string {
  if (total === 0) return 'Nessun nucleo corrisponde alla ricerca.';
  const found = total === 1 ? '1 nucleo trovato' : `${total} nuclei trovati`;
  return pageCount > 1 ? `${found}, pagina ${page} di ${pageCount}.` : `${found}.`;
}

function SearchForm(props: {
  readonly initialQ: string;
  readonly initialComuneId: string;
  readonly ambito: Ambito | undefined;
  readonly onSearch: (q: string, comuneId: string) => void;
}) {
  const user = useCurrentUser();
  const [q, setQ] = useState(props.initialQ);
  const [comuneId, setComuneId] = useState(props.initialComuneId);
  const comuni = (props.ambito?.comuni ?? []).filter(
    (c) => user.comuneIds.length === 0 || user.comuneIds.includes(c.id),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    props.onSearch(q, comuneId);
  }

  return (
    <form
      role="search"
      aria-label="Ricerca dei nuclei familiari"
      onSubmit={onSubmit}
      className="search-form"
      noValidate
    >
      <div className="row g-3 align-items-end">
        <div className="col-12 col-lg-6">
          <TextField
            id="household-search-q"
            name="q"
            type="search"
            label="Cognome, codice fiscale o indirizzo"
            value={q}
            onValueChange={setQ}
            autoComplete="off"
            data-testid="household-search-input"
            maxLength={100}
          />
        </div>
        <div className="col-12 col-md-8 col-lg-4">
          <SelectField
            id="household-search-comune"
            name="comune"
            label="Comune"
            value={comuneId}
            onValueChange={setComuneId}
            placeholder="Tutti i Comuni"
            options={comuni.map((c) => ({ value: c.id, label: c.name }))}
            data-testid="household-search-comune"
          />
        </div>
        <div className="col-12 col-md-4 col-lg-2">
          <div className="form-group">
            <button type="submit" className="btn btn-primary w-100" data-testid="household-search-submit">
              Cerca
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}

function ResultsTable({ items }: { readonly items: readonly HouseholdSummary[] }) {
  return (
    <div className="table-responsive">
      <table className="table table-hover align-middle" data-testid="household-results">
        <caption className="visually-hidden">Nuclei familiari trovati</caption>
        <thead>
          <tr>
            <th scope="col">Codice</th>
            <th scope="col">Richiedente</th>
            <th scope="col">Codice fiscale</th>
            <th scope="col">Indirizzo</th>
            <th scope="col">Comune</th>
            <th scope="col" className="text-end">
              Componenti
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => (
            <tr key={h.id} data-testid="household-row">
              <th scope="row">
                <Link to={`/nuclei/${encodeURIComponent(h.id)}`} data-testid="household-link">
                  {h.code}
                </Link>
              </th>
              <td>{h.applicantName ?? '—'}</td>
              <td className="font-monospace">{h.applicantFiscalCode ?? '—'}</td>
              <td>{h.address}</td>
              <td>{h.comuneName}</td>
              <td className="text-end">{h.membersCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
