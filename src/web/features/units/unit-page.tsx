import { Link, useParams } from 'react-router';
import { roleManagesSap } from '../../../shared/permissions.js';
import {
  UNIT_CHANGE_SOURCE_LABELS,
  UNIT_PROGRAMME_LABELS,
  UNIT_STATE_LABELS,
  type UnitDetail,
} from '../../../shared/units.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { formatArea, formatFloor } from './labels.js';
import { UnitStateBadge } from './unit-state-badge.js';
import { UnitStateForm } from './unit-state-form.js';
import { getUnit } from './units-api.js';

export function UnitPage() {
  const { id = '' } = useParams();
  const unit = useApiResource(`unit/${id}`, () => getUnit(id));
  const user = useCurrentUser();

  if (unit.error?.status === 404) return <NotFoundPage />;
  if (unit.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (unit.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Alloggio" />
        <ErrorAlert error={unit.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={unit.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!unit.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento dell’alloggio…" />
      </div>
    );
  }
  const u = unit.data;
  const canChange = roleManagesSap(user.role) && (user.comuneIds.length === 0 || user.comuneIds.includes(u.comuneId));
  return (
    <div className="container-xxl my-4" data-testid="unit-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/erp">Edilizia pubblica (ERP)</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to="/alloggi">Patrimonio abitativo</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {u.code}
          </li>
        </ol>
      </nav>
      <header>
        <PageTitle title={`Alloggio ${u.code}`}>
          Alloggio <span data-testid="unit-code">{u.code}</span>
        </PageTitle>
        <p className="lead mb-2">
          {u.address} — {u.comuneName}
        </p>
        <p>
          Stato: <UnitStateBadge state={u.state} testId="unit-state" />
          {u.state === 'works_needed' && u.worksCostCents !== null ? (
            <span className="ms-2">lavori stimati in {formatEuro(u.worksCostCents)}</span>
          ) : null}
        </p>
      </header>
      <UnitFacts unit={u} />
      <UnitHistory unit={u} />
      {canChange ? <UnitStateForm unit={u} onChange={unit.setData} /> : null}
    </div>
  );
}

function UnitFacts({ unit: u }: { readonly unit: UnitDetail }) {
  return (
    <section aria-labelledby="unit-data" className="household-section">
      <h2 id="unit-data" className="h3">
        Dati dell’alloggio
      </h2>
      <dl className="row mb-0 household-facts" data-testid="unit-facts">
        <dt className="col-sm-4 col-lg-3">Ente proprietario</dt>
        <dd className="col-sm-8 col-lg-9">{u.ownerName}</dd>
        <dt className="col-sm-4 col-lg-3">Comune</dt>
        <dd className="col-sm-8 col-lg-9">{u.comuneName}</dd>
        <dt className="col-sm-4 col-lg-3">Programma</dt>
        <dd className="col-sm-8 col-lg-9">{UNIT_PROGRAMME_LABELS[u.programme]}</dd>
        <dt className="col-sm-4 col-lg-3">Superficie utile</dt>
        <dd className="col-sm-8 col-lg-9" data-testid="unit-area">
          {formatArea(u.floorAreaDm2)}
        </dd>
        <dt className="col-sm-4 col-lg-3">Vani</dt>
        <dd className="col-sm-8 col-lg-9">{u.rooms}</dd>
        <dt className="col-sm-4 col-lg-3">Piano</dt>
        <dd className="col-sm-8 col-lg-9">{formatFloor(u.floor)}</dd>
        <dt className="col-sm-4 col-lg-3">Ascensore</dt>
        <dd className="col-sm-8 col-lg-9">{u.hasLift ? 'Sì' : 'No'}</dd>
        <dt className="col-sm-4 col-lg-3">Accessibile a persone con disabilità</dt>
        <dd className="col-sm-8 col-lg-9">{u.accessible ? 'Sì' : 'No'}</dd>
        <dt className="col-sm-4 col-lg-3">Categoria di riserva</dt>
        <dd className="col-sm-8 col-lg-9">{u.reserveCategory ?? 'Nessuna'}</dd>
        <dt className="col-sm-4 col-lg-3">Offerto negli avvisi</dt>
        <dd className="col-sm-8 col-lg-9">
          {u.calls.length === 0 ? 'Nessuno' : u.calls.map((c) => `${c.code} (${c.name})`).join('; ')}
        </dd>
        <dt className="col-sm-4 col-lg-3">Aggiornato il</dt>
        <dd className="col-sm-8 col-lg-9">
          <time dateTime={u.updatedAt ?? u.createdAt}>{formatDateTime(u.updatedAt ?? u.createdAt)}</time>
        </dd>
      </dl>
    </section>
  );
}

function UnitHistory({ unit: u }: { readonly unit: UnitDetail }) {
  return (
    <section aria-labelledby="unit-history" className="household-section">
      <h2 id="unit-history" className="h3">
        Storia degli stati
      </h2>
      {u.history.length === 0 ? (
        <p data-testid="unit-history-empty">
          Nessun cambio di stato registrato: l’alloggio è nello stato con cui è entrato nel patrimonio.
        </p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="unit-history-table">
            <caption className="visually-hidden">Cambi di stato dell’alloggio, dal più recente</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Stato</th>
                <th scope="col" className="text-end">
                  Costo stimato dei lavori
                </th>
                <th scope="col">Motivo</th>
                <th scope="col">Origine</th>
                <th scope="col">Operatore</th>
              </tr>
            </thead>
            <tbody>
              {u.history.map((h) => (
                <tr key={h.id} data-testid="unit-history-row">
                  <td className="text-nowrap">
                    <time dateTime={h.changedAt}>{formatDateTime(h.changedAt)}</time>
                  </td>
                  <td>{UNIT_STATE_LABELS[h.state]}</td>
                  <td className="text-end text-nowrap">
                    {h.worksCostCents === null ? '—' : formatEuro(h.worksCostCents)}
                  </td>
                  <td className="pre-wrap">{h.reason}</td>
                  <td>{UNIT_CHANGE_SOURCE_LABELS[h.source] ?? h.source}</td>
                  <td>{h.changedByName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
