// "Procedimenti e interventi" on the household file: its evictions, temporary-housing stays,
// accompaniment plans, applications to measures and SAP applications, each linking to its page.
// Each list is loaded from the list API of its area, filtered by the household, and only for the
// roles that may read it (the same role helpers as the areas' own pages).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EVICTION_STATUS_LABELS } from '../../../core/evictions/eviction-state.js';
import { PLAN_STATUS_LABELS } from '../../../core/plans/plan-status.js';
import { APPLICATION_STATE_LABELS } from '../../../shared/applications.js';
import type { Role } from '../../../shared/auth.js';
import { roleReadsEvictions } from '../../../shared/evictions.js';
import { APPLICATION_STATUS_LABELS, roleEntersMeasureApplications } from '../../../shared/measures.js';
import { roleReadsSap } from '../../../shared/permissions.js';
import { roleReadsPlans } from '../../../shared/plans.js';
import { PLACEMENT_STATUS_LABELS, roleReadsTemporaryHousing } from '../../../shared/temporary-housing.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource, type Resource } from '../../lib/use-api.js';
import { listHouseholdApplications } from '../applications/applications-api.js';
import { listApplications as listMeasureApplications } from '../measures/measures-api.js';
import { listEvictions, listPlacements, listPlans } from '../worklist/emergency-api.js';

const enc = encodeURIComponent;

/** Which lists the role may read; a role that reads none gets no section at all. */
export function procedureListsFor(role: Role) {
  return {
    evictions: roleReadsEvictions(role),
    placements: roleReadsTemporaryHousing(role),
    plans: roleReadsPlans(role),
    measures: roleEntersMeasureApplications(role),
    sap: roleReadsSap(role),
  };
}

export function ProceduresSection({ householdId, role }: { readonly householdId: string; readonly role: Role }) {
  const may = procedureListsFor(role);
  const evictions = useApiResource(may.evictions ? `household-evictions/${householdId}` : null, () =>
    listEvictions({ householdId }),
  );
  const placements = useApiResource(may.placements ? `household-placements/${householdId}` : null, () =>
    listPlacements({ householdId }),
  );
  const plans = useApiResource(may.plans ? `household-plans/${householdId}` : null, () => listPlans({ householdId }));
  const measures = useApiResource(may.measures ? `household-measures/${householdId}` : null, () =>
    listMeasureApplications({ householdId }),
  );
  const sap = useApiResource(may.sap ? `household-sap/${householdId}` : null, () =>
    listHouseholdApplications(householdId),
  );
  if (!Object.values(may).some(Boolean)) return null;
  return (
    <section aria-labelledby="procedimenti" className="household-section" data-testid="household-procedures">
      <h2 id="procedimenti" className="h3" tabIndex={-1}>
        Procedimenti e interventi
      </h2>
      {may.evictions ? (
        <ProcedureList
          title="Sfratti"
          resource={evictions}
          items={evictions.data?.items}
          empty="Nessuna procedura di sfratto."
          columns={['Procedura', 'Stato', 'Segnalato il', 'Rilascio previsto']}
          row={(e) => [
            <Link key="l" to={`/sfratti/${enc(e.id)}`}>
              {e.code}
            </Link>,
            EVICTION_STATUS_LABELS[e.status],
            formatDate(e.reportedOn),
            e.plannedReleaseOn ? formatDate(e.plannedReleaseOn) : '—',
          ]}
        />
      ) : null}
      {may.placements ? (
        <ProcedureList
          title="Ospitalità temporanea"
          resource={placements}
          items={placements.data?.items}
          empty="Nessuna permanenza in ospitalità temporanea."
          columns={['Permanenza', 'Stato', 'Alloggio', 'Periodo']}
          row={(p) => [
            <Link key="l" to={`/ospitalita/permanenze/${enc(p.id)}`}>
              {p.code}
            </Link>,
            PLACEMENT_STATUS_LABELS[p.status],
            `${p.unitCode} (${p.partnerName})`,
            `dal ${formatDate(p.startsOn)} al ${formatDate(p.exitedOn ?? p.plannedEndOn)}`,
          ]}
        />
      ) : null}
      {may.plans ? (
        <ProcedureList
          title="Progetti di accompagnamento"
          resource={plans}
          items={plans.data?.items}
          empty="Nessun progetto di accompagnamento."
          columns={['Progetto', 'Stato', 'Aperto il', 'Azioni aperte']}
          row={(p) => [
            <Link key="l" to={`/progetti/${enc(p.id)}`}>
              {p.title}
            </Link>,
            PLAN_STATUS_LABELS[p.status],
            formatDate(p.openedOn),
            `${p.actionsOpen} su ${p.actionsTotal}`,
          ]}
        />
      ) : null}
      {may.measures ? (
        <ProcedureList
          title="Domande alle misure e benefici"
          resource={measures}
          items={measures.data?.items}
          empty="Nessuna domanda alle misure di sostegno."
          columns={['Domanda', 'Misura', 'Stato', 'Importo']}
          row={(a) => [
            <Link key="l" to={`/misure/domande/${enc(a.id)}`}>
              {a.code}
            </Link>,
            a.measureName,
            APPLICATION_STATUS_LABELS[a.status],
            a.amountCents === null ? '—' : formatEuro(a.amountCents),
          ]}
          footer={<Link to={`/nuclei/${enc(householdId)}/benefici`}>Tutti i benefici e i pagamenti del nucleo</Link>}
        />
      ) : null}
      {may.sap ? (
        <ProcedureList
          title="Domande di alloggio SAP"
          resource={sap}
          items={sap.data?.items}
          empty="Nessuna domanda di alloggio SAP."
          columns={['Domanda', 'Presentata il', 'Esito istruttoria', 'ISBAR']}
          row={(a) => [
            <Link key="l" to={`/domande/${enc(a.id)}`}>
              {a.protocol}
            </Link>,
            formatDateTime(a.submittedAt),
            APPLICATION_STATE_LABELS[a.state],
            a.isbar.toLocaleString('it-IT', { maximumFractionDigits: 3 }),
          ]}
        />
      ) : null}
    </section>
  );
}

function ProcedureList<T extends { readonly id: string }>({
  title,
  resource,
  items,
  empty,
  columns,
  row,
  footer,
}: {
  readonly title: string;
  readonly resource: Pick<Resource<unknown>, 'error' | 'reload'>;
  readonly items: readonly T[] | undefined;
  readonly empty: string;
  readonly columns: readonly string[];
  readonly row: (item: T) => ReactNode[];
  readonly footer?: ReactNode;
}) {
  return (
    <div className="mb-3">
      <h3 className="h5">{title}</h3>
      {resource.error ? (
        <ErrorAlert error={resource.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-2" onClick={resource.reload}>
            Riprova
          </button>
        </ErrorAlert>
      ) : items === undefined ? (
        <Loading text={`Caricamento: ${title.toLowerCase()}…`} />
      ) : items.length === 0 ? (
        <p className="text-secondary">{empty}</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-sm">
            <caption className="visually-hidden">
              {title} del nucleo ({items.length})
            </caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  {row(item).map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {footer ? <p className="small mb-0">{footer}</p> : null}
    </div>
  );
}
