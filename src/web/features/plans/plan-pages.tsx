import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PLAN_STATUS_LABELS } from '../../../core/plans/plan-status.js';
import { ACTION_STATUS_LABELS, RESPONSIBLE_KIND_LABELS, roleWritesPlans } from '../../../shared/plans.js';
import { optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { createPlan, getPlan, listPlans, movePlanAction, planAction } from '../worklist/emergency-api.js';
import { HouseholdPicker } from '../worklist/household-picker.js';
import { orNull, SimpleForm } from '../worklist/simple-form.js';

export function PlanListPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const res = useApiResource('plans', () => listPlans());
  const [household, setHousehold] = useState<{ id: string; label: string } | null>(null);
  return (
    <div className="container-xxl my-4" data-testid="plan-list-page">
      <PageTitle title="Progetti di accompagnamento" />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {!res.data ? (
        <Loading />
      ) : (
        <table className="table table-sm" data-testid="plan-table">
          <caption>{res.data.items.length} progetti (lo stato deriva dalle azioni)</caption>
          <thead>
            <tr>
              <th scope="col">Progetto</th>
              <th scope="col">Nucleo</th>
              <th scope="col">Aperto il</th>
              <th scope="col">Prossima verifica</th>
              <th scope="col">Azioni aperte</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/progetti/${p.id}`}>{p.title}</Link>
                </th>
                <td>
                  {p.applicantName} <span className="small">({p.householdCode})</span>
                </td>
                <td>{formatDate(p.openedOn)}</td>
                <td>{formatDate(p.nextReviewOn)}</td>
                <td>
                  {p.actionsOpen} su {p.actionsTotal}
                </td>
                <td>{PLAN_STATUS_LABELS[p.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {roleWritesPlans(user.role) ? (
        <section aria-labelledby="new-plan-title">
          <h2 id="new-plan-title" className="h4">
            Apri un progetto
          </h2>
          <HouseholdPicker id="plan-household" value={household} onChange={setHousehold} />
          <SimpleForm
            id="plan-form"
            submitLabel="Apri il progetto"
            fields={[
              { name: 'title', label: 'Titolo', required: true },
              { name: 'openedOn', label: 'Aperto il', kind: 'date', required: true },
              { name: 'nextReviewOn', label: 'Prossima verifica', kind: 'date' },
              { name: 'goals', label: 'Obiettivi (uno per riga)', kind: 'textarea' },
              { name: 'team', label: 'Équipe: «Nome — ruolo», uno per riga', kind: 'textarea' },
            ]}
            onSubmit={async (v) => {
              if (!household) throw new ApiError(400, 'VALIDATION_FAILED', 'Scegliere il nucleo familiare.');
              const lines = (s: string | undefined) =>
                (s ?? '')
                  .split('\n')
                  .map((x) => x.trim())
                  .filter(Boolean);
              const p = await createPlan({
                householdId: household.id,
                title: v.title ?? '',
                openedOn: v.openedOn ?? '',
                nextReviewOn: orNull(v.nextReviewOn),
                goals: lines(v.goals),
                team: lines(v.team).map((l) => {
                  const [name, role] = l.split(/\s[—-]\s/);
                  return { name: name ?? l, roleLabel: role ?? 'Componente dell’équipe' };
                }),
              });
              void navigate(`/progetti/${p.id}`);
            }}
          />
        </section>
      ) : null}
    </div>
  );
}

export function PlanPage() {
  const { id = '' } = useParams();
  const res = useApiResource(`plan:${id}`, () => getPlan(id));
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
  const edit = p.canEdit && p.closedOn === null;
  return (
    <div className="container-xxl my-4" data-testid="plan-page">
      <PageTitle title={p.title} />
      <p className="lead">
        <span className="badge bg-primary me-2">{PLAN_STATUS_LABELS[p.status]}</span>Nucleo{' '}
        <Link to={`/nuclei/${p.householdId}`}>{p.householdCode}</Link> — {p.applicantName}
      </p>
      <p>
        Aperto il {formatDate(p.openedOn)}; prossima verifica {formatDate(p.nextReviewOn)}
        {p.closedOn ? `; chiuso il ${formatDate(p.closedOn)}` : ''}.
      </p>
      <h2 className="h4">Équipe</h2>
      <ul>
        {p.team.map((m) => (
          <li key={m.id}>
            {m.name} — {m.roleLabel}
          </li>
        ))}
      </ul>
      <h2 className="h4">Obiettivi</h2>
      <ol>
        {p.goals.map((g) => (
          <li key={g.id}>{g.description}</li>
        ))}
      </ol>
      <table className="table table-sm" data-testid="plan-actions">
        <caption>Azioni</caption>
        <thead>
          <tr>
            <th scope="col">Azione</th>
            <th scope="col">Chi</th>
            <th scope="col">Entro</th>
            <th scope="col">Stato</th>
            <th scope="col">Cambia</th>
          </tr>
        </thead>
        <tbody>
          {p.actions.map((a) => (
            <tr key={a.id}>
              <td>{a.description}</td>
              <td>
                {a.responsibleName} <span className="small">({RESPONSIBLE_KIND_LABELS[a.responsibleKind]})</span>
              </td>
              <td>{formatDate(a.dueOn)}</td>
              <td>
                {ACTION_STATUS_LABELS[a.status]}
                {a.doneOn ? ` il ${formatDate(a.doneOn)}` : ''}
              </td>
              <td>
                {edit && (a.status === 'planned' || a.status === 'in_progress') ? (
                  <>
                    {a.status === 'planned' ? (
                      <button
                        type="button"
                        className="btn btn-sm btn-outline-primary me-1"
                        onClick={() => void movePlanAction(p.id, a.id, 'in_progress').then(res.setData)}
                      >
                        Avvia
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-success me-1"
                      onClick={() => void movePlanAction(p.id, a.id, 'done').then(res.setData)}
                    >
                      Fatta
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-secondary"
                      onClick={() => void movePlanAction(p.id, a.id, 'cancelled').then(res.setData)}
                    >
                      Annulla
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table table-sm">
        <caption>Verifiche</caption>
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Esito</th>
            <th scope="col">Nota</th>
          </tr>
        </thead>
        <tbody>
          {p.reviews.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.reviewedOn)}</td>
              <td>{r.outcome}</td>
              <td>{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {edit ? (
        <div className="row">
          <div className="col-12 col-lg-6">
            <SimpleForm
              id="action-form"
              title="Aggiungi un’azione"
              submitLabel="Aggiungi l’azione"
              fields={[
                { name: 'description', label: 'Azione', required: true, className: 'col-12' },
                {
                  name: 'responsibleKind',
                  label: 'Chi',
                  kind: 'select',
                  options: optionsFrom(RESPONSIBLE_KIND_LABELS),
                  required: true,
                },
                { name: 'responsibleName', label: 'Nome del responsabile', required: true },
                { name: 'dueOn', label: 'Entro', kind: 'date' },
              ]}
              onSubmit={async (v) =>
                res.setData(
                  await planAction(p.id, 'actions', {
                    description: v.description,
                    responsibleKind: v.responsibleKind,
                    responsibleName: v.responsibleName,
                    dueOn: orNull(v.dueOn),
                  }),
                )
              }
            />
          </div>
          <div className="col-12 col-lg-6">
            <SimpleForm
              id="review-form"
              title="Registra una verifica"
              submitLabel="Registra la verifica"
              fields={[
                { name: 'reviewedOn', label: 'Data', kind: 'date', required: true },
                { name: 'outcome', label: 'Esito', required: true },
                { name: 'nextReviewOn', label: 'Prossima verifica', kind: 'date' },
                { name: 'note', label: 'Nota', kind: 'textarea' },
              ]}
              onSubmit={async (v) =>
                res.setData(
                  await planAction(p.id, 'reviews', {
                    reviewedOn: v.reviewedOn,
                    outcome: v.outcome,
                    nextReviewOn: orNull(v.nextReviewOn),
                    note: orNull(v.note),
                  }),
                )
              }
            />
          </div>
        </div>
      ) : null}
    </div>
  );
}
