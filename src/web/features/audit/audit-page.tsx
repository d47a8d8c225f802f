import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ROLE_LABELS, roleSchema } from '../../../shared/auth.js';
import { TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { Pagination } from '../../components/pagination.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { auditPageSchema } from '../../../shared/audit.js';
import { apiFetch, withQuery } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';

const PAGE_SIZE = 50;

const OUTCOME_LABELS: Record<string, string> = { ok: 'Riuscita', denied: 'Negata', failed: 'Non riuscita' };

function roleLabel(role: string | null): string {
  if (role === null) return '—';
  const parsed = roleSchema.safeParse(role);
  return parsed.success ? ROLE_LABELS[parsed.data] : role;
}

function detailsText(details: string | null): string {
  return details ?? '';
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const username = params.get('utente') ?? '';
  const householdId = params.get('nucleo') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('pagina') ?? '1', 10) || 1);

  const log = useApiResource(`audit?${username}|${householdId}|${page}`, () =>
    apiFetch(
      'GET',
      withQuery('/api/audit', {
        username: username || undefined,
        householdId: householdId || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      undefined,
      auditPageSchema,
    ),
  );
  const total = log.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('pagina', String(p));
    else next.delete('pagina');
    return `?${next.toString()}`;
  };

  return (
    <div className="container-xxl my-4">
      <PageTitle title="Registro accessi" />
      <p>Ogni consultazione e modifica dei fascicoli, con l'operatore che l'ha eseguita.</p>
      <AuditFilters
        key={`${username}|${householdId}`}
        initialUsername={username}
        initialHouseholdId={householdId}
        onApply={(u, h) => {
          const next = new URLSearchParams();
          if (u.trim()) next.set('utente', u.trim());
          if (h.trim()) next.set('nucleo', h.trim());
          setParams(next);
        }}
      />
      <p role="status" className="mt-3" data-testid="audit-count">
        {log.loading ? 'Caricamento in corso…' : log.data ? `${total} eventi registrati.` : ''}
      </p>
      {log.error ? <ErrorAlert error={log.error} /> : null}
      {log.loading && !log.data ? <Loading /> : null}
      {log.data && log.data.items.length > 0 ? (
        <div className="table-responsive">
          <table className="table table-sm align-middle audit-table" data-testid="audit-table">
            <caption className="visually-hidden">Eventi del registro accessi</caption>
            <thead>
              <tr>
                <th scope="col">Data e ora</th>
                <th scope="col">Operatore</th>
                <th scope="col">Azione</th>
                <th scope="col">Oggetto</th>
                <th scope="col">Nucleo</th>
                <th scope="col">Esito</th>
                <th scope="col">Richiesta</th>
                <th scope="col">Dettagli</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((item) => (
                <tr key={item.id} data-testid="audit-row">
                  <td className="text-nowrap">
                    <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  </td>
                  <td>
                    {item.username ?? '—'}
                    <span className="d-block small text-secondary">{roleLabel(item.role)}</span>
                  </td>
                  <td className="font-monospace small">{item.action}</td>
                  <td className="small">
                    {item.entityType}
                    {item.entityId ? (
                      <span className="d-block font-monospace text-secondary">{item.entityId}</span>
                    ) : null}
                  </td>
                  <td className="small">
                    {item.householdId ? <Link to={`/nuclei/${encodeURIComponent(item.householdId)}`}>Apri</Link> : '—'}
                  </td>
                  <td>{OUTCOME_LABELS[item.outcome] ?? item.outcome}</td>
                  <td className="small font-monospace">
                    {[item.method, item.path].filter(Boolean).join(' ')}
                    {item.ip ? <span className="d-block text-secondary">{item.ip}</span> : null}
                  </td>
                  <td className="small text-break audit-details">{detailsText(item.details)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.data && log.data.items.length === 0 ? <p>Nessun evento corrisponde ai filtri.</p> : null}
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} label="Paginazione del registro" />
    </div>
  );
}

function AuditFilters(props: {
  readonly initialUsername: string;
  readonly initialHouseholdId: string;
  readonly onApply: (username: string, householdId: string) => void;
}) {
  const [username, setUsername] = useState(props.initialUsername);
  const [householdId, setHouseholdId] = useState(props.initialHouseholdId);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    props.onApply(username, householdId);
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Filtri del registro" data-testid="audit-filters">
      <div className="row g-3 align-items-end">
        <TextField
          className="col-12 col-md-5"
          id="audit-username"
          label="Nome utente dell'operatore"
          autoComplete="off"
          value={username}
          onValueChange={setUsername}
        />
        <TextField
          className="col-12 col-md-5"
          id="audit-household"
          label="Identificativo del nucleo"
          autoComplete="off"
          value={householdId}
          onValueChange={setHouseholdId}
        />
        <div className="col-12 col-md-2">
          <div className="form-group">
            <button type="submit" className="btn btn-primary w-100">
              Filtra
            </button>
          </div>
        </div>
      </div>
    </form>
  );
}
