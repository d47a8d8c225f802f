import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ASSIGNMENT_STATE_LABELS } from '../../../core/sap/assignment-state.js';
import { roleManagesSap } from '../../../shared/permissions.js';
import { FormProblems } from '../../components/form-problems.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { CallBreadcrumb } from '../rankings/rankings-page.js';
import { explanationHref } from '../rankings/ranking-tables.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { AssignmentsSection } from './assignments-section.js';
import { ASSIGNMENT_STATE_BADGES, basisLabel, refusalPolicyText } from './labels.js';
import { computeProposal, confirmProposal, getAssignmentBoard, type AssignmentBoard } from './assignments-api.js';

export function AssignmentBoardPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const board = useApiResource(`assignments/${id}`, () => getAssignmentBoard(id));

  if (board.error?.status === 404) return <NotFoundPage />;
  if (board.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (board.error && !board.data) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Assegnazioni" />
        <ErrorAlert error={board.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={board.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!board.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento delle assegnazioni…" />
      </div>
    );
  }
  const b = board.data;
  const canManage = roleManagesSap(user.role);
  return (
    <div className="container-xxl my-4" data-testid="assignment-board">
      <CallBreadcrumb call={b.call} current="Assegnazioni" />
      <PageTitle title={`Assegnazioni dell’avviso ${b.call.code}`} />
      <p className="lead">{b.call.name}</p>
      {board.error ? <ErrorAlert error={board.error} title="Non è stato possibile aggiornare la pagina." /> : null}
      <p>
        Si assegna dalla graduatoria definitiva (R.R. 4/2017 artt. 13 e 15): prima la quota degli indigenti, poi gli
        alloggi riservati alle categorie, poi la graduatoria; solo alloggi adeguati tra quelli scelti dal nucleo.{' '}
        <Link to={`/avvisi/${encodeURIComponent(b.call.id)}/graduatorie`}>Graduatorie dell’avviso</Link>
      </p>
      <ProposalSection board={b} canManage={canManage} onChange={board.reload} />
      <AssignmentsSection board={b} canManage={canManage} onChange={board.reload} />
    </div>
  );
}

type Busy = { readonly kind: 'compute' } | { readonly kind: 'confirm'; readonly unitId: string } | null;

function ProposalSection({
  board,
  canManage,
  onChange,
}: {
  readonly board: AssignmentBoard;
  readonly canManage: boolean;
  readonly onChange: () => void;
}) {
  const { run, proposals } = board;
  const [busy, setBusy] = useState<Busy>(null);
  const [done, setDone] = useState<string | null>(null);
  const feedback = useFormFeedback();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const assignmentState = new Map(board.assignments.map((a) => [a.id, a.state]));

  async function perform(next: Exclude<Busy, null>, action: () => Promise<string>) {
    if (busy) return;
    setBusy(next);
    setDone(null);
    try {
      const message = await action();
      feedback.reset();
      setDone(message);
      headingRef.current?.focus();
      onChange();
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="proposta" className="household-section" data-testid="proposal-section">
      <h2 id="proposta" ref={headingRef} tabIndex={-1} className="h3">
        Proposta di assegnazione
      </h2>
      <FormProblems formId="proposal" feedback={feedback} labelFor={() => ''} />
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      {run ? (
        <p className="small" data-testid="proposal-run">
          Calcolata il {formatDateTime(run.createdAt)}
          {run.supersedesId ? ', sostituisce la proposta precedente' : ''}. Regola sulle rinunce:{' '}
          {refusalPolicyText(run.refusalPolicy)}{' '}
          <span className="text-secondary">
            Elaborazione riproducibile, impronta dei dati{' '}
            <span className="font-monospace text-break">{run.inputHash}</span>.
          </span>
        </p>
      ) : (
        <p data-testid="proposal-none">Nessuna proposta calcolata.</p>
      )}
      {canManage ? (
        <div className="mb-3">
          <button
            type="button"
            className="btn btn-primary"
            aria-disabled={busy !== null}
            data-testid="proposal-compute"
            onClick={() =>
              void perform({ kind: 'compute' }, async () => {
                const r = await computeProposal(board.call.id);
                return `Proposta calcolata: ${r.proposals} alloggi proposti, ${r.unassigned} domande senza alloggio, ${r.unitsLeft} alloggi non assegnati.`;
              })
            }
          >
            {busy?.kind === 'compute' ? 'Calcolo in corso…' : 'Calcola proposta'}
          </button>
          {run ? (
            <p className="small mb-0 mt-1">
              Un nuovo calcolo sostituisce la proposta; le assegnazioni già confermate restano.
            </p>
          ) : null}
        </div>
      ) : null}
      {run && proposals.length === 0 ? <p>La proposta non assegna alcun alloggio.</p> : null}
      {proposals.length > 0 ? (
        <div className="table-responsive">
          <table className="table table-sm align-middle" data-testid="proposal-table">
            <caption className="visually-hidden">Alloggi proposti, uno per nucleo</caption>
            <thead>
              <tr>
                <th scope="col">Alloggio</th>
                <th scope="col">Domanda</th>
                <th scope="col">Richiedente</th>
                <th scope="col">Criterio</th>
                <th scope="col">Spiegazione</th>
                <th scope="col">Azione</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => {
                const state = p.assignment ? assignmentState.get(p.assignment) : undefined;
                return (
                  <tr key={p.unitId} data-testid="proposal-row">
                    <th scope="row" className="font-monospace fw-normal text-nowrap">
                      {p.unitCode}
                    </th>
                    <td className="font-monospace text-nowrap">
                      <Link to={explanationHref(p.applicationId, board.call.id)}>
                        {p.platformId}
                        <span className="visually-hidden"> (spiegazione della posizione)</span>
                      </Link>
                    </td>
                    <td>{p.applicantName}</td>
                    <td className="small">{basisLabel(p.basis)}</td>
                    <td className="small">{p.explanation}</td>
                    <td className="text-nowrap">
                      {p.assignment ? (
                        <a href={`#assegnazione-${p.assignment}`} data-testid="proposal-assignment">
                          {state ? (
                            <span className={`badge ${ASSIGNMENT_STATE_BADGES[state]}`}>
                              {ASSIGNMENT_STATE_LABELS[state]}
                            </span>
                          ) : (
                            'Assegnazione'
                          )}
                          <span className="visually-hidden"> — vai all’assegnazione dell’alloggio {p.unitCode}</span>
                        </a>
                      ) : canManage && run ? (
                        <button
                          type="button"
                          className="btn btn-outline-primary btn-sm"
                          aria-disabled={busy !== null}
                          data-testid="proposal-confirm"
                          onClick={() =>
                            void perform({ kind: 'confirm', unitId: p.unitId }, async () => {
                              await confirmProposal(run.id, p.unitId);
                              return `Alloggio ${p.unitCode} confermato per la domanda ${p.platformId}.`;
                            })
                          }
                        >
                          {busy?.kind === 'confirm' && busy.unitId === p.unitId ? 'Conferma in corso…' : 'Conferma'}
                          <span className="visually-hidden">
                            {' '}
                            l’alloggio {p.unitCode} per la domanda {p.platformId}
                          </span>
                        </button>
                      ) : (
                        'Da confermare'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
