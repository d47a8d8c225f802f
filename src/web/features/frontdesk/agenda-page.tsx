import { useState } from 'react';
import { REFERRAL_KIND_LABELS } from '../../../shared/frontdesk.js';
import { TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { cancelBooking, createSlot, getCalendar, listReferrals } from '../measures/measures-api.js';
import { ApiProblem, Breadcrumb, Form, useAction } from '../measures/ui.js';

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export function AgendaPage() {
  const [from, setFrom] = useState(isoDay(0));
  const [to, setTo] = useState(isoDay(14));
  const cal = useApiResource(`agenda/${from}/${to}`, () => getCalendar(from, to));
  const [day, setDay] = useState(isoDay(1));
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('09:30');
  const [place, setPlace] = useState('Sportello Agenzia per la Casa');
  const [weeks, setWeeks] = useState('1');
  const [weeksError, setWeeksError] = useState<string | undefined>(undefined);
  const [opened, setOpened] = useState<string | null>(null);
  const action = useAction();
  async function addSlot() {
    const startsAt = new Date(`${day}T${start}:00`).toISOString();
    const endsAt = new Date(`${day}T${end}:00`).toISOString();
    const repeatWeeks = Number(weeks);
    const ok = Number.isInteger(repeatWeeks) && repeatWeeks >= 1 && repeatWeeks <= 52;
    setWeeksError(ok ? undefined : 'Settimane: un numero intero da 1 a 52.');
    setOpened(null);
    if (!ok) return;
    const created = await action.run(() => createSlot({ startsAt, endsAt, place, repeatWeeks }));
    if (created) {
      setOpened(created.ids.length === 1 ? 'Fascia aperta.' : `Aperte ${created.ids.length} fasce, una a settimana.`);
      cal.reload();
    }
  }
  async function cancel(id: string) {
    if ((await action.run(() => cancelBooking(id))) !== undefined) cal.reload();
  }
  return (
    <div className="container-xxl my-4" data-testid="agenda-page">
      <Breadcrumb items={[{ label: 'Sportello', to: '/sportello' }, { label: 'Agenda' }]} />
      <PageTitle title="Agenda degli appuntamenti" />
      <Form id="agenda-range" label="Periodo" onSubmit={() => cal.reload()}>
        <div className="row">
          <TextField
            id="agenda-from"
            type="date"
            className="col-md-3"
            label="Dal"
            value={from}
            onValueChange={setFrom}
          />
          <TextField id="agenda-to" type="date" className="col-md-3" label="Al" value={to} onValueChange={setTo} />
        </div>
      </Form>
      {cal.error ? <ErrorAlert error={cal.error} /> : null}
      {cal.loading && !cal.data ? <Loading /> : null}
      {cal.data ? (
        cal.data.items.length === 0 ? (
          <p>Nessuna fascia nel periodo.</p>
        ) : (
          <div className="table-responsive">
            <table className="table" data-testid="agenda-table">
              <caption className="visually-hidden">Fasce e prenotazioni per operatore</caption>
              <thead>
                <tr>
                  <th scope="col">Inizio</th>
                  <th scope="col">Operatore</th>
                  <th scope="col">Luogo</th>
                  <th scope="col">Prenotazione</th>
                  <th scope="col">Azione</th>
                </tr>
              </thead>
              <tbody>
                {cal.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDateTime(s.startsAt)}</td>
                    <td>{s.operatorName}</td>
                    <td>{s.place}</td>
                    <td>
                      {s.booking
                        ? `${s.booking.householdCode}${s.booking.purpose ? ` – ${s.booking.purpose}` : ''}`
                        : 'Libera'}
                    </td>
                    <td>
                      {s.booking && s.booking.householdId ? (
                        <button
                          type="button"
                          className="btn btn-sm btn-outline-danger"
                          onClick={() => void cancel(s.booking?.id ?? '')}
                        >
                          Annulla
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      <section aria-labelledby="nuova-fascia" className="card card-bg p-3 mt-4">
        <h2 id="nuova-fascia" className="h4">
          Nuova fascia (per me)
        </h2>
        <Form id="slot" label="Nuova fascia" onSubmit={() => void addSlot()}>
          <div className="row">
            <TextField
              id="slot-day"
              type="date"
              className="col-md-3"
              label="Giorno"
              value={day}
              onValueChange={setDay}
            />
            <TextField
              id="slot-start"
              type="time"
              className="col-md-2"
              label="Dalle"
              value={start}
              onValueChange={setStart}
            />
            <TextField id="slot-end" type="time" className="col-md-2" label="Alle" value={end} onValueChange={setEnd} />
            <TextField id="slot-place" className="col-md-3" label="Luogo" value={place} onValueChange={setPlace} />
            <TextField
              id="slot-weeks"
              className="col-md-2"
              label="Ripeti per (settimane)"
              inputMode="numeric"
              value={weeks}
              onValueChange={setWeeks}
              error={weeksError}
              hint="1 = solo questa fascia; la stessa ora ogni settimana, anche con l’ora legale."
            />
          </div>
          {opened ? <SuccessAlert>{opened}</SuccessAlert> : null}
          <ApiProblem error={action.error} />
          <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="slot-submit">
            Apri fascia
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ReferralsPage() {
  const list = useApiResource('referrals', listReferrals);
  return (
    <div className="container-xxl my-4" data-testid="referrals-page">
      <Breadcrumb items={[{ label: 'Sportello', to: '/sportello' }, { label: 'Invii' }]} />
      <PageTitle title="Invii" />
      <p>Gli enti partner vedono solo gli invii indirizzati alla propria organizzazione.</p>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>Nessun invio.</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">Invii dello sportello</caption>
              <thead>
                <tr>
                  <th scope="col">Data</th>
                  <th scope="col">Nucleo</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Destinazione</th>
                  <th scope="col">Nota</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.householdCode}</td>
                    <td>{REFERRAL_KIND_LABELS[r.kind]}</td>
                    <td>{r.partnerName ?? r.measureName ?? r.callName ?? '—'}</td>
                    <td>{r.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </div>
  );
}
