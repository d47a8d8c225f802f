import { useState } from 'react';
import { roleRegistersAgreedRent, type Landlord } from '../../../shared/measures.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { formatDate, formatEuro, parseEuroToCents } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getAmbito } from '../households/households-api.js';
import { HouseholdPicker } from '../worklist/household-picker.js';
import { orNull, SimpleForm } from '../worklist/simple-form.js';
import { createContract, createLandlord, listLandlords } from './measures-api.js';
import { Breadcrumb } from './ui.js';

const CINISELLO_AGREEMENT = 'Accordo locale per la Città di Cinisello Balsamo';

function LandlordForm({ onDone }: { readonly onDone: () => void }) {
  return (
    <SimpleForm
      id="landlord-form"
      title="Nuovo proprietario"
      submitLabel="Registra il proprietario"
      fields={[
        { name: 'name', label: 'Nome o ragione sociale', required: true },
        { name: 'fiscalCode', label: 'Codice fiscale o partita IVA', required: true },
        { name: 'iban', label: 'IBAN (per l’incentivo)' },
        { name: 'email', label: 'E-mail' },
        { name: 'phone', label: 'Telefono' },
      ]}
      onSubmit={async (v) => {
        await createLandlord({
          name: v.name ?? '',
          fiscalCode: v.fiscalCode ?? '',
          iban: orNull(v.iban),
          email: orNull(v.email),
          phone: orNull(v.phone),
        });
        onDone();
      }}
    />
  );
}

function ContractForm({ landlords, onDone }: { readonly landlords: readonly Landlord[]; readonly onDone: () => void }) {
  const ambito = useApiResource('ambito', getAmbito);
  const [household, setHousehold] = useState<{ id: string; label: string } | null>(null);
  if (ambito.error) return <ErrorAlert error={ambito.error} />;
  if (!ambito.data) return <Loading />;
  const comuni = ambito.data.comuni;
  return (
    <SimpleForm
      id="contract-form"
      title="Nuovo contratto a canone concordato"
      submitLabel="Registra il contratto"
      fields={[
        {
          name: 'landlordId',
          label: 'Proprietario',
          kind: 'select',
          required: true,
          options: landlords.map((l) => ({ value: l.id, label: `${l.name} (${l.fiscalCode})` })),
        },
        { name: 'address', label: 'Indirizzo dell’alloggio', required: true },
        {
          name: 'comuneId',
          label: 'Comune',
          kind: 'select',
          required: true,
          options: comuni.map((c) => ({ value: c.id, label: c.name })),
          initial: comuni.find((c) => c.isLead)?.id ?? '',
        },
        { name: 'localAgreement', label: 'Accordo territoriale', required: true, initial: CINISELLO_AGREEMENT },
        {
          name: 'durationYears',
          label: 'Durata (anni)',
          kind: 'number',
          required: true,
          initial: '3',
          hint: 'Almeno 3 anni (L. 431/1998 art. 2 c.3).',
        },
        { name: 'extensionYears', label: 'Proroga (anni)', kind: 'number', required: true, initial: '2' },
        { name: 'monthlyRentCents', label: 'Canone mensile (€)', required: true },
        { name: 'startsOn', label: 'Decorrenza', kind: 'date', required: true },
        { name: 'registeredOn', label: 'Data di registrazione', kind: 'date' },
      ]}
      onSubmit={async (v) => {
        const rent = parseEuroToCents(v.monthlyRentCents ?? '');
        if (rent === null) {
          throw new ApiError(400, 'VALIDATION_FAILED', 'Canone mensile: inserire un importo in euro.', [
            { path: 'monthlyRentCents', code: 'invalid', message: 'Inserire un importo in euro.' },
          ]);
        }
        await createContract({
          landlordId: v.landlordId ?? '',
          householdId: household?.id ?? null,
          address: v.address ?? '',
          comuneId: v.comuneId ?? '',
          localAgreement: v.localAgreement ?? '',
          durationYears: Number(v.durationYears),
          extensionYears: Number(v.extensionYears),
          monthlyRentCents: rent,
          startsOn: v.startsOn ?? '',
          registeredOn: orNull(v.registeredOn),
        });
        setHousehold(null);
        onDone();
      }}
    >
      <HouseholdPicker id="contract-household" value={household} onChange={setHousehold} />
      <p className="small text-secondary">
        Il nucleo inquilino è facoltativo: se indicato, il contratto va nella sua cronologia.
      </p>
    </SimpleForm>
  );
}

/** Canone concordato: landlords, their agreed-rent contracts, the incentive and the guarantee of each. */
export function LandlordsPage() {
  const user = useCurrentUser();
  const list = useApiResource('landlords', listLandlords);
  const writes = roleRegistersAgreedRent(user.role);
  return (
    <div className="container-xxl my-4" data-testid="landlords-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: 'Canone concordato' }]} />
      <PageTitle title="Canone concordato: proprietari e contratti" />
      <p>
        Contratti secondo l’accordo territoriale (L. 431/1998 art. 2 c.3). Incentivo al proprietario (DGR XI/2065/2019):
        1.000 € per un contratto 3+2, 1.500 € per contratti più lunghi; garanzia sui primi 12 mesi fino a 7.200 €.
      </p>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p>Nessun proprietario registrato.</p> : null}
      {list.data?.items.map((l) => (
        <section key={l.id} aria-labelledby={`landlord-${l.id}`} className="mb-4">
          <h2 id={`landlord-${l.id}`} className="h5">
            {l.name} <span className="small text-secondary">({l.fiscalCode})</span>
          </h2>
          {l.contracts.length === 0 ? (
            <p>Nessun contratto.</p>
          ) : (
            <table className="table table-sm">
              <caption className="visually-hidden">Contratti a canone concordato di {l.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Indirizzo</th>
                  <th scope="col">Durata</th>
                  <th scope="col">Dal</th>
                  <th scope="col" className="text-end">
                    Canone mensile
                  </th>
                  <th scope="col" className="text-end">
                    Incentivo
                  </th>
                  <th scope="col" className="text-end">
                    Garanzia
                  </th>
                </tr>
              </thead>
              <tbody>
                {l.contracts.map((c) => (
                  <tr key={c.id}>
                    <td>{c.address}</td>
                    <td>
                      {c.durationYears}+{c.extensionYears}
                    </td>
                    <td>{formatDate(c.startsOn)}</td>
                    <td className="text-end">{formatEuro(c.monthlyRentCents)}</td>
                    <td className="text-end">
                      {c.incentiveCents === null ? c.incentiveNote : formatEuro(c.incentiveCents)}
                    </td>
                    <td className="text-end">
                      {c.guaranteeCents === null ? '—' : `${formatEuro(c.guaranteeCents)} (${c.guaranteeMonths} mesi)`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
      {writes && list.data ? (
        <div className="row g-4 mt-2">
          <section className="col-12 col-lg-5 card card-bg p-3" aria-label="Nuovo proprietario">
            <LandlordForm onDone={list.reload} />
          </section>
          {list.data.items.length > 0 ? (
            <section className="col-12 col-lg-7 card card-bg p-3" aria-label="Nuovo contratto">
              <ContractForm landlords={list.data.items} onDone={list.reload} />
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
