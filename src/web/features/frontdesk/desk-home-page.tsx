import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CONTACT_CHANNEL_LABELS,
  CONTACT_OUTCOME_LABELS,
  CONTACT_REASON_LABELS,
  type CONTACT_CHANNELS,
  type CONTACT_REASONS,
} from '../../../shared/frontdesk.js';
import { SelectField, TextAreaField, TextField, optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { searchHouseholds } from '../households/households-api.js';
import { createContact, listContacts } from '../measures/measures-api.js';
import { ApiProblem, Breadcrumb, Form, useAction } from '../measures/ui.js';

export function DeskHomePage() {
  const contacts = useApiResource('desk-contacts', () => listContacts());
  return (
    <div className="container-xxl my-4" data-testid="desk-page">
      <Breadcrumb items={[{ label: 'Sportello' }]} />
      <PageTitle title="Sportello" />
      <p>
        Accoglienza: registrare il contatto, porre le domande che contano, vedere subito tutte le misure e gli avvisi a
        cui il nucleo può accedere, e indirizzarlo. <Link to="/sportello/agenda">Agenda degli appuntamenti</Link> ·{' '}
        <Link to="/sportello/invii">Invii</Link>
      </p>
      <NewContact />
      <section aria-labelledby="recenti" className="mt-5">
        <h2 id="recenti" className="h4">
          Contatti recenti
        </h2>
        {contacts.error ? <ErrorAlert error={contacts.error} /> : null}
        {contacts.loading && !contacts.data ? <Loading /> : null}
        {contacts.data && contacts.data.items.length === 0 ? <p>Nessun contatto.</p> : null}
        {contacts.data && contacts.data.items.length > 0 ? (
          <div className="table-responsive">
            <table className="table table-hover" data-testid="contacts-table">
              <caption className="visually-hidden">Contatti recenti allo sportello</caption>
              <thead>
                <tr>
                  <th scope="col">Quando</th>
                  <th scope="col">Nucleo</th>
                  <th scope="col">Persona</th>
                  <th scope="col">Motivo</th>
                  <th scope="col">Esito</th>
                </tr>
              </thead>
              <tbody>
                {contacts.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/sportello/contatti/${encodeURIComponent(c.id)}`}>{formatDateTime(c.at)}</Link>
                    </td>
                    <td>{c.householdCode}</td>
                    <td>{c.personName}</td>
                    <td>{CONTACT_REASON_LABELS[c.reason]}</td>
                    <td>{c.outcome ? CONTACT_OUTCOME_LABELS[c.outcome] : 'In corso'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function NewContact() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ id: string; label: string; applicant: string }[]>([]);
  const [householdId, setHouseholdId] = useState(params.get('nucleo') ?? '');
  const [personName, setPersonName] = useState('');
  const [channel, setChannel] = useState<(typeof CONTACT_CHANNELS)[number]>('in_person');
  const [reason, setReason] = useState<(typeof CONTACT_REASONS)[number]>('high_rent');
  const [note, setNote] = useState('');
  const search = useAction();
  const save = useAction();

  async function doSearch() {
    const r = await search.run(() => searchHouseholds({ q, limit: 20, offset: 0 }));
    if (!r) return;
    const items = r.items.map((i) => ({
      id: i.id,
      label: `${i.code} – ${i.applicantName ?? ''} – ${i.address}`,
      applicant: i.applicantName ?? '',
    }));
    setResults(items);
    if (items[0]) {
      setHouseholdId(items[0].id);
      setPersonName(items[0].applicant);
    }
  }

  async function submit() {
    const created = await save.run(() =>
      createContact({ householdId, personName, channel, reason, reasonNote: note || null }),
    );
    if (created) void navigate(`/sportello/contatti/${encodeURIComponent(created.id)}`);
  }

  return (
    <section aria-labelledby="nuovo-contatto" className="card card-bg p-3">
      <h2 id="nuovo-contatto" className="h4">
        Nuovo contatto
      </h2>
      <Form id="household-search" label="Cerca il nucleo" onSubmit={() => void doSearch()}>
        <div className="row g-2 align-items-end">
          <TextField
            id="desk-q"
            className="col-md-8"
            label="Nucleo: codice, cognome o codice fiscale"
            value={q}
            onValueChange={setQ}
            hint="Se il nucleo non ha ancora un fascicolo, crearlo da «Nuclei familiari»."
          />
          <div className="col-md-4 form-group">
            <button type="submit" className="btn btn-outline-primary" disabled={search.busy} data-testid="desk-search">
              Cerca
            </button>
          </div>
        </div>
      </Form>
      <ApiProblem error={search.error} />
      <Form id="contact-form" label="Registra il contatto" onSubmit={() => void submit()}>
        {results.length > 0 ? (
          <SelectField
            id="desk-household"
            label="Nucleo"
            required
            value={householdId}
            onValueChange={(v) => {
              setHouseholdId(v);
              setPersonName(results.find((r) => r.id === v)?.applicant ?? personName);
            }}
            options={results.map((r) => ({ value: r.id, label: r.label }))}
          />
        ) : householdId ? (
          <p>Nucleo selezionato dal fascicolo.</p>
        ) : null}
        <div className="row">
          <TextField
            id="desk-person"
            className="col-md-6"
            label="Persona allo sportello"
            required
            value={personName}
            onValueChange={setPersonName}
          />
          <SelectField
            id="desk-channel"
            className="col-md-3"
            label="Canale"
            value={channel}
            onValueChange={(v) => setChannel(v as typeof channel)}
            options={optionsFrom(CONTACT_CHANNEL_LABELS)}
          />
          <SelectField
            id="desk-reason"
            className="col-md-3"
            label="Motivo"
            value={reason}
            onValueChange={(v) => setReason(v as typeof reason)}
            options={optionsFrom(CONTACT_REASON_LABELS)}
          />
        </div>
        <TextAreaField id="desk-note" label="Nota" value={note} onValueChange={setNote} rows={2} />
        <ApiProblem error={save.error} />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={save.busy || !householdId}
          data-testid="desk-create-contact"
        >
          Registra contatto
        </button>
      </Form>
    </section>
  );
}
