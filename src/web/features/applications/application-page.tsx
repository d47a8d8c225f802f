import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { formatDm2 } from '../../../core/sap/adequacy.js';
import {
  APPLICATION_STATE_LABELS,
  CHECK_OUTCOME_LABELS,
  reviewInputSchema,
  type ApplicationDetail,
} from '../../../shared/applications.js';
import { RELATION_LABELS, RELATIONS } from '../../../shared/households.js';
import { roleEditsHouseholds, roleManagesSap } from '../../../shared/permissions.js';
import { TextAreaField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { formatDate, formatDateTime, formatEuro } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { getApplication, reviewApplication } from './applications-api.js';
import { APPLICATION_STATE_BADGES, CHECK_OUTCOME_BADGES, formatIsbar } from './labels.js';

export interface ApplicationFlash {
  readonly flash?: string;
}

function relationLabel(relation: string | null): string {
  const known = RELATIONS.find((r) => r === relation);
  return known ? RELATION_LABELS[known] : (relation ?? '—');
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as ApplicationFlash | null)?.flash;
  const application = useApiResource(`application/${id}`, () => getApplication(id));
  const user = useCurrentUser();

  if (application.error?.status === 404) return <NotFoundPage />;
  if (application.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (application.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Domanda" />
        <ErrorAlert error={application.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={application.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!application.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento della domanda…" />
      </div>
    );
  }
  const a = application.data;
  const callPath = `/avvisi/${encodeURIComponent(a.callId)}`;
  return (
    <div className="container-xxl my-4" data-testid="application-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/avvisi">Avvisi</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={callPath}>{a.callCode}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={`${callPath}/domande`}>Domande</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {a.platformId}
          </li>
        </ol>
      </nav>
      {flash ? <SuccessAlert>{flash}</SuccessAlert> : null}
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-3">
        <div>
          <PageTitle title={`Domanda ${a.platformId}`}>
            Domanda <span data-testid="application-id">{a.platformId}</span>
          </PageTitle>
          <p className="mb-0 text-secondary">
            Avviso {a.callCode} — {a.callName}
          </p>
          <p className="mb-0">
            <Link to={`/domande/${encodeURIComponent(a.id)}/spiegazione?avviso=${encodeURIComponent(a.callId)}`}>
              Posizione in graduatoria e spiegazione
            </Link>
          </p>
        </div>
        <p className="h4 mb-0">
          <span className={`badge ${APPLICATION_STATE_BADGES[a.state]}`} data-testid="application-state">
            {APPLICATION_STATE_LABELS[a.state]}
          </span>
        </p>
      </div>
      <Facts application={a} canOpenHousehold={roleEditsHouseholds(user.role)} />
      <ChoicesSection application={a} />
      {a.members.length > 0 ? <MembersSection application={a} /> : null}
      <ChecksSection application={a} />
      <ReviewsSection application={a} canReview={roleManagesSap(user.role)} onChange={application.setData} />
    </div>
  );
}

function Facts({
  application: a,
  canOpenHousehold,
}: {
  readonly application: ApplicationDetail;
  readonly canOpenHousehold: boolean;
}) {
  return (
    <section aria-labelledby="domanda-dati" className="household-section">
      <h2 id="domanda-dati" className="h3" tabIndex={-1}>
        Dati della domanda
      </h2>
      <dl className="row household-facts" data-testid="application-facts">
        <dt className="col-sm-4 col-lg-3">Richiedente</dt>
        <dd className="col-sm-8 col-lg-9">
          {a.applicant.lastName} {a.applicant.firstName} (
          <span className="font-monospace">{a.applicant.fiscalCode}</span>)
        </dd>
        <dt className="col-sm-4 col-lg-3">Nucleo familiare</dt>
        <dd className="col-sm-8 col-lg-9" data-testid="application-household">
          {canOpenHousehold ? (
            <Link to={`/nuclei/${encodeURIComponent(a.household.id)}`}>{a.household.code}</Link>
          ) : (
            a.household.code
          )}{' '}
          (Comune di {a.household.comuneName})
          {a.household.incomplete ? (
            <span className="d-block small">
              Fascicolo aperto dall’importazione: indirizzo e cittadinanza da completare.
            </span>
          ) : null}
        </dd>
        <dt className="col-sm-4 col-lg-3">Protocollo</dt>
        <dd className="col-sm-8 col-lg-9">{a.protocol}</dd>
        <dt className="col-sm-4 col-lg-3">Presentata il</dt>
        <dd className="col-sm-8 col-lg-9">
          <time dateTime={a.submittedAt}>{formatDateTime(a.submittedAt)}</time>
          {a.source === 'front_desk' ? ' (registrata allo sportello)' : ' (piattaforma regionale)'}
        </dd>
        <dt className="col-sm-4 col-lg-3">Residenza</dt>
        <dd className="col-sm-8 col-lg-9">
          {a.residenceComune.name}
          {a.residenceComune.id === null ? ' (fuori Ambito)' : ''}
        </dd>
        <dt className="col-sm-4 col-lg-3">Lavoro</dt>
        <dd className="col-sm-8 col-lg-9">{a.workComune?.name ?? 'Non indicato'}</dd>
        <dt className="col-sm-4 col-lg-3">Componenti</dt>
        <dd className="col-sm-8 col-lg-9">{a.membersCount}</dd>
        <dt className="col-sm-4 col-lg-3">ISEE</dt>
        <dd className="col-sm-8 col-lg-9">{formatEuro(a.iseeCents)}</dd>
        <dt className="col-sm-4 col-lg-3">ISBAR</dt>
        <dd className="col-sm-8 col-lg-9" data-testid="application-isbar">
          {formatIsbar(a.isbar)} <span className="small text-secondary">(calcolato dalla piattaforma regionale)</span>
        </dd>
        <dt className="col-sm-4 col-lg-3">Indigenza</dt>
        <dd className="col-sm-8 col-lg-9">{a.indigent ? 'Sì, con attestazione dei servizi sociali' : 'No'}</dd>
        <dt className="col-sm-4 col-lg-3">Categorie di riserva</dt>
        <dd className="col-sm-8 col-lg-9">
          {a.reserveCategories.length > 0 ? a.reserveCategories.join(', ') : 'Nessuna'}
        </dd>
        <dt className="col-sm-4 col-lg-3">Invalidità più alta</dt>
        <dd className="col-sm-8 col-lg-9">
          {a.maxInvalidityPercent === null ? 'Nessuna' : `${a.maxInvalidityPercent}%`}
        </dd>
        <dt className="col-sm-4 col-lg-3">Registrata</dt>
        <dd className="col-sm-8 col-lg-9">
          <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
          {a.createdByName ? ` da ${a.createdByName}` : ''}
        </dd>
      </dl>
    </section>
  );
}

function ChoicesSection({ application: a }: { readonly application: ApplicationDetail }) {
  return (
    <section aria-labelledby="domanda-alloggi" className="household-section">
      <h2 id="domanda-alloggi" className="h3" tabIndex={-1}>
        Alloggi scelti
      </h2>
      {a.choices.length === 0 ? (
        <p>Nessun alloggio scelto (nessun alloggio adeguato, R.R. 4/2017 art. 9 c.3 bis).</p>
      ) : (
        <ol className="list-unstyled" data-testid="application-choices">
          {a.choices.map((c) => (
            <li key={c.unitId} className="timeline-entry">
              <span className="fw-semibold">
                {c.position}ª scelta: <Link to={`/alloggi/${encodeURIComponent(c.unitId)}`}>{c.code}</Link>
              </span>{' '}
              — {c.ownerName}, {c.comuneName}, {c.address}, {formatDm2(c.floorAreaDm2)}
              <p className="mb-0 small">
                {c.adequate ? 'Adeguato' : 'Non adeguato'}: {c.adequacyText}{' '}
                <span className="text-secondary">({c.adequacySource})</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function MembersSection({ application: a }: { readonly application: ApplicationDetail }) {
  return (
    <section aria-labelledby="domanda-componenti" className="household-section">
      <h2 id="domanda-componenti" className="h3" tabIndex={-1}>
        Componenti dichiarati nella domanda
      </h2>
      <div className="table-responsive">
        <table className="table align-middle">
          <caption className="visually-hidden">Componenti del nucleo dichiarati nella domanda</caption>
          <thead>
            <tr>
              <th scope="col">Cognome e nome</th>
              <th scope="col">Codice fiscale</th>
              <th scope="col">Nascita</th>
              <th scope="col">Relazione</th>
              <th scope="col" className="text-end">
                Invalidità
              </th>
            </tr>
          </thead>
          <tbody>
            {a.members.map((m) => (
              <tr key={m.fiscalCode}>
                <th scope="row">
                  {m.lastName} {m.firstName}
                </th>
                <td className="font-monospace">{m.fiscalCode}</td>
                <td>{formatDate(m.birthDate)}</td>
                <td>{relationLabel(m.relation)}</td>
                <td className="text-end">{m.invalidityPercent === null ? '—' : `${m.invalidityPercent}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ChecksSection({ application: a }: { readonly application: ApplicationDetail }) {
  const tone =
    a.verdict.code === 'requirements_met'
      ? 'alert-success'
      : a.verdict.code === 'requirements_not_met'
        ? 'alert-danger'
        : 'alert-warning';
  return (
    <section aria-labelledby="domanda-requisiti" className="household-section">
      <h2 id="domanda-requisiti" className="h3" tabIndex={-1}>
        Requisiti (istruttoria)
      </h2>
      <div className={`alert ${tone}`} data-testid="application-verdict">
        {a.verdict.text} Le verifiche informano l’istruttoria: decide l’operatore, con una motivazione scritta.
      </div>
      <ul className="list-unstyled" data-testid="application-checks">
        {a.checks.map((c) => (
          <li key={c.code} className="note-item" data-testid={`check-${c.code}`}>
            <div className="d-flex flex-wrap gap-2 align-items-center">
              <span className="fw-semibold">{c.label}</span>
              <span className={`badge ${CHECK_OUTCOME_BADGES[c.outcome]}`} data-testid="check-outcome">
                {CHECK_OUTCOME_LABELS[c.outcome]}
              </span>
            </div>
            <p className="mb-0">{c.evidence}</p>
            <p className="mb-0 small text-secondary">Fonte: {c.source}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const REVIEW_FORM = 'review';
const REVIEW_LABELS: Record<string, string> = { decision: 'Esito', reason: 'Motivazione' };

function ReviewsSection(props: {
  readonly application: ApplicationDetail;
  readonly canReview: boolean;
  readonly onChange: (a: ApplicationDetail) => void;
}) {
  const { application: a } = props;
  return (
    <section aria-labelledby="domanda-istruttoria" className="household-section">
      <h2 id="domanda-istruttoria" className="h3" tabIndex={-1}>
        Decisioni
      </h2>
      {a.reviews.length === 0 ? (
        <p data-testid="reviews-empty">Nessuna decisione: la domanda è da istruire.</p>
      ) : (
        <ol className="timeline-list" data-testid="reviews">
          {a.reviews.map((r) => (
            <li key={r.id} className="timeline-entry" data-testid="review">
              <div className="d-flex flex-wrap gap-2 align-items-center">
                <span className={`badge ${APPLICATION_STATE_BADGES[r.decision]}`}>
                  {APPLICATION_STATE_LABELS[r.decision]}
                </span>
                {r.inForce ? <span className="small fw-semibold">Decisione in vigore</span> : null}
              </div>
              <p className="mb-0 pre-wrap">{r.reason}</p>
              <p className="mb-0 small text-secondary">
                {r.decidedByName}, <time dateTime={r.decidedAt}>{formatDateTime(r.decidedAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <p className="small">
        Le decisioni non si modificano: una nuova decisione si aggiunge e diventa quella in vigore.
      </p>
      {props.canReview ? <ReviewForm application={a} onChange={props.onChange} /> : null}
    </section>
  );
}

function ReviewForm({
  application,
  onChange,
}: {
  readonly application: ApplicationDetail;
  readonly onChange: (a: ApplicationDetail) => void;
}) {
  const [decision, setDecision] = useState<'admitted' | 'excluded' | ''>('');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const feedback = useFormFeedback();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = reviewInputSchema.safeParse({ decision: decision || undefined, reason });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      const next = await reviewApplication(application.id, parsed.data);
      onChange(next);
      feedback.reset();
      setReason('');
      setDecision('');
      setSaved(`Decisione registrata: domanda ${APPLICATION_STATE_LABELS[parsed.data.decision].toLowerCase()}.`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
    } finally {
      setSaving(false);
    }
  }

  const decisionError = feedback.errors.decision;
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="subform mt-4"
      aria-labelledby="review-form-title"
      data-testid="review-form"
    >
      <h3 id="review-form-title" className="h5">
        Nuova decisione
      </h3>
      <FormProblems
        formId={REVIEW_FORM}
        feedback={feedback}
        labelFor={(p) => REVIEW_LABELS[p] ?? ''}
        targetFor={(p) => (p === 'decision' ? fieldId(REVIEW_FORM, 'decision-admitted') : fieldId(REVIEW_FORM, p))}
      />
      {saved ? <SuccessAlert>{saved}</SuccessAlert> : null}
      <fieldset
        className="form-group"
        aria-describedby={decisionError ? fieldId(REVIEW_FORM, 'decision-error') : undefined}
      >
        <legend className="h6">
          Esito<span aria-hidden="true"> *</span>
        </legend>
        {(['admitted', 'excluded'] as const).map((d) => (
          <div className="form-check form-check-inline" key={d}>
            <input
              id={fieldId(REVIEW_FORM, `decision-${d}`)}
              name="decision"
              type="radio"
              value={d}
              checked={decision === d}
              onChange={() => {
                setDecision(d);
                setSaved(null);
                feedback.clearField('decision');
              }}
              data-testid={`review-${d}`}
            />
            <label htmlFor={fieldId(REVIEW_FORM, `decision-${d}`)}>{d === 'admitted' ? 'Ammessa' : 'Esclusa'}</label>
          </div>
        ))}
        {decisionError ? (
          <div id={fieldId(REVIEW_FORM, 'decision-error')} className="invalid-feedback d-block">
            {decisionError}
          </div>
        ) : null}
      </fieldset>
      <TextAreaField
        id={fieldId(REVIEW_FORM, 'reason')}
        label="Motivazione"
        required
        rows={4}
        maxLength={4000}
        hint="La motivazione resta nella storia della domanda e nella cronologia del nucleo."
        value={reason}
        onValueChange={(v) => {
          setReason(v);
          setSaved(null);
          feedback.clearField('reason');
        }}
        error={feedback.errors.reason}
        data-testid="review-reason"
      />
      <button type="submit" className="btn btn-primary mb-3" aria-disabled={saving} data-testid="review-submit">
        {saving ? 'Registrazione in corso…' : 'Registra la decisione'}
      </button>
    </form>
  );
}
