import { Icon } from 'design-react-kit';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { canWriteSchemes, newVersionHref, schemeHref } from './scheme-model.js';
import { listSchemes, type SchemeSummary } from './schemes-api.js';

export function SchemesBreadcrumb({ current, scheme }: { readonly current: string; readonly scheme?: boolean }) {
  return (
    <nav aria-label="Percorso" className="breadcrumb-container">
      <ol className="breadcrumb">
        <li className="breadcrumb-item">
          <Link to="/erp">Edilizia pubblica (ERP)</Link>
          <span className="separator">/</span>
        </li>
        {scheme === false ? null : (
          <li className="breadcrumb-item">
            <Link to="/schemi">Schemi di punteggio</Link>
            <span className="separator">/</span>
          </li>
        )}
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}

export function SchemesListPage() {
  const user = useCurrentUser();
  const schemes = useApiResource('schemes', listSchemes);
  const writer = canWriteSchemes(user.role);
  return (
    <div className="container-xxl my-4" data-testid="schemes-page">
      <SchemesBreadcrumb current="Schemi di punteggio" scheme={false} />
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-3 mb-3">
        <PageTitle title="Schemi di punteggio" className="mb-0" />
        {writer ? (
          <Link to="/schemi/nuovo" className="btn btn-primary btn-icon" data-testid="new-scheme">
            <Icon icon="it-plus-circle" color="white" size="sm" />
            <span>Nuovo schema</span>
          </Link>
        ) : null}
      </div>
      <p>
        I punteggi dei bandi che l’Agenzia calcola da sé (misure comunali, ospitalità temporanea): requisiti di accesso
        e criteri scritti come dati, con le fonti. Una versione non si modifica: ogni cambiamento è una nuova versione
        con la propria validità. Le graduatorie SAP usano invece l’ISBAR della piattaforma regionale.
      </p>
      {schemes.error ? <ErrorAlert error={schemes.error} /> : null}
      {schemes.loading && !schemes.data ? <Loading text="Caricamento degli schemi…" /> : null}
      {schemes.data ? <SchemesTable items={schemes.data} writer={writer} /> : null}
    </div>
  );
}

function SchemesTable({ items, writer }: { readonly items: readonly SchemeSummary[]; readonly writer: boolean }) {
  if (items.length === 0) return <p data-testid="schemes-empty">Nessuno schema di punteggio.</p>;
  return (
    <div className="table-responsive">
      <table className="table table-hover align-middle" data-testid="schemes-table">
        <caption className="visually-hidden">Schemi di punteggio e loro versioni</caption>
        <thead>
          <tr>
            <th scope="col">Nome</th>
            <th scope="col">Codice</th>
            <th scope="col">Versione</th>
            <th scope="col">Valido dal</th>
            <th scope="col">al</th>
            <th scope="col">Registrato il</th>
            {writer ? (
              <th scope="col">
                <span className="visually-hidden">Azioni</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={`${s.code}@${s.version}`} data-testid="scheme-row">
              <th scope="row">
                <Link to={schemeHref(s.code, s.version)} data-testid="scheme-link">
                  {s.name}
                </Link>
              </th>
              <td className="font-monospace">{s.code}</td>
              <td className="font-monospace">{s.version}</td>
              <td>{formatDate(s.validFrom)}</td>
              <td>{s.validTo ? formatDate(s.validTo) : 'senza scadenza'}</td>
              <td>{formatDateTime(s.createdAt)}</td>
              {writer ? (
                <td>
                  <Link to={newVersionHref(s.code, s.version)} data-testid="scheme-new-version">
                    Nuova versione
                    <span className="visually-hidden">
                      {' '}
                      a partire da {s.name}, versione {s.version}
                    </span>
                  </Link>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
