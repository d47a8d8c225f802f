import { Icon } from 'design-react-kit';
import { Link } from 'react-router';

export function SiteFooter() {
  return (
    <footer className="it-footer" data-testid="site-footer">
      <div className="it-footer-main">
        <div className="container-xxl">
          <div className="row">
            <div className="col-12 col-md-8 py-4">
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon icon="it-pa" color="white" />
                  <div className="it-brand-text">
                    <p className="it-brand-title h4 mb-0">Comune di Cinisello Balsamo</p>
                    <p className="it-brand-tagline mb-0">Agenzia per la Casa</p>
                  </div>
                </Link>
              </div>
            </div>
            <div className="col-12 col-md-4 py-4 small text-white">
              <p className="mb-0">
                Abitare è software libero per le Agenzie per la Casa dei Comuni, rilasciato con licenza EUPL-1.2.
              </p>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container-xxl">
          <nav aria-label="Collegamenti legali">
            <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
              <li className="list-inline-item">
                <Link to="/accessibilita" data-element="accessibility-link">
                  Dichiarazione di accessibilità
                </Link>
              </li>
              <li className="list-inline-item">
                <Link to="/privacy" data-element="privacy-policy-link">
                  Informativa privacy
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </footer>
  );
}
