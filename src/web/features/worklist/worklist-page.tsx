import { useState } from 'react';
import { Link } from 'react-router';
import { TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { AREAS } from '../shell/areas.js';
import { AlertList } from './alert-list.js';
import { getWorklist } from './emergency-api.js';

/** The agency's work list of alerts (evictions and temporary housing), on a chosen day. */
export function WorklistPage() {
  const [on, setOn] = useState('');
  const res = useApiResource(`worklist:${on}`, () => getWorklist(on || undefined));
  return (
    <div className="container-xxl my-4" data-testid="worklist-page">
      <PageTitle title="Lista di lavoro: avvisi" />
      <p>
        Rilasci entro 30 giorni, procedure senza assistente sociale, possibili domande al fondo morosità incolpevole,
        permanenze in scadenza senza piano di uscita, relazioni in ritardo, compartecipazioni non versate.
      </p>
      <TextField
        id="worklist-on"
        label="Alla data (vuoto: oggi)"
        type="date"
        className="col-12 col-md-4"
        value={on}
        onValueChange={setOn}
      />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {!res.data ? <Loading /> : <AlertList alerts={res.data.items} title="Avvisi aperti" emptyText="Nessun avviso." />}
    </div>
  );
}

/** The landing page of the housing-emergency area. */
export function EmergencyPage() {
  const user = useCurrentUser();
  const area = AREAS.find((a) => a.path === '/emergenza');
  const links = (area?.links ?? []).filter((l) => l.visibleTo(user.role));
  return (
    <div className="container-xxl my-4" data-testid="emergency-page">
      <PageTitle title={area?.label ?? 'Emergenza abitativa'} />
      <p className="lead">{area?.description}</p>
      <ul className="list-unstyled row g-3">
        {links.map((l) => (
          <li key={l.path} className="col-12 col-md-6 col-lg-4">
            <div className="card card-bg h-100 shadow-sm">
              <div className="card-body">
                <h2 className="h5 card-title">
                  <Link to={l.path}>{l.label}</Link>
                </h2>
                <p className="card-text small">{l.description}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
