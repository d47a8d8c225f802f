import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { listLandlords } from './measures-api.js';
import { Breadcrumb } from './ui.js';

/** Canone concordato: landlords, their agreed-rent contracts, the incentive and the guarantee of each. */
export function LandlordsPage() {
  const list = useApiResource('landlords', listLandlords);
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
    </div>
  );
}
