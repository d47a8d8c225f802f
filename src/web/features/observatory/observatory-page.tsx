// The observatory of the Ambito: dashboards with charts, each also as a table, filters by Comune
// and year, exports (CSV, XLSX, open data) and the draft of the annual offer plan.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  DASHBOARD_GROUPS,
  DASHBOARD_LABELS,
  dashboardSchema,
  type Dataset,
  type DashboardGroup,
} from '../../../shared/observatory.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { apiFetch, withQuery } from '../../lib/api.js';
import { formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { Chart } from './chart.js';

function cell(dataset: Dataset, key: string, value: string | number | null) {
  if (value === null) return '—';
  const kind = dataset.columns.find((c) => c.key === key)?.kind;
  if (kind === 'euro' && typeof value === 'number') return formatEuro(value);
  if (kind === 'number' && typeof value === 'number') return value.toLocaleString('it-IT');
  return String(value);
}

function DatasetSection({
  dataset,
  query,
}: {
  readonly dataset: Dataset;
  readonly query: Record<string, string | undefined>;
}) {
  const base = `/api/observatory/datasets/${dataset.id}`;
  return (
    <section className="mb-5" aria-labelledby={`ds-${dataset.id}`} data-testid="observatory-dataset">
      <h2 id={`ds-${dataset.id}`} className="h4">
        {dataset.title}
      </h2>
      <p className="text-muted">{dataset.description}</p>
      <Chart dataset={dataset} />
      {dataset.rows.length === 0 ? (
        <p>Nessun dato per i filtri scelti.</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-sm table-striped">
            <caption>{dataset.title} (tabella dei dati del grafico)</caption>
            <thead>
              <tr>
                {dataset.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.kind === 'text' ? '' : 'text-end'}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dataset.rows.map((r, i) => (
                <tr key={i}>
                  {dataset.columns.map((c) => (
                    <td key={c.key} className={c.kind === 'text' ? '' : 'text-end'}>
                      {cell(dataset, c.key, r[c.key] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small">
        Scarica: <a href={withQuery(`${base}.csv`, query)}>CSV</a> · <a href={withQuery(`${base}.xlsx`, query)}>XLSX</a>{' '}
        ·{' '}
        <a href={withQuery(`${base}.csv`, { ...query, open: '1' })}>dati aperti (CSV, celle sotto 5 nuclei oscurate)</a>
      </p>
    </section>
  );
}

function OfferPlanForm() {
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [reserve, setReserve] = useState('20');
  const [sat, setSat] = useState('0');
  return (
    <section className="mb-5" aria-labelledby="piano">
      <h2 id="piano" className="h4">
        Bozza del piano annuale dell’offerta abitativa
      </h2>
      <p>
        Alloggi che si prevede di rendere disponibili per ente proprietario e Comune, con le quote di legge (indigenti,
        riserve, SAT: L.R. 16/2016 art. 6 e art. 23; R.R. 4/2017 art. 4). Il file XLSX è modificabile dall’ufficio.
      </p>
      <div className="row g-3 align-items-end">
        <div className="col-sm-3">
          <label htmlFor="plan-year" className="form-label">
            Anno
          </label>
          <input
            id="plan-year"
            className="form-control"
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
        <div className="col-sm-3">
          <label htmlFor="plan-reserve" className="form-label">
            Riserva categorie (%, max 20)
          </label>
          <input
            id="plan-reserve"
            className="form-control"
            inputMode="decimal"
            value={reserve}
            onChange={(e) => setReserve(e.target.value)}
          />
        </div>
        <div className="col-sm-3">
          <label htmlFor="plan-sat" className="form-label">
            Quota SAT (%, max 10)
          </label>
          <input
            id="plan-sat"
            className="form-control"
            inputMode="decimal"
            value={sat}
            onChange={(e) => setSat(e.target.value)}
          />
        </div>
        <div className="col-sm-3">
          <a
            className="btn btn-primary"
            href={withQuery('/api/observatory/offer-plan.xlsx', { year, reservePercent: reserve, satPercent: sat })}
            data-testid="offer-plan-download"
          >
            Scarica la bozza (XLSX)
          </a>
        </div>
      </div>
    </section>
  );
}

export function ObservatoryPage() {
  const { group: raw = 'demand' } = useParams();
  const group: DashboardGroup = (DASHBOARD_GROUPS as readonly string[]).includes(raw)
    ? (raw as DashboardGroup)
    : 'demand';
  const [params, setParams] = useSearchParams();
  const comuneId = params.get('comune') ?? '';
  const year = params.get('anno') ?? '';
  const query = { comuneId: comuneId || undefined, year: year || undefined };
  const dashboard = useApiResource(`observatory/${group}/${comuneId}/${year}`, () =>
    apiFetch('GET', withQuery(`/api/observatory/dashboards/${group}`, query), undefined, dashboardSchema),
  );
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <div className="container-xxl my-4" data-testid="observatory-page">
      <PageTitle title={`Osservatorio – ${DASHBOARD_LABELS[group]}`}>Osservatorio dell’Ambito</PageTitle>
      <nav aria-label="Cruscotti dell’osservatorio">
        <ul className="nav nav-tabs mb-3">
          {DASHBOARD_GROUPS.map((g) => (
            <li key={g} className="nav-item">
              <Link
                className={`nav-link${g === group ? ' active' : ''}`}
                aria-current={g === group ? 'page' : undefined}
                to={`/osservatorio/${g}${params.toString() ? `?${params.toString()}` : ''}`}
              >
                {DASHBOARD_LABELS[g]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="row g-3 mb-4" aria-label="Filtri" onSubmit={(e) => e.preventDefault()}>
        <div className="col-sm-4">
          <label htmlFor="filter-comune" className="form-label">
            Comune
          </label>
          <select
            id="filter-comune"
            className="form-select"
            value={comuneId}
            onChange={(e) => setFilter('comune', e.target.value)}
          >
            <option value="">Tutto l’Ambito</option>
            {(dashboard.data?.comuni ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="col-sm-3">
          <label htmlFor="filter-year" className="form-label">
            Anno
          </label>
          <select
            id="filter-year"
            className="form-select"
            value={year}
            onChange={(e) => setFilter('anno', e.target.value)}
          >
            <option value="">Tutti gli anni</option>
            {Array.from({ length: 15 }, (_, i) => String(new Date().getFullYear() - i)).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </form>
      {dashboard.error ? <ErrorAlert error={dashboard.error} /> : null}
      {!dashboard.data ? (
        dashboard.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <p className="small text-muted" data-testid="observatory-refreshed">
            Dati aggiornati al {formatDateTime(dashboard.data.refreshedAt)} (ricalcolo automatico ogni 15 minuti).{' '}
            <button
              type="button"
              className="btn btn-link btn-sm p-0 align-baseline"
              onClick={() =>
                void apiFetch('POST', '/api/observatory/refresh', {}).then(dashboard.reload, dashboard.reload)
              }
            >
              Aggiorna ora
            </button>
          </p>
          {dashboard.data.notes.map((n) => (
            <p key={n} className="alert alert-info">
              {n}
            </p>
          ))}
          {dashboard.data.datasets.map((d) => (
            <DatasetSection key={d.id} dataset={d} query={query} />
          ))}
          {group === 'supply' ? (
            <>
              <OfferPlanForm />
              <p>
                <a href={withQuery('/api/observatory/exports/applications.xlsx', query)}>
                  Scarica tutte le domande senza dati personali (XLSX, ISEE per fasce)
                </a>
              </p>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
