import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import { useCurrentUser } from '../auth/session-context.js';
import { AREAS } from '../shell/areas.js';

/** The landing page of the public-housing area: the list of its sections the user may open. */
export function ErpPage() {
  const user = useCurrentUser();
  const area = AREAS.find((a) => a.path === '/erp');
  const links = (area?.links ?? []).filter((l) => l.visibleTo(user.role));
  return (
    <div className="container-xxl my-4" data-testid="erp-page">
      <PageTitle title={area?.label ?? 'Edilizia pubblica (ERP)'} />
      <p className="lead">{area?.description}</p>
      <ul className="list-unstyled row g-3" data-testid="erp-links">
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
