import { Icon } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { roleManagesSap } from '../../../shared/permissions.js';
import {
  UNIT_PROGRAMME_LABELS,
  UNIT_PROGRAMMES,
  UNIT_STATE_LABELS,
  UNIT_STATES,
  type UnitSummary,
} from '../../../shared/units.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getAmbito, type Ambito } from '../households/households-api.js';
import { formatArea, formatFloor, parseArea } from './labels.js';
import { UnitStateBadge } from './unit-state-badge.js';
import { listUnits } from './units-api.js';

const PAGE_SIZE = 25;

/** The filters as they sit in the address bar (Italian names, so that a link can be shared). */
const PARAMS = {
  q: 'q',
  ownerId: 'ente',
  comuneId: 'comune',
  state: 'stato',
  programme: 'programma',
  accessible: 'accessibile',
  minArea: 'min',
  maxArea: 'max',
} as const;
type FilterKey = keyof typeof PARAMS;
type Filters = Record<FilterKey, string>;

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function UnitListPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    (Object.keys(PARAMS) as FilterKey[]).map((k) => [k, params.get(PARAMS[k]) ?? '']),
  ) as Filters;
  const page = Math.max(1, Number.parseInt(params.get('pagina') ?? '1', 10) || 1);
  const user = useCurrentUser();
  const ambito = useApiResource('ambito', getAmbito);

  const key = `units?${params.toString()}`;
  const results = useApiResource(key, () =>
    listUnits({
      q: filters.q || undefined,
      ownerId: filters.ownerId || undefined,
      comuneId: filters.comuneId || undefined,
      state: oneOf(UNIT_STATES, filters.state),
      programme: oneOf(UNIT_PROGRAMMES, filters.programme),
      accessible: filters.accessible === 'si' ? 'true' : filters.accessible === 'no' ? 'false' : undefined,
      minAreaM2: parseArea(filters.minArea) ?? undefined,
      maxAreaM2: parseArea(filters.maxArea) ?? undefined,
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
  const total = results.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <div className="container-xxl my-4" data-testid="unit-list-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/erp">Edilizia pubblica (ERP)</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Patrimonio abitativo
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title="Patrimonio abitativo" className="mb-0" />
        {roleManagesSap(user.role) ? (
          <Link to="/alloggi/importa" className="btn btn-primary btn-icon" data-testid="units-import-link">
            <Icon icon="it-upload" color="white" size="sm" />
            <span>Importa alloggi da file</span>
          </Link>
        ) : null}
      </div>

      <FilterForm
        key={params.toString()}
        initial={filters}
        ambito={ambito.data}
        onSearch={(next) => {
          const search = new URLSearchParams();
          for (const k of Object.keys(PARAMS) as FilterKey[]) {
            const value = next[k].trim();
            if (value) search.set(PARAMS[k], value);
          }
          setParams(search);
        }}
      />

      <section aria-labelledby="units-results-title" className="mt-4">
        <h2 id="units-results-title" className="h4">
          Alloggi
        </h2>
        <p role="status" className="mb-2" data-testid="results-count">
          {results.loading ? 'Ricerca in corso…' : results.data ? describeCount(total, page, pageCount) : ''}
        </p>
        {results.error ? <ErrorAlert error={results.error} /> : null}
        {results.loading && !results.data ? <Loading text="Ricerca in corso…" /> : null}
        {results.data && results.data.items.length > 0 ? <UnitsTable items={results.data.items} /> : null}
        <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} label="Pagine degli alloggi" />
      </section>
    </div>
  );
}

function describeCount(total: number, page: number, pageCount: number): string {
  if (total === 0) return 'Nessun alloggio corrisponde ai filtri.';
  const found = total === 1 ? '1 alloggio' : `${total.toLocaleString('it-IT')} alloggi`;
  return pageCount > 1 ? `${found}, pagina ${page} di ${pageCount}.` : `${found}.`;
}

function FilterForm(props: {
  readonly initial: Filters;
  readonly ambito: Ambito | undefined;
  readonly onSearch: (filters: Filters) => void;
}) {
  const [values, setValues] = useState<Filters>(props.initial);
  const [errors, setErrors] = useState<Partial<Record<FilterKey, string>>>({});
  const set = (k: FilterKey) => (value: string) => {
    setValues((v) => ({ ...v, [k]: value }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<FilterKey, string>> = {};
    if (parseArea(values.minArea) === null) next.minArea = 'Superficie non valida: scrivere ad esempio 45 o 45,5.';
    if (parseArea(values.maxArea) === null) next.maxArea = 'Superficie non valida: scrivere ad esempio 80 o 80,5.';
    setErrors(next);
    if (Object.keys(next).length === 0) props.onSearch(values);
  }

  return (
    <form role="search" aria-label="Filtri del patrimonio abitativo" onSubmit={onSubmit} noValidate>
      <div className="row g-3 align-items-end">
        <TextField
          className="col-12 col-lg-4"
          id="units-q"
          type="search"
          label="Codice o indirizzo"
          value={values.q}
          onValueChange={set('q')}
          autoComplete="off"
          maxLength={100}
          data-testid="units-q"
        />
        <SelectField
          className="col-12 col-md-6 col-lg-4"
          id="units-owner"
          label="Ente proprietario"
          placeholder="Tutti gli enti"
          options={(props.ambito?.owners ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={values.ownerId}
          onValueChange={set('ownerId')}
        />
        <SelectField
          className="col-12 col-md-6 col-lg-4"
          id="units-comune"
          label="Comune"
          placeholder="Tutti i Comuni"
          options={(props.ambito?.comuni ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={values.comuneId}
          onValueChange={set('comuneId')}
        />
        <SelectField
          className="col-12 col-md-6 col-lg-3"
          id="units-state"
          label="Stato"
          placeholder="Tutti gli stati"
          options={optionsFrom(UNIT_STATE_LABELS)}
          value={values.state}
          onValueChange={set('state')}
        />
        <SelectField
          className="col-12 col-md-6 col-lg-3"
          id="units-programme"
          label="Programma"
          placeholder="Tutti i programmi"
          options={optionsFrom(UNIT_PROGRAMME_LABELS)}
          value={values.programme}
          onValueChange={set('programme')}
        />
        <SelectField
          className="col-12 col-md-4 col-lg-2"
          id="units-accessible"
          label="Accessibile"
          placeholder="Indifferente"
          options={[
            { value: 'si', label: 'Sì' },
            { value: 'no', label: 'No' },
          ]}
          value={values.accessible}
          onValueChange={set('accessible')}
        />
        <TextField
          className="col-6 col-md-4 col-lg-2"
          id="units-min"
          label="Superficie da (m²)"
          inputMode="decimal"
          autoComplete="off"
          value={values.minArea}
          onValueChange={set('minArea')}
          error={errors.minArea}
        />
        <TextField
          className="col-6 col-md-4 col-lg-2"
          id="units-max"
          label="Superficie fino a (m²)"
          inputMode="decimal"
          autoComplete="off"
          value={values.maxArea}
          onValueChange={set('maxArea')}
          error={errors.maxArea}
        />
      </div>
      <div className="d-flex gap-3">
        <button type="submit" className="btn btn-primary" data-testid="units-search">
          Cerca
        </button>
        <Link to="/alloggi" className="btn btn-outline-primary">
          Azzera i filtri
        </Link>
      </div>
    </form>
  );
}

function UnitsTable({ items }: { readonly items: readonly UnitSummary[] }) {
  return (
    <div className="table-responsive">
      <table className="table table-hover align-middle" data-testid="unit-results">
        <caption className="visually-hidden">Alloggi del patrimonio che corrispondono ai filtri</caption>
        <thead>
          <tr>
            <th scope="col">Codice</th>
            <th scope="col">Indirizzo</th>
            <th scope="col">Comune</th>
            <th scope="col">Ente proprietario</th>
            <th scope="col" className="text-end">
              Superficie
            </th>
            <th scope="col" className="text-end">
              Vani
            </th>
            <th scope="col">Piano</th>
            <th scope="col">Accessibile</th>
            <th scope="col">Stato</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id} data-testid="unit-row">
              <th scope="row">
                <Link to={`/alloggi/${encodeURIComponent(u.id)}`} data-testid="unit-link">
                  {u.code}
                </Link>
              </th>
              <td>{u.address}</td>
              <td>{u.comuneName}</td>
              <td>{u.ownerName}</td>
              <td className="text-end text-nowrap">{formatArea(u.floorAreaDm2)}</td>
              <td className="text-end">{u.rooms}</td>
              <td>{formatFloor(u.floor)}</td>
              <td>{u.accessible ? 'Sì' : 'No'}</td>
              <td>
                <UnitStateBadge state={u.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
