import { Link, useParams } from 'react-router';
import {
  roleFilesEducatorReports,
  roleManagesTemporaryHousing,
  type PlacementDetail,
} from '../../../shared/temporary-housing.js';
import { optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { AlertList } from '../worklist/alert-list.js';
import { followUpConflict, getPlacement, placementAction } from '../worklist/emergency-api.js';
import { num, orNull, SimpleForm } from '../worklist/simple-form.js';
import {
  CONFLICT_SEVERITY_LABELS,
  EXIT_DESTINATION_LABELS,
  PLACEMENT_STATUS_LABELS,
  STAY_KIND_LABELS,
} from './labels.js';

export function PlacementPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const res = useApiResource(`placement:${id}`, () => getPlacement(id));
  if (res.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={res.error} />
      </div>
    );
  const p = res.data;
  if (!p)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const manages = roleManagesTemporaryHousing(user.role);
  const follows = roleFilesEducatorReports(user.role);
  const open = p.status !== 'ended';
  const done = (d: PlacementDetail) => res.setData(d);
  return (
    <div className="container-xxl my-4" data-testid="placement-page">
      <PageTitle title={`Permanenza ${p.code}`} />
      <p className="lead">
        <span className="badge bg-primary me-2" data-testid="placement-status">
          {PLACEMENT_STATUS_LABELS[p.status]}
        </span>
        {user.role === 'partner' ? (
          p.applicantName
        ) : (
          <>
            <Link to={`/nuclei/${p.householdId}`}>{p.householdCode}</Link> — {p.applicantName}
          </>
        )}
      </p>
      <AlertList alerts={p.alerts} title="Avvisi" emptyText="Nessun avviso per questa permanenza." />
      <dl className="row">
        <dt className="col-sm-3">Unità</dt>
        <dd className="col-sm-9">
          {p.unitCode} — {p.partnerName} ({p.placesUsed} posti)
        </dd>
        <dt className="col-sm-3">Periodo</dt>
        <dd className="col-sm-9">
          dal {formatDate(p.startsOn)} al {formatDate(p.plannedEndOn)}
          {p.exitedOn ? `; uscita il ${formatDate(p.exitedOn)}` : ''}
        </dd>
        <dt className="col-sm-3">Regole</dt>
        <dd className="col-sm-9">
          {STAY_KIND_LABELS[p.stayKind]}: {p.rules.initialMonths} mesi, rinnovi ammessi {p.rules.maxRenewals} di{' '}
          {p.rules.renewalMonths} mesi, al massimo {p.rules.maxTotalMonths} mesi. Rinnovi concessi: {p.renewals}.
          <div className="small">
            {p.rules.source}
            {p.rules.status === 'P'
              ? ' — parametro da verificare sul testo ufficiale'
              : p.rules.status === 'seed'
                ? ' — prassi dell’Agenzia (parametro)'
                : ''}
          </div>
        </dd>
        <dt className="col-sm-3">Destinatari</dt>
        <dd className="col-sm-9">{p.eligibility.text}</dd>
        <dt className="col-sm-3">Contributo e compartecipazione</dt>
        <dd className="col-sm-9">
          contributo {formatEuro(p.monthlyGrantCents)} al mese; compartecipazione concordata{' '}
          {formatEuro(p.monthlyCopaymentCents)} al mese
        </dd>
        <dt className="col-sm-3">Educatore</dt>
        <dd className="col-sm-9">{p.educatorName ?? '—'}</dd>
        <dt className="col-sm-3">Piano di uscita</dt>
        <dd className="col-sm-9">
          {p.exitPlan ? `${p.exitPlan} (${formatDate(p.exitPlanOn)})` : 'non ancora definito'}
        </dd>
        {p.exitDestination ? (
          <>
            <dt className="col-sm-3">Uscita verso</dt>
            <dd className="col-sm-9" data-testid="exit-destination">
              {EXIT_DESTINATION_LABELS[p.exitDestination]}
              {p.exitNote ? ` — ${p.exitNote}` : ''}
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="reports-title" className="mb-4">
        <h2 id="reports-title" className="h4">
          Relazioni dell’educatore
        </h2>
        <table className="table table-sm" data-testid="report-table">
          <caption>{p.reports.length} relazioni</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Periodo</th>
              <th scope="col">Relazione</th>
              <th scope="col">Autore</th>
            </tr>
          </thead>
          <tbody>
            {p.reports.map((r) => (
              <tr key={r.id}>
                <td>{formatDate(r.reportedOn)}</td>
                <td>
                  {formatDate(r.periodFrom)}–{formatDate(r.periodTo)}
                </td>
                <td>{r.body}</td>
                <td>{r.authorName}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {follows && open ? (
          <SimpleForm
            id="report-form"
            title="Deposita una relazione"
            submitLabel="Deposita la relazione"
            fields={[
              { name: 'periodFrom', label: 'Periodo dal', kind: 'date', required: true },
              { name: 'periodTo', label: 'Periodo al', kind: 'date', required: true },
              { name: 'reportedOn', label: 'Data della relazione', kind: 'date', required: true },
              { name: 'body', label: 'Relazione', kind: 'textarea', required: true },
            ]}
            onSubmit={async (v) => done(await placementAction(p.id, 'reports', v))}
          />
        ) : null}
      </section>

      <section aria-labelledby="conflicts-title" className="mb-4">
        <h2 id="conflicts-title" className="h4">
          Conflitti nella convivenza
        </h2>
        <table className="table table-sm">
          <caption>{p.conflicts.length} conflitti registrati</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Gravità</th>
              <th scope="col">Descrizione</th>
              <th scope="col">Seguito</th>
            </tr>
          </thead>
          <tbody>
            {p.conflicts.map((c) => (
              <tr key={c.id}>
                <td>{formatDate(c.occurredOn)}</td>
                <td>{CONFLICT_SEVERITY_LABELS[c.severity]}</td>
                <td>{c.description}</td>
                <td>
                  {c.followUp ?? '—'}
                  {c.resolvedOn ? ` (risolto il ${formatDate(c.resolvedOn)})` : ''}
                  {follows && !c.resolvedOn ? (
                    <SimpleForm
                      id={`conflict-${c.id}`}
                      submitLabel="Registra il seguito"
                      fields={[
                        { name: 'followUp', label: 'Azioni di seguito', kind: 'textarea', required: true },
                        { name: 'resolvedOn', label: 'Risolto il', kind: 'date' },
                      ]}
                      onSubmit={async (v) =>
                        done(
                          await followUpConflict(p.id, c.id, {
                            followUp: v.followUp,
                            resolvedOn: orNull(v.resolvedOn),
                          }),
                        )
                      }
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {follows && open ? (
          <SimpleForm
            id="conflict-form"
            title="Registra un conflitto"
            submitLabel="Registra il conflitto"
            fields={[
              { name: 'occurredOn', label: 'Data', kind: 'date', required: true },
              {
                name: 'severity',
                label: 'Gravità',
                kind: 'select',
                options: optionsFrom(CONFLICT_SEVERITY_LABELS),
                required: true,
              },
              { name: 'description', label: 'Descrizione', kind: 'textarea', required: true },
            ]}
            onSubmit={async (v) => done(await placementAction(p.id, 'conflicts', v))}
          />
        ) : null}
      </section>

      <section aria-labelledby="payments-title" className="mb-4">
        <h2 id="payments-title" className="h4">
          Compartecipazioni versate
        </h2>
        <table className="table table-sm">
          <caption>
            {p.payments.length} versamenti; mesi non coperti:{' '}
            {p.unpaid.length === 0
              ? 'nessuno'
              : p.unpaid.map((u) => `${u.month} (${formatEuro(u.missingCents)})`).join(', ')}
          </caption>
          <thead>
            <tr>
              <th scope="col">Mese</th>
              <th scope="col">Importo</th>
              <th scope="col">Versato il</th>
            </tr>
          </thead>
          <tbody>
            {p.payments.map((x) => (
              <tr key={x.id}>
                <td>{x.periodMonth}</td>
                <td>{formatEuro(x.amountCents)}</td>
                <td>{formatDate(x.paidOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {manages ? (
          <SimpleForm
            id="payment-form"
            title="Registra un versamento"
            submitLabel="Registra il versamento"
            fields={[
              { name: 'periodMonth', label: 'Mese (AAAA-MM)', kind: 'month', required: true },
              { name: 'amountEuros', label: 'Importo (euro)', kind: 'number', required: true },
              { name: 'paidOn', label: 'Versato il', kind: 'date', required: true },
            ]}
            onSubmit={async (v) =>
              done(await placementAction(p.id, 'payments', { ...v, amountEuros: num(v.amountEuros) }))
            }
          />
        ) : null}
      </section>

      {open ? (
        <section aria-labelledby="renewal-exit-title" className="mb-4">
          <h2 id="renewal-exit-title" className="h4">
            Rinnovo, piano di uscita e uscita
          </h2>
          <table className="table table-sm">
            <caption>Rinnovi</caption>
            <thead>
              <tr>
                <th scope="col">Deciso il</th>
                <th scope="col">Fine precedente</th>
                <th scope="col">Nuova fine</th>
              </tr>
            </thead>
            <tbody>
              {p.renewalsList.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.decidedOn)}</td>
                  <td>{formatDate(r.previousEndOn)}</td>
                  <td>{formatDate(r.newEndOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {manages ? (
            <SimpleForm
              id="renewal-form"
              title="Rinnova"
              submitLabel="Rinnova"
              fields={[
                { name: 'decidedOn', label: 'Deciso il', kind: 'date', required: true },
                { name: 'note', label: 'Nota', kind: 'textarea' },
              ]}
              onSubmit={async (v) =>
                done(await placementAction(p.id, 'renewals', { decidedOn: v.decidedOn, note: orNull(v.note) }))
              }
            />
          ) : null}
          {follows ? (
            <SimpleForm
              id="exit-plan-form"
              title="Piano di uscita"
              submitLabel="Salva il piano di uscita"
              fields={[
                { name: 'exitPlan', label: 'Piano di uscita', kind: 'textarea', required: true },
                { name: 'exitPlanOn', label: 'Data', kind: 'date', required: true },
              ]}
              onSubmit={async (v) => done(await placementAction(p.id, 'exit-plan', v))}
            />
          ) : null}
          {manages ? (
            <SimpleForm
              id="exit-form"
              title="Registra l’uscita"
              submitLabel="Registra l’uscita"
              fields={[
                { name: 'exitedOn', label: 'Data di uscita', kind: 'date', required: true },
                {
                  name: 'destination',
                  label: 'Destinazione',
                  kind: 'select',
                  options: optionsFrom(EXIT_DESTINATION_LABELS),
                  required: true,
                },
                { name: 'note', label: 'Nota', kind: 'textarea' },
              ]}
              onSubmit={async (v) =>
                done(
                  await placementAction(p.id, 'exit', {
                    exitedOn: v.exitedOn,
                    destination: v.destination,
                    note: orNull(v.note),
                  }),
                )
              }
            />
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to={user.role === 'partner' ? '/ente' : '/ospitalita'}>Torna all’occupazione</Link>
      </p>
    </div>
  );
}
