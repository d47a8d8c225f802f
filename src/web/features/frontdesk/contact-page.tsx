import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CONTACT_CHANNEL_LABELS,
  CONTACT_OUTCOME_LABELS,
  CONTACT_REASON_LABELS,
  REFERRAL_KIND_LABELS,
  type REFERRAL_KINDS,
  VERDICT_LABELS,
  type ContactDetail,
  type ScreeningResultDto,
} from '../../../shared/frontdesk.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import {
  book,
  getCalendar,
  getContact,
  listPartners,
  refer,
  saveQuestionnaire,
  screen,
} from '../measures/measures-api.js';
import { ApiProblem, Breadcrumb, Form, OUTCOME_TEXT, useAction, VerdictBadge } from '../measures/ui.js';
import { QuestionnaireFields, textsToAnswers, useAnswerTexts } from './questionnaire-form.js';

export function ContactPage() {
  const { id = '' } = useParams();
  const contact = useApiResource(`contact/${id}`, () => getContact(id));
  if (contact.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={contact.error} />
      </div>
    );
  if (!contact.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  return <ContactView contact={contact.data} onChange={contact.setData} />;
}

function ContactView({
  contact: c,
  onChange,
}: {
  readonly contact: ContactDetail;
  readonly onChange: (c: ContactDetail) => void;
}) {
  const [texts, setTexts] = useAnswerTexts(c.answers);
  const [screening, setScreening] = useState(c.screening);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const [clientProblems, setClientProblems] = useState<string[]>([]);

  async function saveAndScreen() {
    const { answers, problems } = textsToAnswers(texts);
    setClientProblems(problems);
    if (problems.length > 0) return;
    const updated = await action.run(() => saveQuestionnaire(c.id, answers));
    if (!updated) return;
    onChange(updated);
    setSaved(true);
    const s = await action.run(() => screen(c.id));
    if (s) setScreening(s);
  }

  return (
    <div className="container-xxl my-4" data-testid="contact-page">
      <Breadcrumb items={[{ label: 'Sportello', to: '/sportello' }, { label: `Contatto ${formatDateTime(c.at)}` }]} />
      <PageTitle title={`Contatto con ${c.personName}`} />
      <dl className="row">
        <dt className="col-sm-3">Nucleo</dt>
        <dd className="col-sm-9">
          <Link to={`/nuclei/${encodeURIComponent(c.householdId)}`}>{c.householdCode}</Link>
        </dd>
        <dt className="col-sm-3">Canale e motivo</dt>
        <dd className="col-sm-9">
          {CONTACT_CHANNEL_LABELS[c.channel]} – {CONTACT_REASON_LABELS[c.reason]}
          {c.reasonNote ? `. ${c.reasonNote}` : ''}
        </dd>
        <dt className="col-sm-3">Esito</dt>
        <dd className="col-sm-9" data-testid="contact-outcome">
          {c.outcome ? CONTACT_OUTCOME_LABELS[c.outcome] : 'In corso'}
        </dd>
      </dl>
      <section aria-labelledby="questionario" className="card card-bg p-3 mb-4">
        <h2 id="questionario" className="h4">
          Questionario
        </h2>
        <Form id="questionnaire" label="Questionario dei bisogni" onSubmit={() => void saveAndScreen()}>
          <QuestionnaireFields texts={texts} onChange={setTexts} />
          {clientProblems.length > 0 ? <ErrorAlert error={clientProblems.join(' ')} /> : null}
          <ApiProblem error={action.error} />
          {saved ? <SuccessAlert>Questionario salvato.</SuccessAlert> : null}
          <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="screen-button">
            Salva e verifica tutte le misure
          </button>
        </Form>
      </section>
      {screening ? (
        <ScreeningResults contact={c} results={screening.results} asOf={screening.asOf} onChange={onChange} />
      ) : null}
      <Referrals contact={c} onChange={onChange} />
      <Booking contact={c} />
    </div>
  );
}

function ScreeningResults({
  contact,
  results,
  asOf,
  onChange,
}: {
  readonly contact: ContactDetail;
  readonly results: readonly ScreeningResultDto[];
  readonly asOf: string;
  readonly onChange: (c: ContactDetail) => void;
}) {
  const action = useAction();
  async function referCall(callId: string) {
    const updated = await action.run(() => refer(contact.id, { kind: 'sap_call', callId }));
    if (updated) onChange(updated);
  }
  return (
    <section aria-labelledby="esito-verifica" className="mb-4" data-testid="screening">
      <h2 id="esito-verifica" className="h4">
        Misure e avvisi ({results.length}) al {asOf.split('-').reverse().join('/')}
      </h2>
      <ApiProblem error={action.error} />
      <div className="table-responsive">
        <table className="table align-top">
          <caption className="visually-hidden">Esito della verifica su ogni misura attiva e avviso aperto</caption>
          <thead>
            <tr>
              <th scope="col">Misura o avviso</th>
              <th scope="col">Esito</th>
              <th scope="col">Motivi e fonti</th>
              <th scope="col" className="text-end">
                Stima
              </th>
              <th scope="col">Azione</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.target}-${r.id}`} data-testid="screening-row" data-code={r.code}>
                <th scope="row">
                  {r.name}
                  <div className="small text-secondary fw-normal">{r.legalBasis}</div>
                </th>
                <td>
                  <VerdictBadge verdict={r.verdict} label={VERDICT_LABELS[r.verdict]} />
                </td>
                <td>
                  <ul className="small mb-0 ps-3">
                    {r.reasons
                      .filter((x) => x.outcome !== 'met' || r.verdict === 'eligible')
                      .map((x) => (
                        <li key={x.code}>
                          <span className="visually-hidden">{OUTCOME_TEXT[x.outcome]}: </span>
                          {x.evidence} <span className="text-secondary">({x.source})</span>
                        </li>
                      ))}
                    {r.preferences.map((p) => (
                      <li key={p.code}>Criterio preferenziale: {p.text}</li>
                    ))}
                  </ul>
                </td>
                <td className="text-end">{r.estimate ? formatEuro(r.estimate.amountCents) : '—'}</td>
                <td>
                  {r.verdict !== 'not_eligible' && r.target === 'measure' ? (
                    <Link
                      className="btn btn-sm btn-outline-primary"
                      data-testid={`start-${r.code}`}
                      to={`/misure/domande/nuova?nucleo=${encodeURIComponent(contact.householdId)}&misura=${encodeURIComponent(r.id)}&contatto=${encodeURIComponent(contact.id)}`}
                    >
                      Avvia domanda
                    </Link>
                  ) : null}
                  {r.verdict !== 'not_eligible' && r.target === 'call' ? (
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-primary"
                      onClick={() => void referCall(r.id)}
                    >
                      Invia all’avviso
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Referrals({
  contact,
  onChange,
}: {
  readonly contact: ContactDetail;
  readonly onChange: (c: ContactDetail) => void;
}) {
  const partners = useApiResource('partners', listPartners);
  const [kind, setKind] = useState<(typeof REFERRAL_KINDS)[number]>('social_worker');
  const [partnerId, setPartnerId] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  async function submit() {
    const updated = await action.run(() =>
      refer(contact.id, { kind, partnerId: kind === 'partner' ? partnerId || null : null, note: note || null }),
    );
    if (updated) {
      onChange(updated);
      setNote('');
    }
  }
  return (
    <section aria-labelledby="invii" className="card card-bg p-3 mb-4">
      <h2 id="invii" className="h4">
        Invii
      </h2>
      {contact.referrals.length === 0 ? (
        <p>Nessun invio.</p>
      ) : (
        <ul data-testid="referrals">
          {contact.referrals.map((r) => (
            <li key={r.id}>
              {REFERRAL_KIND_LABELS[r.kind]}
              {r.measureName ? ` – ${r.measureName}` : ''}
              {r.callName ? ` – ${r.callName}` : ''}
              {r.partnerName ? ` – ${r.partnerName}` : ''}
              {r.note ? `: ${r.note}` : ''}{' '}
              <span className="small text-secondary">({formatDateTime(r.createdAt)})</span>
            </li>
          ))}
        </ul>
      )}
      <Form id="referral" label="Nuovo invio" onSubmit={() => void submit()}>
        <div className="row">
          <SelectField
            id="ref-kind"
            className="col-md-4"
            label="Tipo di invio"
            value={kind}
            onValueChange={(v) => setKind(v as typeof kind)}
            options={optionsFrom(REFERRAL_KIND_LABELS).filter(
              (o) => o.value !== 'application_draft' && o.value !== 'sap_call',
            )}
          />
          {kind === 'partner' ? (
            <SelectField
              id="ref-partner"
              className="col-md-4"
              label="Ente"
              required
              value={partnerId}
              onValueChange={setPartnerId}
              options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              placeholder="Scegliere l’ente"
            />
          ) : null}
          <TextField id="ref-note" className="col-md-4" label="Nota" value={note} onValueChange={setNote} />
        </div>
        <ApiProblem error={action.error} />
        <button type="submit" className="btn btn-outline-primary" disabled={action.busy} data-testid="referral-submit">
          Registra invio
        </button>
      </Form>
    </section>
  );
}

function nextDays(n: number): { from: string; to: string } {
  const from = new Date();
  const to = new Date(Date.now() + n * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

function Booking({ contact }: { readonly contact: ContactDetail }) {
  const range = nextDays(21);
  const cal = useApiResource(`calendar/${range.from}`, () => getCalendar(range.from, range.to));
  const [slotId, setSlotId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [done, setDone] = useState(contact.bookings.filter((b) => !b.cancelledAt).length > 0);
  const action = useAction();
  const free = (cal.data?.items ?? []).filter((s) => !s.booking && s.startsAt > new Date().toISOString());
  async function submit() {
    const r = await action.run(() =>
      book({ slotId, householdId: contact.householdId, contactId: contact.id, purpose }),
    );
    if (r) {
      setDone(true);
      cal.reload();
    }
  }
  return (
    <section aria-labelledby="appuntamento" className="card card-bg p-3 mb-4">
      <h2 id="appuntamento" className="h4">
        Appuntamento
      </h2>
      {done ? <SuccessAlert>Appuntamento fissato.</SuccessAlert> : null}
      {free.length === 0 ? (
        <p>
          Nessuna fascia libera nelle prossime tre settimane: aprirne una nell’
          <Link to="/sportello/agenda">agenda</Link>.
        </p>
      ) : (
        <Form id="booking" label="Prenota un appuntamento" onSubmit={() => void submit()}>
          <div className="row">
            <SelectField
              id="book-slot"
              className="col-md-6"
              label="Fascia libera"
              required
              value={slotId}
              onValueChange={setSlotId}
              placeholder="Scegliere una fascia"
              options={free.map((s) => ({
                value: s.id,
                label: `${formatDateTime(s.startsAt)} – ${s.operatorName} – ${s.place}`,
              }))}
            />
            <TextField
              id="book-purpose"
              className="col-md-6"
              label="Motivo"
              required
              value={purpose}
              onValueChange={setPurpose}
            />
          </div>
          <ApiProblem error={action.error} />
          <button type="submit" className="btn btn-outline-primary" disabled={action.busy} data-testid="book-submit">
            Prenota
          </button>
        </Form>
      )}
    </section>
  );
}
