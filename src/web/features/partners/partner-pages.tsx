import { Link, useNavigate, useParams } from 'react-router';
import { PARTNER_KIND_LABELS, partnerKindLabel, roleManagesPartners } from '../../../shared/partners.js';
import {
  REFERRAL_DIRECTION_LABELS,
  REFERRAL_LEGAL_BASIS_LABELS,
  REFERRAL_STATUS_LABELS,
  type Referral,
} from '../../../shared/referrals.js';
import { optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { targetGroupLabel } from '../temporary-housing/labels.js';
import { AlertList } from '../worklist/alert-list.js';
import {
  addAgreement,
  addContact,
  createPartner,
  decideReferral,
  getOccupancy,
  getPartner,
  getWorklist,
  listPartners,
  listPlacements,
  listReferrals,
  revokeReferral,
} from '../worklist/emergency-api.js';
import { num, orNull, SimpleForm } from '../worklist/simple-form.js';
import { PLACEMENT_STATUS_LABELS } from '../temporary-housing/labels.js';

export function PartnerListPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const res = useApiResource('partners', listPartners);
  return (
    <div className="container-xxl my-4" data-testid="partner-list-page">
      <PageTitle title="Rete degli enti partner" />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {!res.data ? (
        <Loading />
      ) : (
        <table className="table table-sm" data-testid="partner-table">
          <caption>{res.data.items.length} enti</caption>
          <thead>
            <tr>
              <th scope="col">Ente</th>
              <th scope="col">Tipo</th>
              <th scope="col">Servizi</th>
              <th scope="col">Convenzioni in vigore</th>
              <th scope="col">Unità temporanee</th>
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/enti/${p.id}`}>{p.name}</Link>
                </th>
                <td>{partnerKindLabel(p.kind)}</td>
                <td className="small">{p.services.join(', ')}</td>
                <td>{p.agreementsInForce}</td>
                <td>{p.temporaryUnits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {roleManagesPartners(user.role) ? (
        <SimpleForm
          id="partner-form"
          title="Aggiungi un ente"
          submitLabel="Aggiungi l’ente"
          fields={[
            { name: 'name', label: 'Denominazione', required: true },
            { name: 'kind', label: 'Tipo', kind: 'select', options: optionsFrom(PARTNER_KIND_LABELS), required: true },
            { name: 'email', label: 'E-mail' },
            { name: 'phone', label: 'Telefono' },
            { name: 'services', label: 'Servizi offerti (uno per riga)', kind: 'textarea' },
          ]}
          onSubmit={async (v) => {
            const p = await createPartner({
              name: v.name ?? '',
              kind: (v.kind ?? '') as 'other',
              email: orNull(v.email),
              phone: orNull(v.phone),
              services: (v.services ?? '')
                .split('\n')
                .map((s) => s.trim())
                .filter(Boolean),
            });
            void navigate(`/enti/${p.id}`);
          }}
        />
      ) : null}
    </div>
  );
}

export function PartnerPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const res = useApiResource(`partner:${id}`, () => getPartner(id));
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
  const manages = roleManagesPartners(user.role);
  return (
    <div className="container-xxl my-4" data-testid="partner-page">
      <PageTitle title={p.name} />
      <p className="lead">
        {partnerKindLabel(p.kind)}
        {p.email ? ` — ${p.email}` : ''}
        {p.phone ? ` — ${p.phone}` : ''}
      </p>
      <h2 className="h4">Servizi</h2>
      <ul>
        {p.services.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <table className="table table-sm">
        <caption>Referenti</caption>
        <thead>
          <tr>
            <th scope="col">Nome</th>
            <th scope="col">Ruolo</th>
            <th scope="col">Contatti</th>
          </tr>
        </thead>
        <tbody>
          {p.contacts.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.roleLabel ?? ''}</td>
              <td>{[c.email, c.phone].filter(Boolean).join(' — ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table table-sm">
        <caption>Sedi</caption>
        <thead>
          <tr>
            <th scope="col">Sede</th>
            <th scope="col">Indirizzo</th>
          </tr>
        </thead>
        <tbody>
          {p.locations.map((l) => (
            <tr key={l.id}>
              <td>{l.label}</td>
              <td>{l.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table table-sm" data-testid="agreement-table">
        <caption>Convenzioni</caption>
        <thead>
          <tr>
            <th scope="col">Oggetto</th>
            <th scope="col">Periodo</th>
            <th scope="col">Posti</th>
            <th scope="col">Costo per posto e mese</th>
            <th scope="col">Valore complessivo</th>
            <th scope="col">In vigore</th>
          </tr>
        </thead>
        <tbody>
          {p.agreements.map((a) => (
            <tr key={a.id}>
              <td>{a.subject}</td>
              <td>
                {formatDate(a.startsOn)}–{formatDate(a.endsOn)}
              </td>
              <td>{a.places}</td>
              <td>{formatEuro(a.costPerPlaceMonthCents)}</td>
              <td>{formatEuro(a.totalCostCents)}</td>
              <td>{a.inForce ? 'Sì' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table table-sm">
        <caption>Unità abitative temporanee</caption>
        <thead>
          <tr>
            <th scope="col">Unità</th>
            <th scope="col">Indirizzo</th>
            <th scope="col">Posti</th>
            <th scope="col">Destinatari</th>
          </tr>
        </thead>
        <tbody>
          {p.units.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <Link to={`/ospitalita/unita/${u.id}`}>{u.code}</Link>
              </th>
              <td>{u.address}</td>
              <td>{u.capacityPlaces}</td>
              <td>{targetGroupLabel(u.targetGroup)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {manages ? (
        <div className="row">
          <div className="col-12 col-lg-6">
            <SimpleForm
              id="agreement-form"
              title="Aggiungi una convenzione"
              submitLabel="Aggiungi la convenzione"
              fields={[
                { name: 'subject', label: 'Oggetto', required: true, className: 'col-12' },
                { name: 'startsOn', label: 'Dal', kind: 'date', required: true },
                { name: 'endsOn', label: 'Al', kind: 'date', required: true },
                { name: 'places', label: 'Posti', kind: 'number', required: true },
                {
                  name: 'costPerPlaceMonthEuros',
                  label: 'Costo per posto e mese (euro)',
                  kind: 'number',
                  required: true,
                },
              ]}
              onSubmit={async (v) =>
                res.setData(
                  await addAgreement(p.id, {
                    subject: v.subject ?? '',
                    startsOn: v.startsOn ?? '',
                    endsOn: v.endsOn ?? '',
                    places: num(v.places) ?? Number.NaN,
                    costPerPlaceMonthEuros: num(v.costPerPlaceMonthEuros) ?? Number.NaN,
                  }),
                )
              }
            />
          </div>
          <div className="col-12 col-lg-6">
            <SimpleForm
              id="contact-form"
              title="Aggiungi un referente"
              submitLabel="Aggiungi il referente"
              fields={[
                { name: 'name', label: 'Nome', required: true },
                { name: 'roleLabel', label: 'Ruolo' },
                { name: 'email', label: 'E-mail' },
                { name: 'phone', label: 'Telefono' },
              ]}
              onSubmit={async (v) =>
                res.setData(
                  await addContact(p.id, {
                    name: v.name,
                    roleLabel: orNull(v.roleLabel),
                    email: orNull(v.email),
                    phone: orNull(v.phone),
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

function ReferralTable({ items, onChange }: { readonly items: readonly Referral[]; readonly onChange: () => void }) {
  const user = useCurrentUser();
  return (
    <table className="table table-sm" data-testid="referral-table">
      <caption>{items.length} invii</caption>
      <thead>
        <tr>
          <th scope="col">Data</th>
          <th scope="col">Nucleo</th>
          <th scope="col">Ente</th>
          <th scope="col">Direzione</th>
          <th scope="col">Servizio e motivo</th>
          <th scope="col">Base giuridica</th>
          <th scope="col">Stato</th>
          <th scope="col">Azioni</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => {
          const receiver =
            user.role === 'partner'
              ? r.direction === 'to_partner'
              : r.direction === 'to_agency' || user.role === 'manager' || user.role === 'social_worker';
          return (
            <tr key={r.id}>
              <td>{formatDateTime(r.createdAt)}</td>
              <td>
                {r.applicantName} <span className="small">({r.householdCode})</span>
              </td>
              <td>{r.partnerName}</td>
              <td>{REFERRAL_DIRECTION_LABELS[r.direction]}</td>
              <td>
                <strong>{r.service}</strong>
                <div className="small">{r.reason}</div>
              </td>
              <td className="small">{REFERRAL_LEGAL_BASIS_LABELS[r.legalBasis]}</td>
              <td>
                {REFERRAL_STATUS_LABELS[r.status]}
                {r.decisionNote ? <div className="small">{r.decisionNote}</div> : null}
              </td>
              <td>
                {r.status === 'pending' && receiver ? (
                  <>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-success me-1"
                      onClick={() => void decideReferral(r.id, 'accepted', '').then(onChange)}
                    >
                      Accetta
                    </button>
                    <button
                      type="button"
                      className="btn btn-sm btn-outline-danger"
                      onClick={() => void decideReferral(r.id, 'declined', '').then(onChange)}
                    >
                      Rifiuta
                    </button>
                  </>
                ) : null}
                {(r.status === 'pending' || r.status === 'accepted') &&
                user.role !== 'partner' &&
                r.direction === 'to_partner' ? (
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-secondary ms-1"
                    onClick={() => void revokeReferral(r.id, 'Revocato dall’Agenzia').then(onChange)}
                  >
                    Revoca
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ReferralListPage() {
  const res = useApiResource('referrals', () => listReferrals());
  return (
    <div className="container-xxl my-4" data-testid="referral-list-page">
      <PageTitle title="Invii tra Agenzia ed enti" />
      <p>
        Un invio a un ente condivide con l’ente il fascicolo del nucleo finché è in attesa o accettato; il rifiuto o la
        revoca chiudono la condivisione.
      </p>
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {!res.data ? <Loading /> : <ReferralTable items={res.data.items} onChange={res.reload} />}
    </div>
  );
}

/** A partner user's own narrow view: its organisation, its units and stays, its referrals, its alerts. */
export function PartnerHomePage() {
  const user = useCurrentUser();
  const org = useApiResource(`partner:${user.partnerId ?? ''}`, () => getPartner(user.partnerId ?? ''));
  const occ = useApiResource('occupancy', () => getOccupancy());
  const stays = useApiResource('placements', () => listPlacements());
  const refs = useApiResource('referrals', () => listReferrals());
  const alerts = useApiResource('worklist', () => getWorklist());
  return (
    <div className="container-xxl my-4" data-testid="partner-home-page">
      <PageTitle title={org.data ? `Area dell’ente: ${org.data.name}` : 'Area dell’ente'} />
      <p>Qui si vedono solo i nuclei, le permanenze e gli invii condivisi con il proprio ente.</p>
      {org.error ? <ErrorAlert error={org.error} /> : null}
      <h2 className="h4">Avvisi</h2>
      {alerts.data ? (
        <AlertList alerts={alerts.data.items} title="Avvisi sulle permanenze" emptyText="Nessun avviso." />
      ) : (
        <Loading />
      )}
      <h2 className="h4">Unità e permanenze</h2>
      {occ.data ? (
        <table className="table table-sm">
          <caption>Occupazione delle unità dell’ente</caption>
          <thead>
            <tr>
              <th scope="col">Unità</th>
              <th scope="col">Posti</th>
              <th scope="col">Occupati</th>
              <th scope="col">Liberi</th>
            </tr>
          </thead>
          <tbody>
            {occ.data.units.map((u) => (
              <tr key={u.unitId}>
                <th scope="row">{u.unitCode}</th>
                <td>{u.capacityPlaces}</td>
                <td>{u.placesTaken}</td>
                <td>{u.placesFree}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {stays.data ? (
        <table className="table table-sm" data-testid="partner-placements">
          <caption>Permanenze nelle unità dell’ente</caption>
          <thead>
            <tr>
              <th scope="col">Permanenza</th>
              <th scope="col">Nucleo</th>
              <th scope="col">Unità</th>
              <th scope="col">Fine prevista</th>
              <th scope="col">Stato</th>
            </tr>
          </thead>
          <tbody>
            {stays.data.items.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/ospitalita/permanenze/${p.id}`}>{p.code}</Link>
                </th>
                <td>{p.applicantName}</td>
                <td>{p.unitCode}</td>
                <td>{formatDate(p.plannedEndOn)}</td>
                <td>{PLACEMENT_STATUS_LABELS[p.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2 className="h4">Invii</h2>
      {refs.data ? <ReferralTable items={refs.data.items} onChange={refs.reload} /> : null}
    </div>
  );
}
