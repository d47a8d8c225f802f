import { Icon } from 'design-react-kit';
import { Link } from 'react-router';
import { CALL_KIND_LABELS, type CallSummary } from '../../../shared/calls.js';
import { roleManagesSap } from '../../../shared/permissions.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { listCalls } from './calls-api.js';

export function CallsListPage() {
  const user = useCurrentUser();
  const calls = useApiResource('calls', listCalls);
  return (
    <div className="container-xxl my-4" data-testid="calls-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/erp">Edilizia pubblica (ERP)</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Avvisi
          </li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title="Avvisi pubblici" className="mb-0" />
        {roleManagesSap(user.role) ? (
          <Link to="/avvisi/nuovo" className="btn btn-primary btn-icon" data-testid="new-call">
            <Icon icon="it-plus-circle" color="white" size="sm" />
            <span>Nuovo avviso</span>
          </Link>
        ) : null}
      </div>
      <p>
        Gli avvisi dell’Ambito per l’assegnazione dei servizi abitativi pubblici (R.R. 4/2017 art. 8): periodo di
        presentazione delle domande, alloggi offerti, quote e scadenze.
      </p>
      {calls.error ? <ErrorAlert error={calls.error} /> : null}
      {calls.loading && !calls.data ? <Loading text="Caricamento degli avvisi…" /> : null}
      {calls.data ? <CallsTable items={calls.data.items} /> : null}
    </div>
  );
}

function CallsTable({ items }: { readonly items: readonly CallSummary[] }) {
  if (items.length === 0) return <p data-testid="calls-empty">Nessun avviso.</p>;
  return (
    <div className="table-responsive">
      <table className="table table-hover align-middle" data-testid="calls-table">
        <caption className="visually-hidden">Avvisi pubblici dell’Ambito</caption>
        <thead>
          <tr>
            <th scope="col">Codice</th>
            <th scope="col">Nome</th>
            <th scope="col">Tipo</th>
            <th scope="col">Domande dal</th>
            <th scope="col">al</th>
            <th scope="col" className="text-end">
              Alloggi
            </th>
            <th scope="col" className="text-end">
              Domande
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id} data-testid="call-row">
              <th scope="row">
                <Link to={`/avvisi/${encodeURIComponent(c.id)}`} data-testid="call-link">
                  {c.code}
                </Link>
              </th>
              <td>{c.name}</td>
              <td>{CALL_KIND_LABELS[c.kind]}</td>
              <td>{formatDate(c.opensOn)}</td>
              <td>{formatDate(c.closesOn)}</td>
              <td className="text-end">{c.unitsCount}</td>
              <td className="text-end">{c.applicationsCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
