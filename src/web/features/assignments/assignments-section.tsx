import { Fragment, useEffect, useRef, useState, type FormEvent } from 'react';
import { ASSIGNMENT_STATE_LABELS, type AssignmentEventKind } from '../../../core/sap/assignment-state.js';
import { plainDateSchema } from '../../../shared/common.js';
import { CheckboxField, TextAreaField, TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { SuccessAlert } from '../../components/status.js';
import { fieldId } from '../../lib/form-errors.js';
import { formatDate } from '../../lib/format.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { todayInRome } from '../rankings/labels.js';
import { recordAssignmentEvent, type AssignmentBoard } from './assignments-api.js';
import {
  ASSIGNMENT_STATE_BADGES,
  basisLabel,
  EVENT_ACTIONS,
  EVENT_DONE,
  EVENT_LABELS,
  eventLabel,
  EVENTS_WITH_REASON,
  nextEvents,
} from './labels.js';

type Assignment = AssignmentBoard['assignments'][number];

interface Props {
  readonly board: AssignmentBoard;
  readonly canManage: boolean;
  readonly onChange: () => void;
}

/** Confirmed assignments: their state, history and the next steps allowed by the transition table. */
export function AssignmentsSection({ board, canManage, onChange }: Props) {
  const [open, setOpen] = useState<{ readonly id: string; readonly kind: AssignmentEventKind } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby="assegnazioni" className="household-section" data-testid="assignments-section">
      <h2 id="assegnazioni" ref={headingRef} tabIndex={-1} className="h3">
        Assegnazioni
      </h2>
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      {board.assignments.length === 0 ? (
        <p data-testid="assignments-empty">Nessuna assegnazione confermata.</p>
      ) : (
        <div className="table-responsive">
          <table className="table table-sm align-middle" data-testid="assignments-table">
            <caption className="visually-hidden">Assegnazioni confermate, con stato e cronologia</caption>
            <thead>
              <tr>
                <th scope="col">Alloggio</th>
                <th scope="col">Domanda</th>
                <th scope="col">Criterio</th>
                <th scope="col">Stato</th>
                <th scope="col">Cronologia</th>
                {canManage ? <th scope="col">Azioni</th> : null}
              </tr>
            </thead>
            <tbody>
              {board.assignments.map((a) => (
                <Fragment key={a.id}>
                  <tr id={`assegnazione-${a.id}`} data-testid="assignment-row">
                    <th scope="row" className="font-monospace fw-normal text-nowrap">
                      {a.unitCode}
                    </th>
                    <td className="font-monospace text-nowrap">{a.platformId}</td>
                    <td className="small">{basisLabel(a.basis)}</td>
                    <td>
                      <span className={`badge ${ASSIGNMENT_STATE_BADGES[a.state]}`} data-testid="assignment-state">
                        {ASSIGNMENT_STATE_LABELS[a.state]}
                      </span>
                    </td>
                    <td className="small">
                      <History assignment={a} />
                    </td>
                    {canManage ? (
                      <td>
                        <div className="d-flex flex-wrap gap-2">
                          {nextEvents(a.state).map((kind) => (
                            <button
                              key={kind}
                              type="button"
                              className={`btn btn-sm ${kind === 'cancelled' || kind === 'refused' ? 'btn-outline-danger' : 'btn-outline-primary'}`}
                              aria-expanded={open?.id === a.id && open.kind === kind}
                              aria-controls={open?.id === a.id && open.kind === kind ? `event-${a.id}` : undefined}
                              data-testid={`assignment-action-${kind}`}
                              onClick={() => {
                                setDone(null);
                                setOpen(open?.id === a.id && open.kind === kind ? null : { id: a.id, kind });
                              }}
                            >
                              {EVENT_ACTIONS[kind]}
                              <span className="visually-hidden"> — alloggio {a.unitCode}</span>
                            </button>
                          ))}
                          {nextEvents(a.state).length === 0 ? <span className="small">Nessun passaggio</span> : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                  {canManage && open?.id === a.id ? (
                    <tr>
                      <td colSpan={6}>
                        <EventForm
                          key={open.kind}
                          assignment={a}
                          kind={open.kind}
                          onCancel={() => {
                            setOpen(null);
                            headingRef.current?.focus();
                          }}
                          onDone={(text) => {
                            setOpen(null);
                            setDone(text);
                            headingRef.current?.focus();
                            onChange();
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function History({ assignment }: { readonly assignment: Assignment }) {
  if (assignment.events.length === 0) return <span>Confermata, nessun passaggio registrato.</span>;
  return (
    <ol className="list-unstyled mb-0 small" data-testid="assignment-history">
      {assignment.events.map((e) => (
        <li key={`${e.at}|${e.kind}`}>
          {formatDate(e.onDate)}: {eventLabel(e.kind)}
          {e.kind === 'refused' ? (e.justified ? ' (giustificato motivo)' : ' (senza giustificato motivo)') : ''}
          {e.reason ? ` — ${e.reason}` : ''}
        </li>
      ))}
    </ol>
  );
}

const FIELD_LABELS: Record<string, string> = {
  kind: 'Passaggio',
  onDate: 'Data',
  reason: 'Motivo',
  justified: 'Giustificato motivo',
};

function EventForm({
  assignment,
  kind,
  onCancel,
  onDone,
}: {
  readonly assignment: Assignment;
  readonly kind: AssignmentEventKind;
  readonly onCancel: () => void;
  readonly onDone: (text: string) => void;
}) {
  const form = `event-${assignment.id}`;
  const needsReason = EVENTS_WITH_REASON.has(kind);
  const [onDate, setOnDate] = useState(todayInRome);
  const [reason, setReason] = useState('');
  const [justified, setJustified] = useState(false);
  const [saving, setSaving] = useState(false);
  const feedback = useFormFeedback();
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const errors: Record<string, string> = {};
    const date = plainDateSchema.safeParse(onDate);
    if (!date.success) errors.onDate = date.error.issues[0]?.message ?? 'Data non valida.';
    if (needsReason && reason.trim() === '') errors.reason = 'Motivo: campo obbligatorio.';
    if (!date.success || Object.keys(errors).length > 0) {
      feedback.failClient(errors);
      return;
    }
    setSaving(true);
    try {
      await recordAssignmentEvent(assignment.id, {
        kind,
        onDate: date.data,
        ...(needsReason ? { reason: reason.trim() } : {}),
        ...(kind === 'refused' ? { justified } : {}),
      });
      onDone(`${EVENT_DONE[kind]}: alloggio ${assignment.unitCode}, domanda ${assignment.platformId}.`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
      setSaving(false);
    }
  }

  return (
    <form
      id={form}
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform my-2"
      aria-labelledby={`${form}-title`}
      data-testid="assignment-event-form"
    >
      <h3 id={`${form}-title`} ref={titleRef} tabIndex={-1} className="h6">
        {EVENT_LABELS[kind]} — alloggio {assignment.unitCode}, domanda {assignment.platformId}
      </h3>
      <FormProblems
        formId={form}
        feedback={feedback}
        labelFor={(p) => FIELD_LABELS[p] ?? ''}
        targetFor={(p) => (p === 'kind' ? `${form}-title` : fieldId(form, p))}
      />
      <div className="row">
        <TextField
          className="col-12 col-md-6 col-lg-4"
          id={fieldId(form, 'onDate')}
          type="date"
          label="Data"
          required
          value={onDate}
          onValueChange={(v) => {
            setOnDate(v);
            feedback.clearField('onDate');
          }}
          error={feedback.errors.onDate}
        />
        {needsReason ? (
          <TextAreaField
            className="col-12 col-lg-8"
            id={fieldId(form, 'reason')}
            label={kind === 'refused' ? 'Motivo della rinuncia' : 'Motivo dell’annullamento'}
            required
            rows={2}
            maxLength={2000}
            value={reason}
            onValueChange={(v) => {
              setReason(v);
              feedback.clearField('reason');
            }}
            error={feedback.errors.reason}
          />
        ) : null}
        {kind === 'refused' ? (
          <CheckboxField
            className="col-12 mb-3"
            id={fieldId(form, 'justified')}
            label="Rinuncia per giustificato motivo"
            hint="Senza giustificato motivo si applica la regola sulle rinunce dell’avviso."
            checked={justified}
            onCheckedChange={setJustified}
            error={feedback.errors.justified}
          />
        ) : null}
      </div>
      <div className="d-flex gap-2 mb-3">
        <button
          type="submit"
          className="btn btn-primary btn-sm"
          aria-disabled={saving}
          data-testid="assignment-event-submit"
        >
          {saving ? 'Registrazione in corso…' : EVENT_ACTIONS[kind]}
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={onCancel}>
          Chiudi
        </button>
      </div>
    </form>
  );
}
