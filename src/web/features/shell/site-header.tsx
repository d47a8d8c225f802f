import { Collapse, Icon } from 'design-react-kit';
import { useState, type ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { ROLE_LABELS, type Role } from '../../../shared/auth.js';
import { useSession } from '../auth/session-context.js';
import { areasFor } from './areas.js';

const OWNER = 'Comune di Cinisello Balsamo — Agenzia per la Casa';

/** The grid every header band shares with the page content, so they line up. */
function Band({
  wrapper,
  content,
  children,
}: {
  readonly wrapper: string;
  readonly content: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={wrapper}>
      <div className="container-xxl">
        <div className="row">
          <div className="col-12">
            <div className={content}>{children}</div>
          </div>
        </div>
      </div>
    </div>
  );
}

export function SiteHeader() {
  const { state } = useSession();
  const user = state.status === 'authenticated' ? state.user : null;
  return (
    <header className="it-header-wrapper" data-testid="site-header">
      <Band wrapper="it-header-slim-wrapper" content="it-header-slim-wrapper-content">
        <span className="navbar-brand d-block" data-testid="owner">
          {OWNER}
        </span>
      </Band>
      <div className="it-nav-wrapper">
        <Band wrapper="it-header-center-wrapper" content="it-header-center-content-wrapper">
          <div className="it-brand-wrapper">
            <Link to="/">
              <Icon icon="it-pa" color="white" />
              <div className="it-brand-text">
                <div className="it-brand-title">Abitare</div>
                <div className="it-brand-tagline d-none d-md-block">Sistema informativo per la casa</div>
              </div>
            </Link>
          </div>
          {user ? (
            <div className="it-right-zone">
              <UserBox displayName={user.displayName} roleLabel={ROLE_LABELS[user.role]} />
            </div>
          ) : null}
        </Band>
        {user ? <MainNavigation role={user.role} /> : null}
      </div>
    </header>
  );
}

function UserBox({ displayName, roleLabel }: { readonly displayName: string; readonly roleLabel: string }) {
  const { logout } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  return (
    <div className="d-flex align-items-center gap-3 user-box" data-testid="user-box">
      <div className="text-end text-white lh-sm d-none d-sm-block">
        <div className="fw-semibold" data-testid="user-name">
          {displayName}
        </div>
        <div className="small" data-testid="user-role">
          {roleLabel}
        </div>
      </div>
      <button
        type="button"
        className="btn btn-outline-light btn-sm btn-icon"
        aria-disabled={busy}
        data-testid="logout"
        onClick={() => {
          if (busy) return;
          setBusy(true);
          void logout().then(() => {
            setBusy(false);
            void navigate('/login', { replace: true });
          });
        }}
      >
        <Icon icon="it-logout" color="white" size="sm" />
        <span>Esci</span>
      </button>
    </div>
  );
}

function MainNavigation({ role }: { readonly role: Role }) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <div className="it-header-navbar-wrapper">
      <div className="container-xxl">
        <div className="row">
          <div className="col-12">
            <nav className="navbar navbar-expand-lg" aria-label="Navigazione principale">
              <button
                type="button"
                className="custom-navbar-toggler"
                aria-controls="main-nav"
                aria-expanded={open}
                aria-label="Mostra o nascondi il menu di navigazione"
                onClick={() => setOpen((o) => !o)}
              >
                <Icon icon="it-burger" />
              </button>
              <Collapse isOpen={open} navbar onOverlayClick={close} id="main-nav" closeSrText="Chiudi il menu">
                <div className="menu-wrapper">
                  <ul className="navbar-nav" data-testid="main-nav">
                    {areasFor(role).map((area) => (
                      <li className="nav-item" key={area.path}>
                        <NavLink to={area.path} end={area.path === '/'} className="nav-link" onClick={close}>
                          <span>{area.label}</span>
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </div>
              </Collapse>
            </nav>
          </div>
        </div>
      </div>
    </div>
  );
}
