import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { getOccupancy, listPlacements } from '../worklist/emergency-api.js';
import { PLACEMENT_STATUS_LABELS, targetGroupLabel } from './labels.js';

/** The occupancy board: places per unit and partner, and the stays. Tables, no chart needed. */
export function OccupancyPage() {
  const occ = useApiResource('occupancy', () => getOccupancy());
  const stays = useApiResource('placements', () => listPlacements());
  return (
    <div className="container-xxl my-4" data-testid="occupancy-page">
      <PageTitle title="Ospitalità temporanea: occupazione" />
      {occ.error ? <ErrorAlert error={occ.error} /> : null}
      {!occ.data ? (
        <Loading />
      ) : (
        <>
          <ul className="list-unstyled row g-3" aria-label="Unità abitative temporanee">
            {occ.data.units.map((u) => (
              <li key={u.unitId} className="col-12 col-md-6 col-lg-4">
                <div className="card card-bg shadow-sm h-100" data-testid={`unit-card-${u.unitCode}`}>
                  <div className="card-body">
                    <h2 className="h5 card-title">
                      <Link to={`/ospitalita/unita/${u.unitId}`}>{u.unitCode}</Link> — {u.partnerName}
                    </h2>
                    <p className="small mb-1">{u.address}</p>
                    <p className="small mb-1">
                      {targetGroupLabel(u.targetGroup)}
                      {u.shared ? ', in coabitazione' : ''}; {u.rooms} stanze
                    </p>
                    <p className="mb-1">
                      <strong>{u.placesTaken}</strong> posti occupati su {u.capacityPlaces};{' '}
                      <strong>{u.placesFree}</strong> liberi
                    </p>
                    <div
                      className="progress"
                      role="progressbar"
                      aria-label={`Occupazione di ${u.unitCode}`}
                      aria-valuenow={u.placesTaken}
                      aria-valuemin={0}
                      aria-valuemax={u.capacityPlaces}
                    >
                      <div className="progress-bar" style={{ width: `${(100 * u.placesTaken) / u.capacityPlaces}%` }} />
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <table className="table table-sm mt-4" data-testid="partner-occupancy">
            <caption>Occupazione per ente al {formatDate(occ.data.on)}</caption>
            <thead>
              <tr>
                <th scope="col">Ente</th>
                <th scope="col">Unità</th>
                <th scope="col">Posti</th>
                <th scope="col">Occupati</th>
                <th scope="col">Liberi</th>
              </tr>
            </thead>
            <tbody>
              {occ.data.partners.map((p) => (
                <tr key={p.partnerId}>
                  <th scope="row">{p.partnerName}</th>
                  <td>{p.units}</td>
                  <td>{p.capacityPlaces}</td>
                  <td>{p.placesTaken}</td>
                  <td>{p.capacityPlaces - p.placesTaken}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {stays.data ? (
        <div className="table-responsive">
          <table className="table table-sm" data-testid="placement-table">
            <caption>Permanenze ({stays.data.items.length})</caption>
            <thead>
              <tr>
                <th scope="col">Permanenza</th>
                <th scope="col">Nucleo</th>
                <th scope="col">Unità</th>
                <th scope="col">Posti</th>
                <th scope="col">Dal</th>
                <th scope="col">Fine prevista</th>
                <th scope="col">Rinnovi</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {stays.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/ospitalita/permanenze/${p.id}`}>{p.code}</Link>
                  </th>
                  <td>
                    {p.applicantName} <span className="small text-muted">({p.householdCode})</span>
                  </td>
                  <td>
                    {p.unitCode} — {p.partnerName}
                  </td>
                  <td>{p.placesUsed}</td>
                  <td>{formatDate(p.startsOn)}</td>
                  <td>{formatDate(p.exitedOn ?? p.plannedEndOn)}</td>
                  <td>{p.renewals}</td>
                  <td>{PLACEMENT_STATUS_LABELS[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
