// The citizen portal: a citizen logs in with SPID or CIE and sees their own households only —
// applications and why they are at their position, outcomes, deadlines, messages, requested documents.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { CHECK_OUTCOME_LABELS } from '../../../shared/applications.js';
import { TEMPLATE_LABELS } from '../../../shared/communications.js';
import type { PortalHousehold } from '../../../shared/portal.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import {
  bookAppointment,
  cancelAppointment,
  getMyExplanation,
  getMyHousehold,
  getPortalConfig,
  getPortalSession,
  letterUrl,
  listFreeSlots,
  listMyHouseholds,
  portalLogout,
  uploadRequestedDocument,
} from './portal-api.js';

const STATE_LABELS: Record<PortalHousehold['applications'][number]['state'], string> = {
  to_review: 'In istruttoria',
  admitted: 'Ammessa',
  excluded: 'Esclusa',
};

function DemoBanner() {
  return (
    <div className="alert alert-warning" role="note" data-testid="portal-demo-banner">
      <strong>Ambiente dimostrativo:</strong> l’accesso SPID/CIE è simulato da un fornitore di identità locale e i dati
      sono sintetici. Non è mai attivo in produzione.
    </div>
  );
}

function Failure({ error, retry }: { readonly error: ApiError; readonly retry: () => void }) {
  return (
    <ErrorAlert error={error}>
      <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={retry}>
        Riprova
      </button>
    </ErrorAlert>
  );
}

export function PortalHomePage() {
  const [params] = useSearchParams();
  const config = useApiResource('portal/config', getPortalConfig);
  const session = useApiResource('portal/session', () => getPortalSession().catch(() => null));
  const households = useApiResource(session.data ? 'portal/households' : null, listMyHouseholds);
  const navigate = useNavigate();

  if (config.error)
    return (
      <div className="container-xxl my-4">
        <Failure error={config.error} retry={config.reload} />
      </div>
    );
  if (!config.data || session.loading)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const demo = config.data.demoProvider ? <DemoBanner /> : null;
  if (!session.data) {
    return (
      <div className="container-xxl my-4" data-testid="portal-login">
        <PageTitle title="Portale del cittadino" />
        {demo}
        {params.get('errore') ? (
          <ErrorAlert error="L’accesso non è riuscito. Riprova; se il problema continua rivolgiti allo sportello." />
        ) : null}
        <p>
          Con SPID o CIE puoi vedere le tue domande di alloggio e perché sono in quella posizione, le scadenze, le
          comunicazioni dell’Agenzia per la Casa, e caricare i documenti che ti abbiamo chiesto.
        </p>
        {config.data.enabled ? (
          <a className="btn btn-primary" href="/api/portal/login" data-testid="portal-login-button">
            Entra con SPID o CIE
          </a>
        ) : (
          <p className="alert alert-info">L’accesso con SPID o CIE non è ancora attivo: rivolgiti allo sportello.</p>
        )}
      </div>
    );
  }
  const logout = async () => {
    await portalLogout().catch(() => undefined);
    session.reload();
    void navigate('/portale');
  };
  return (
    <div className="container-xxl my-4" data-testid="portal-home">
      <PageTitle title="Portale del cittadino">Benvenuto, {session.data.displayName}</PageTitle>
      {demo}
      <p>
        Codice fiscale: <span className="font-monospace">{session.data.fiscalCode}</span>{' '}
        <button type="button" className="btn btn-link p-0 ms-2 align-baseline" onClick={() => void logout()}>
          Esci
        </button>
      </p>
      <h2 className="h4 mt-4">I tuoi nuclei familiari</h2>
      {households.error ? <Failure error={households.error} retry={households.reload} /> : null}
      {!households.data ? (
        <Loading />
      ) : households.data.items.length === 0 ? (
        <p>Non risultano nuclei familiari con il tuo codice fiscale presso l’Agenzia per la Casa.</p>
      ) : (
        <ul className="list-unstyled">
          {households.data.items.map((h) => (
            <li key={h.id} className="mb-2">
              <Link to={`/portale/nuclei/${encodeURIComponent(h.id)}`} data-testid="portal-household-link">
                Nucleo {h.code} – {h.address} ({h.comuneName})
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function UploadForm({ requestId, onDone }: { readonly requestId: string; readonly onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `file-${requestId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setError('Scegli il file da caricare (PDF, JPEG o PNG).');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await uploadRequestedDocument(requestId, file);
      setSent(result.fileName);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2" data-testid="portal-upload-form">
      {error ? <ErrorAlert error={error} /> : null}
      {sent ? <SuccessAlert>Documento «{sent}» caricato: l’ufficio lo vedrà nella tua pratica.</SuccessAlert> : null}
      <label htmlFor={inputId} className="form-label">
        File del documento (PDF, JPEG o PNG)
      </label>
      <input
        id={inputId}
        type="file"
        className="form-control"
        accept="application/pdf,image/jpeg,image/png"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" className="btn btn-primary btn-sm mt-2" disabled={busy}>
        Carica il documento
      </button>
    </form>
  );
}

function Appointments(props: {
  readonly appointments: readonly { id: string; startsAt: string; place: string; purpose: string }[];
  readonly onChange: () => void;
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const cancel = async (b: { id: string; startsAt: string }) => {
    setError(null);
    setDone(null);
    try {
      await cancelAppointment(b.id);
      setDone(`Appuntamento del ${formatDateTime(b.startsAt)} annullato: l’orario è di nuovo libero.`);
      props.onChange();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <div aria-live="polite">
      {error ? <ErrorAlert error={error} /> : null}
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      <ul data-testid="portal-appointments">
        {props.appointments.map((b) => (
          <li key={b.id} className="mb-1">
            {formatDateTime(b.startsAt)}, {b.place}: {b.purpose}{' '}
            <button
              type="button"
              className="btn btn-outline-primary btn-xs py-0 px-2 ms-2"
              data-testid="portal-appointment-cancel"
              onClick={() => void cancel(b)}
            >
              Annulla<span className="visually-hidden"> l’appuntamento del {formatDateTime(b.startsAt)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BookingForm({ householdId, onDone }: { readonly householdId: string; readonly onDone: () => void }) {
  const slots = useApiResource('portal/slots', listFreeSlots);
  const [slotId, setSlotId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!slotId) {
      setError('Scegli una data e un orario.');
      return;
    }
    setError(null);
    try {
      const booked = await bookAppointment(householdId, slotId, purpose);
      setDone(`${formatDateTime(booked.startsAt)}, ${booked.place}`);
      setSlotId('');
      slots.reload();
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2" data-testid="portal-booking-form">
      {error ? <ErrorAlert error={error} /> : null}
      {done ? <SuccessAlert>Appuntamento prenotato: {done}.</SuccessAlert> : null}
      {slots.data && slots.data.items.length === 0 ? (
        <p>Non ci sono orari liberi nei prossimi 30 giorni: chiama lo sportello.</p>
      ) : (
        <div className="row g-2 align-items-end">
          <div className="col-md-5">
            <label htmlFor="booking-slot" className="form-label">
              Data e ora
            </label>
            <select
              id="booking-slot"
              className="form-select"
              value={slotId}
              onChange={(e) => setSlotId(e.target.value)}
            >
              <option value="">Scegli…</option>
              {(slots.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {formatDateTime(s.startsAt)} – {s.place}
                </option>
              ))}
            </select>
          </div>
          <div className="col-md-5">
            <label htmlFor="booking-purpose" className="form-label">
              Motivo
            </label>
            <input
              id="booking-purpose"
              className="form-control"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </div>
          <div className="col-md-2">
            <button type="submit" className="btn btn-primary btn-sm">
              Prenota
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

export function PortalHouseholdPage() {
  const { id = '' } = useParams();
  const household = useApiResource(`portal/household/${id}`, () => getMyHousehold(id));
  if (household.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Il tuo nucleo familiare" />
        {household.error.status === 403 ? (
          <ErrorAlert error="Questo nucleo familiare non risulta tuo: puoi vedere solo i nuclei di cui fai parte." />
        ) : household.error.status === 401 ? (
          <p>
            La sessione è scaduta: <Link to="/portale">accedi di nuovo</Link>.
          </p>
        ) : (
          <Failure error={household.error} retry={household.reload} />
        )}
      </div>
    );
  }
  if (!household.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const h = household.data;
  return (
    <div className="container-xxl my-4" data-testid="portal-household">
      <PageTitle title={`Nucleo ${h.code}`}>
        Nucleo {h.code} – {h.comuneName}
      </PageTitle>
      <p>
        <Link to="/portale">Torna al portale</Link>
      </p>
      <p>
        {h.address}. Componenti: {h.members.map((m) => `${m.name} (${m.relation})`).join(', ')}.
      </p>

      <section aria-labelledby="scadenze" className="mt-4">
        <h2 id="scadenze" className="h4">
          Scadenze
        </h2>
        {h.deadlines.length === 0 ? (
          <p>Nessuna scadenza nei prossimi giorni.</p>
        ) : (
          <table className="table table-sm" data-testid="portal-deadlines">
            <caption>Le tue prossime scadenze</caption>
            <thead>
              <tr>
                <th scope="col">Entro il</th>
                <th scope="col">Cosa</th>
                <th scope="col">Dettagli</th>
              </tr>
            </thead>
            <tbody>
              {h.deadlines.map((d) => (
                <tr key={`${d.on}|${d.title}|${d.detail}`}>
                  <td>{formatDate(d.on)}</td>
                  <td>{d.title}</td>
                  <td>{d.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="domande" className="mt-4">
        <h2 id="domande" className="h4">
          Domande di alloggio
        </h2>
        {h.applications.length === 0 ? <p>Nessuna domanda.</p> : null}
        {h.applications.map((a) => (
          <article key={a.id} className="card card-bg mb-3" data-testid="portal-application">
            <div className="card-body">
              <h3 className="h5">
                {a.callName} – domanda {a.protocol}
              </h3>
              <p className="mb-1">
                Presentata il {formatDateTime(a.submittedAt)}. Stato: <strong>{STATE_LABELS[a.state]}</strong>
                {a.reason ? ` – ${a.reason}` : ''}
              </p>
              {a.checks.length > 0 ? (
                <table className="table table-sm mt-2">
                  <caption>Verifica dei requisiti</caption>
                  <thead>
                    <tr>
                      <th scope="col">Requisito</th>
                      <th scope="col">Esito</th>
                      <th scope="col">Perché</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.checks.map((c) => (
                      <tr key={c.code}>
                        <td>{c.label}</td>
                        <td>{CHECK_OUTCOME_LABELS[c.outcome]}</td>
                        <td>
                          {c.evidence} <span className="text-muted small">({c.source})</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <Link to={`/portale/domande/${encodeURIComponent(a.id)}`} data-testid="portal-explanation-link">
                Perché la mia domanda è in questa posizione
              </Link>
            </div>
          </article>
        ))}
      </section>

      <section aria-labelledby="documenti" className="mt-4">
        <h2 id="documenti" className="h4">
          Documenti richiesti
        </h2>
        {h.documentRequests.length === 0 ? <p>Nessun documento richiesto.</p> : null}
        <ul className="list-unstyled">
          {h.documentRequests.map((r) => (
            <li key={r.id} className="mb-3" data-testid="portal-document-request">
              <p className="mb-1">
                <strong>{r.description}</strong>, entro il {formatDate(r.dueOn)}.{' '}
                {r.uploads.length > 0
                  ? `Caricato: ${r.uploads.map((u) => `${u.fileName} (${formatDateTime(u.uploadedAt)})`).join(', ')}.`
                  : 'Non ancora consegnato.'}
              </p>
              <UploadForm requestId={r.id} onDone={household.reload} />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="appuntamenti" className="mt-4">
        <h2 id="appuntamenti" className="h4">
          Appuntamenti allo sportello
        </h2>
        {h.appointments.length === 0 ? <p>Nessun appuntamento prenotato.</p> : null}
        <Appointments appointments={h.appointments} onChange={household.reload} />
        <BookingForm householdId={h.id} onDone={household.reload} />
      </section>

      <section aria-labelledby="comunicazioni" className="mt-4">
        <h2 id="comunicazioni" className="h4">
          Comunicazioni
        </h2>
        {h.messages.length === 0 ? <p>Nessuna comunicazione.</p> : null}
        {h.messages.map((m) => (
          <details key={m.id} className="mb-2" data-testid="portal-message">
            <summary>
              {formatDateTime(m.createdAt)} – {m.subject}
              {m.protocol ? ` (prot. ${m.protocol})` : ''}
            </summary>
            <p className="text-muted small mb-1">{TEMPLATE_LABELS[m.template] ?? m.template}</p>
            <div style={{ whiteSpace: 'pre-line' }}>{m.body}</div>
            {m.protocol ? (
              <a href={letterUrl(m.id)} download>
                Scarica la lettera (PDF)
              </a>
            ) : null}
          </details>
        ))}
      </section>
    </div>
  );
}

export function PortalExplanationPage() {
  const { id = '' } = useParams();
  const explanation = useApiResource(`portal/explanation/${id}`, () => getMyExplanation(id));
  if (explanation.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Perché questa posizione" />
        {explanation.error.status === 403 ? (
          <ErrorAlert error="Questa domanda non risulta tua." />
        ) : (
          <Failure error={explanation.error} retry={explanation.reload} />
        )}
        <Link to="/portale">Torna al portale</Link>
      </div>
    );
  }
  if (!explanation.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const e = explanation.data;
  return (
    <div className="container-xxl my-4 legal-text" data-testid="portal-explanation">
      <PageTitle title="Perché questa posizione">Perché la tua domanda è in questa posizione</PageTitle>
      <p>
        Punteggio ISBAR attribuito dalla piattaforma regionale: <strong>{e.isbar.toLocaleString('it-IT')}</strong>. Le
        graduatorie sono separate per ente proprietario e Comune e ordinate per punteggio decrescente (R.R. Lombardia
        4/2017 art. 12).
      </p>
      {e.review ? (
        <p>
          Esito della verifica dei requisiti:{' '}
          <strong>{e.review.decision === 'admitted' ? 'ammessa' : 'esclusa'}</strong> – {e.review.reason}
        </p>
      ) : (
        <p>I requisiti sono ancora in corso di verifica.</p>
      )}
      <h2 className="h4 mt-4">Posizione nelle graduatorie</h2>
      {e.positions.length === 0 ? (
        <p>{e.text.split('\n').at(-1)}</p>
      ) : (
        <ul className="list-unstyled">
          {e.positions.map((p) => (
            <li key={`${p.owner}|${p.comune}`} className="mb-3" data-testid="portal-position">
              <h3 className="h6 mb-1">
                {p.owner} – {p.comune}: posizione {p.position} su {p.total}
              </h3>
              <p className="mb-0">{p.text}</p>
            </li>
          ))}
        </ul>
      )}
      {e.assignment ? <p>{e.assignment.text}</p> : null}
      <p className="mt-4">
        <Link to="/portale">Torna al portale</Link>
      </p>
    </div>
  );
}
