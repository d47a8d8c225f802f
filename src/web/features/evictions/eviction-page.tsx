import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  HEARING_OUTCOME_LABELS,
  LANDLORD_KIND_LABELS,
  VISIT_OUTCOME_LABELS,
  roleWritesEvictions,
  type EvictionDetail,
} from '../../../shared/evictions.js';
import { optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { useCurrentUser } from '../auth/session-context.js';
import {
  addEvictionEvent,
  assignSocialWorker,
  correctEvictionDetails,
  getEviction,
} from '../worklist/emergency-api.js';
import { orNull, SimpleForm } from '../worklist/simple-form.js';
import { AlertList } from '../worklist/alert-list.js';
import { evictionDataFields, evictionDataFromValues } from './eviction-fields.js';
import { EVICTION_EVENT_LABELS, motiveLabel, statusLabel } from './labels.js';

const OUTCOME_LABELS: Record<string, string> = {
  met: 'Soddisfatto',
  not_met: 'Non soddisfatto',
  missing_information: 'Da verificare',
};
const FUND_LABELS = {
  eligible: 'Requisiti soddisfatti',
  not_eligible: 'Non ammissibile',
  to_verify: 'Da verificare',
} as const;

function NextStepForm({ e, onDone }: { readonly e: EvictionDetail; readonly onDone: (d: EvictionDetail) => void }) {
  const [kind, setKind] = useState<string>(e.allowedEventKinds[0] ?? '');
  const needsPlanned = kind === 'release_date_set' || kind === 'bailiff_notice' || kind === 'bailiff_visit';
  const kindOptions = e.allowedEventKinds.map((k) => ({ value: k, label: EVICTION_EVENT_LABELS[k] }));
  return (
    <section aria-labelledby="next-step-title" className="mb-4">
      <h2 id="next-step-title" className="h4">
        Registra il passaggio successivo
      </h2>
      <p className="small">
        Sono proposti solo i passaggi ammessi dallo stato attuale (c.p.c. artt. 657–665, 480, 608).
      </p>
      <div className="row">
        <div className="col-12 col-md-6 form-group select-wrapper">
          <label htmlFor="next-kind" className="active">
            Passaggio
          </label>
          <select id="next-kind" value={kind} onChange={(ev) => setKind(ev.target.value)}>
            {kindOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <SimpleForm
        key={`${kind}:${e.version}`}
        id="eviction-event-form"
        submitLabel="Registra il passaggio"
        fields={[
          { name: 'occurredOn', label: 'Data dell’atto o dell’evento', kind: 'date', required: true },
          ...(needsPlanned
            ? [
                {
                  name: 'plannedOn',
                  label:
                    kind === 'bailiff_visit'
                      ? 'Prossimo accesso fissato (se rinviato)'
                      : 'Giorno fissato per il rilascio o l’accesso',
                  kind: 'date' as const,
                  required: kind !== 'bailiff_visit',
                },
              ]
            : []),
          ...(kind === 'bailiff_visit'
            ? [
                {
                  name: 'visitOutcome',
                  label: 'Esito dell’accesso',
                  kind: 'select' as const,
                  options: optionsFrom(VISIT_OUTCOME_LABELS),
                  required: true,
                },
                { name: 'policePresent', label: 'Presente la forza pubblica', kind: 'checkbox' as const },
              ]
            : []),
          ...(kind === 'hearing'
            ? [
                {
                  name: 'hearingOutcome',
                  label: 'Esito dell’udienza',
                  kind: 'select' as const,
                  options: optionsFrom(HEARING_OUTCOME_LABELS),
                },
              ]
            : []),
          { name: 'note', label: 'Nota', kind: 'textarea' },
        ]}
        onSubmit={async (v) => {
          const d = await addEvictionEvent(e.id, {
            kind: kind as 'notice_served',
            occurredOn: v.occurredOn ?? '',
            plannedOn: orNull(v.plannedOn),
            visitOutcome: kind === 'bailiff_visit' ? ((orNull(v.visitOutcome) as 'executed' | null) ?? null) : null,
            policePresent: kind === 'bailiff_visit' ? v.policePresent === 'true' : null,
            hearingOutcome: kind === 'hearing' ? (orNull(v.hearingOutcome) as 'postponed' | null) : null,
            note: orNull(v.note),
            version: e.version,
          });
          onDone(d);
        }}
      />
    </section>
  );
}

/** Corrects the procedure's own data; the stages stay as recorded. */
function CorrectDetailsForm({
  e,
  onDone,
}: {
  readonly e: EvictionDetail;
  readonly onDone: (d: EvictionDetail) => void;
}) {
  return (
    <SimpleForm
      key={e.version}
      id="eviction-details-form"
      title="Correggi i dati della procedura"
      submitLabel="Salva le correzioni"
      fields={evictionDataFields(e)}
      onSubmit={async (v) => {
        const d = await correctEvictionDetails(e.id, { ...evictionDataFromValues(v), version: e.version });
        onDone(d);
      }}
    />
  );
}

export function EvictionPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const res = useApiResource(`eviction:${id}`, () => getEviction(id));
  const [assignError, setAssignError] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState(false);
  if (res.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={res.error} />
      </div>
    );
  const e = res.data;
  if (!e)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const canWrite = roleWritesEvictions(user.role);
  return (
    <div className="container-xxl my-4" data-testid="eviction-page">
      <PageTitle title={`Sfratto ${e.code}`} />
      <p className="lead">
        <span className="badge bg-primary me-2" data-testid="eviction-status">
          {statusLabel(e.status)}
        </span>
        Nucleo <Link to={`/nuclei/${e.householdId}`}>{e.householdCode}</Link> — {e.applicantName}
      </p>
      <AlertList alerts={e.alerts} title="Avvisi" emptyText="Nessun avviso per questa procedura." />
      <dl className="row">
        <dt className="col-sm-3">Alloggio</dt>
        <dd className="col-sm-9">
          {e.address} ({e.comuneName})
        </dd>
        <dt className="col-sm-3">Tribunale e R.G.</dt>
        <dd className="col-sm-9">
          {e.court}
          {e.caseNumber ? `, R.G. ${e.caseNumber}` : ''}
        </dd>
        <dt className="col-sm-3">Proprietario</dt>
        <dd className="col-sm-9">
          {e.landlordName} ({LANDLORD_KIND_LABELS[e.landlordKind]})
        </dd>
        <dt className="col-sm-3">Motivo</dt>
        <dd className="col-sm-9">{motiveLabel(e.motive)}</dd>
        <dt className="col-sm-3">Morosità</dt>
        <dd className="col-sm-9">{e.arrearsCents === null ? '—' : formatEuro(e.arrearsCents)}</dd>
        <dt className="col-sm-3">Rilascio fissato</dt>
        <dd className="col-sm-9" data-testid="eviction-release">
          {formatDate(e.plannedReleaseOn)}
        </dd>
        <dt className="col-sm-3">Accessi dell’ufficiale giudiziario</dt>
        <dd className="col-sm-9">
          {e.dates.visits} (con forza pubblica: {e.dates.visitsWithPolice})
        </dd>
        <dt className="col-sm-3">Assistente sociale</dt>
        <dd className="col-sm-9">
          {e.socialWorkerName ?? 'non assegnato'}
          {canWrite && (user.role === 'social_worker' || user.role === 'manager') && e.socialWorkerId !== user.id ? (
            <button
              type="button"
              className="btn btn-sm btn-outline-primary ms-3"
              onClick={() =>
                void assignSocialWorker(e.id, user.id, e.version).then(res.setData, (err: unknown) =>
                  setAssignError(isApiError(err) ? err.message : 'Errore'),
                )
              }
            >
              Assegna a me
            </button>
          ) : null}
          {assignError ? <span className="text-danger ms-2">{assignError}</span> : null}
        </dd>
      </dl>
      {canWrite ? (
        <div className="mb-4">
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            aria-expanded={correcting}
            aria-controls="eviction-details-form"
            data-testid="eviction-correct-toggle"
            onClick={() => setCorrecting((c) => !c)}
          >
            {correcting ? 'Chiudi la correzione' : 'Correggi i dati della procedura'}
          </button>
          {correcting ? (
            <div className="mt-3">
              <CorrectDetailsForm
                e={e}
                onDone={(d) => {
                  res.setData(d);
                  setCorrecting(false);
                }}
              />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="table-responsive">
        <table className="table table-sm" data-testid="eviction-events">
          <caption>Passaggi registrati (in ordine; lo stato deriva da questi)</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Passaggio</th>
              <th scope="col">Data</th>
              <th scope="col">Giorno fissato</th>
              <th scope="col">Esito</th>
              <th scope="col">Registrato</th>
            </tr>
          </thead>
          <tbody>
            {e.events.length === 0 ? (
              <tr>
                <td colSpan={6}>Nessun passaggio registrato.</td>
              </tr>
            ) : (
              e.events.map((ev) => (
                <tr key={ev.id}>
                  <td>{ev.seq}</td>
                  <th scope="row">{EVICTION_EVENT_LABELS[ev.kind]}</th>
                  <td>{formatDate(ev.occurredOn)}</td>
                  <td>{formatDate(ev.plannedOn)}</td>
                  <td>
                    {ev.visitOutcome
                      ? `${VISIT_OUTCOME_LABELS[ev.visitOutcome]}${ev.policePresent ? ', con forza pubblica' : ', senza forza pubblica'}`
                      : ''}
                    {ev.hearingOutcome ? HEARING_OUTCOME_LABELS[ev.hearingOutcome] : ''}
                    {ev.note ? <div className="small">{ev.note}</div> : null}
                  </td>
                  <td className="small">
                    {formatDateTime(ev.createdAt)} {ev.createdByName ?? ''}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {canWrite && e.allowedEventKinds.length > 0 ? <NextStepForm e={e} onDone={res.setData} /> : null}
      {e.motive === 'arrears' ? (
        <section aria-labelledby="fund-title">
          <h2 id="fund-title" className="h4">
            Fondo morosità incolpevole (DM 30/3/2016 art. 3)
          </h2>
          <p>
            Esito: <strong>{FUND_LABELS[e.arrearsFund.outcome]}</strong>
            {e.arrearsFund.applied === null
              ? ' — domande al fondo non consultabili'
              : e.arrearsFund.applied
                ? ' — domanda presentata'
                : ' — nessuna domanda presentata'}
          </p>
          <table className="table table-sm">
            <caption>Requisiti e fonti</caption>
            <thead>
              <tr>
                <th scope="col">Requisito</th>
                <th scope="col">Esito</th>
                <th scope="col">Fonte</th>
              </tr>
            </thead>
            <tbody>
              {e.arrearsFund.checks.map((c) => (
                <tr key={c.code}>
                  <td>{c.label}</td>
                  <td>{OUTCOME_LABELS[c.outcome] ?? c.outcome}</td>
                  <td className="small">{c.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <p>
        <Link to="/sfratti">Torna all’elenco delle procedure</Link>
      </p>
    </div>
  );
}
