import { Icon } from 'design-react-kit';
import { Link, useLocation, useParams } from 'react-router';
import type { HouseholdDetail } from '../../../shared/households.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { canEditHouseholds, canReadAudit, useCurrentUser } from '../auth/session-context.js';
import { getHousehold } from './households-api.js';
import { IseeSection } from './isee-section.js';
import { MembersSection } from './members-section.js';
import { NotesSection } from './notes-section.js';
import { ProceduresSection, procedureListsFor } from './procedures-section.js';
import { TimelineSection } from './timeline-section.js';
import { VulnerabilitiesSection } from './vulnerabilities-section.js';

export interface HouseholdFlash {
  readonly flash?: string;
}

const SECTIONS = [
  { id: 'componenti', label: 'Componenti' },
  { id: 'isee', label: 'ISEE' },
  { id: 'fragilita', label: 'Fragilità' },
  { id: 'note', label: 'Note' },
  { id: 'procedimenti', label: 'Procedimenti e interventi' },
  { id: 'cronologia', label: 'Cronologia' },
] as const;

export function HouseholdPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as HouseholdFlash | null)?.flash;
  const household = useApiResource(`household/${id}`, () => getHousehold(id));
  const user = useCurrentUser();

  if (household.error?.status === 404) return <NotFoundPage />;
  if (household.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (household.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Fascicolo del nucleo" />
        <ErrorAlert error={household.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={household.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!household.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento del fascicolo…" />
      </div>
    );
  }
  const h = household.data;
  const canEdit = canEditHouseholds(user.role);
  const showsProcedures = Object.values(procedureListsFor(user.role)).some(Boolean);
  return (
    <div className="container-xxl my-4" data-testid="household-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/nuclei">Nuclei familiari</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {h.code}
          </li>
        </ol>
      </nav>
      {flash ? <SuccessAlert>{flash}</SuccessAlert> : null}
      <HouseholdHeader household={h} canEdit={canEdit} />
      <nav aria-label="Sezioni del fascicolo" className="section-index my-4">
        <ul className="list-inline mb-0">
          {SECTIONS.filter((s) => s.id !== 'procedimenti' || showsProcedures).map((s) => (
            <li className="list-inline-item" key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <MembersSection household={h} />
      <IseeSection household={h} onChange={household.setData} canEdit={canEdit} />
      <VulnerabilitiesSection household={h} onChange={household.setData} canEdit={canEdit} />
      <NotesSection household={h} onChange={household.setData} />
      <ProceduresSection householdId={h.id} role={user.role} />
      <TimelineSection household={h} />
      {canEdit ? (
        <p className="mt-3">
          <Link to={`/nuclei/${encodeURIComponent(h.id)}/benefici`} data-testid="benefits-link">
            Benefici: domande alle misure e pagamenti
          </Link>
        </p>
      ) : null}
      {canEdit ? (
        <p className="mt-3">
          <Link to={`/nuclei/${encodeURIComponent(h.id)}/comunicazioni`} data-testid="messages-link">
            Comunicazioni: lettere protocollate, e-mail e messaggi inviati al nucleo
          </Link>
        </p>
      ) : null}
      {canReadAudit(user.role) ? (
        <p className="mt-3">
          <Link to={`/registro?nucleo=${encodeURIComponent(h.id)}`}>Registro degli accessi a questo fascicolo</Link>
        </p>
      ) : null}
    </div>
  );
}

function HouseholdHeader({
  household: h,
  canEdit,
}: {
  readonly household: HouseholdDetail;
  readonly canEdit: boolean;
}) {
  const address = [
    [h.addressStreet, h.addressNumber].filter(Boolean).join(', '),
    [h.addressPostcode, h.addressCity].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(' — ');
  return (
    <header className="household-header">
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <div>
          <PageTitle title={`Nucleo ${h.code}`}>
            Nucleo <span data-testid="household-code">{h.code}</span>
          </PageTitle>
          <p className="mb-0 text-secondary">
            Comune di <span data-testid="household-comune">{h.comuneName}</span>
          </p>
        </div>
        {canEdit ? (
          <Link
            to={`/nuclei/${encodeURIComponent(h.id)}/modifica`}
            className="btn btn-outline-primary btn-icon"
            data-testid="edit-household"
          >
            <Icon icon="it-pencil" color="primary" size="sm" />
            <span>Modifica</span>
          </Link>
        ) : null}
      </div>
      <dl className="row mt-3 mb-0 household-facts">
        <dt className="col-sm-3 col-lg-2">Indirizzo</dt>
        <dd className="col-sm-9 col-lg-10" data-testid="household-address">
          {address}
        </dd>
        <dt className="col-sm-3 col-lg-2">Telefono</dt>
        <dd className="col-sm-9 col-lg-10">{h.phone ?? 'Non indicato'}</dd>
        <dt className="col-sm-3 col-lg-2">E-mail</dt>
        <dd className="col-sm-9 col-lg-10">{h.email ?? 'Non indicata'}</dd>
        <dt className="col-sm-3 col-lg-2">PEC</dt>
        <dd className="col-sm-9 col-lg-10">{h.pec ?? 'Non indicata'}</dd>
        <dt className="col-sm-3 col-lg-2">Monoparentale</dt>
        <dd className="col-sm-9 col-lg-10">{h.loneParent ? 'Sì' : 'No'}</dd>
        <dt className="col-sm-3 col-lg-2">Aggiornato il</dt>
        <dd className="col-sm-9 col-lg-10">
          <time dateTime={h.updatedAt}>{formatDateTime(h.updatedAt)}</time>
        </dd>
      </dl>
    </header>
  );
}
