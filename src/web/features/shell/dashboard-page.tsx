import { Icon } from 'design-react-kit';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../../../shared/auth.js';
import { PageTitle } from '../../components/page-title.js';
import { canEditHouseholds, canOpenHouseholds, useCurrentUser } from '../auth/session-context.js';
import { areasFor } from './areas.js';

export function DashboardPage() {
  const user = useCurrentUser();
  const households = canOpenHouseholds(user.role);
  const areas = areasFor(user.role).filter((a) => a.path !== '/');
  return (
    <div className="container-xxl my-4">
      <PageTitle title="Cruscotto">Benvenuto, {user.displayName}</PageTitle>
      <p className="lead" data-testid="dashboard-role">
        Hai effettuato l'accesso con il ruolo <strong>{ROLE_LABELS[user.role]}</strong>.
      </p>

      {households ? (
        <section aria-labelledby="quick-title" className="mt-4">
          <h2 id="quick-title" className="h4">
            Azioni rapide
          </h2>
          <div className="row g-3">
            <div className="col-12 col-md-6">
              <QuickLink
                to="/nuclei"
                icon="it-search"
                title="Cerca un nucleo familiare"
                text="Per cognome, codice fiscale o indirizzo."
                testId="quick-search"
              />
            </div>
            {canEditHouseholds(user.role) ? (
              <div className="col-12 col-md-6">
                <QuickLink
                  to="/nuclei/nuovo"
                  icon="it-plus-circle"
                  title="Registra un nuovo nucleo"
                  text="Indirizzo, recapiti e componenti del nucleo."
                  testId="quick-new"
                />
              </div>
            ) : null}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="areas-title" className="mt-5">
        <h2 id="areas-title" className="h4">
          Aree di lavoro
        </h2>
        <ul className="list-unstyled row g-3">
          {areas.map((area) => (
            <li key={area.path} className="col-12 col-md-6 col-lg-4">
              <div className="card card-bg h-100 shadow-sm">
                <div className="card-body">
                  <h3 className="h5 card-title">
                    <Link to={area.path}>{area.label}</Link>
                  </h3>
                  <p className="card-text small">{area.description}</p>
                  {!area.ready ? <span className="badge bg-secondary">In preparazione</span> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function QuickLink(props: {
  readonly to: string;
  readonly icon: string;
  readonly title: string;
  readonly text: string;
  readonly testId: string;
}) {
  return (
    <Link
      to={props.to}
      className="quick-link card card-bg shadow-sm h-100 text-decoration-none"
      data-testid={props.testId}
    >
      <div className="card-body d-flex align-items-start gap-3">
        <Icon icon={props.icon} color="primary" size="lg" />
        <div>
          <span className="d-block h5 mb-1 text-primary">{props.title}</span>
          <span className="d-block small text-body">{props.text}</span>
        </div>
      </div>
    </Link>
  );
}
