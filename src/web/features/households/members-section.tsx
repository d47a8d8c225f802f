import { Icon } from 'design-react-kit';
import { Link } from 'react-router';
import {
  CITIZENSHIP_LABELS,
  PERMIT_LABELS,
  RELATION_LABELS,
  type HouseholdDetail,
  type Member,
} from '../../../shared/households.js';
import { formatDate } from '../../lib/format.js';
import { SEX_LABELS } from './labels.js';

export function MembersSection({ household }: { readonly household: HouseholdDetail }) {
  const count = household.members.length;
  return (
    <section aria-labelledby="componenti" className="household-section">
      <h2 id="componenti" className="h3" tabIndex={-1}>
        Componenti <span className="badge bg-primary align-middle fs-6">{count}</span>
      </h2>
      <div className="table-responsive">
        <table className="table align-middle" data-testid="members-table">
          <caption className="visually-hidden">Componenti del nucleo {household.code}</caption>
          <thead>
            <tr>
              <th scope="col">Componente</th>
              <th scope="col">Relazione</th>
              <th scope="col">Codice fiscale</th>
              <th scope="col">Nascita</th>
              <th scope="col">Cittadinanza</th>
              <th scope="col">Invalidità</th>
              <th scope="col">Segnalazioni</th>
            </tr>
          </thead>
          <tbody>
            {household.members.map((m) => (
              <MemberRow key={m.id} member={m} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MemberRow({ member: m }: { readonly member: Member }) {
  return (
    <tr data-testid="member-row">
      <th scope="row">
        {m.firstName} {m.lastName}
        <span className="d-block small fw-normal text-secondary">{SEX_LABELS[m.sex]}</span>
      </th>
      <td>{RELATION_LABELS[m.relation]}</td>
      <td className="font-monospace">{m.fiscalCode}</td>
      <td>
        {formatDate(m.birthDate)}
        <span className="d-block small text-secondary">{m.age === 1 ? '1 anno' : `${m.age} anni`}</span>
      </td>
      <td>
        {m.citizenship ? CITIZENSHIP_LABELS[m.citizenship] : 'Da indicare'}
        {m.permitKind ? (
          <span className="d-block small text-secondary">
            {PERMIT_LABELS[m.permitKind]}
            {m.permitExpiresOn ? `, scade il ${formatDate(m.permitExpiresOn)}` : ''}
          </span>
        ) : null}
      </td>
      <td>
        {m.disabilityPercent !== null && m.disabilityPercent > 0 ? `${m.disabilityPercent}%` : '—'}
        {m.disabilityKind ? <span className="d-block small text-secondary">{m.disabilityKind}</span> : null}
      </td>
      <td>
        <MemberSignals member={m} />
      </td>
    </tr>
  );
}

function MemberSignals({ member: m }: { readonly member: Member }) {
  if (m.alsoInHouseholds.length === 0 && m.warnings.length === 0) return <>—</>;
  return (
    <>
      {m.alsoInHouseholds.length > 0 ? (
        <div data-testid="also-in-households">
          <span className="badge bg-primary">Anche in altri nuclei</span>{' '}
          {m.alsoInHouseholds.map((other, i) => (
            <span key={other.id}>
              {i > 0 ? ', ' : ''}
              <Link to={`/nuclei/${encodeURIComponent(other.id)}`}>{other.code}</Link>
            </span>
          ))}
        </div>
      ) : null}
      {m.warnings.length > 0 ? (
        <ul className="list-unstyled mb-0 mt-1 small" data-testid="member-warnings">
          {m.warnings.map((w) => (
            <li key={w} className="d-flex gap-1 align-items-start">
              <Icon icon="it-warning-circle" color="danger" size="sm" title="Attenzione" />
              <span>{w}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
