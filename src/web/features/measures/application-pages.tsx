import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { APPLICATION_STATUSES } from '../../../core/measures/application-state.js';
import { ARREARS_PURPOSE_LABELS, ARREARS_PURPOSES } from '../../../core/measures/arrears-fund.js';
import { VERDICT_LABELS } from '../../../shared/frontdesk.js';
import { APPLICATION_STATUS_LABELS, PAYEE_LABELS, type ApplicationDetail } from '../../../shared/measures.js';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDate, formatDateTime, formatEuro, parseEuroToCents } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { QuestionnaireFields, textsToAnswers, useAnswerTexts } from '../frontdesk/questionnaire-form.js';
import {
  createApplication,
  decide,
  getApplication,
  getBenefits,
  getContact,
  listApplications,
  listMeasures,
  review,
  uploadDocument,
} from './measures-api.js';
import { ApiProblem, Breadcrumb, Form, OUTCOME_TEXT, useAction, VerdictBadge } from './ui.js';

export function ApplicationsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('stato') ?? '';
  const list = useApiResource(`applications/${status}`, () => listApplications({ status: status || undefined }));
  return (
    <div className="container-xxl my-4" data-testid="applications-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: 'Domande' }]} />
      <PageTitle
        title={
          status === 'submitted'
            ? 'Domande da istruire'
            : status === 'review_passed'
              ? 'Domande da approvare'
              : 'Domande'
        }
      />
      <SelectField
        id="app-status"
        label="Stato"
        className="col-md-4"
        value={status}
        onValueChange={(v) => setParams(v ? { stato: v } : {})}
        options={APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s] }))}
        placeholder="Tutti gli stati"
      />
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p data-testid="applications-empty">Nessuna domanda.</p>
        ) : (
          <div className="table-responsive">
            <table className="table table-hover" data-testid="applications-table">
              <caption className="visually-hidden">Domande alle misure di sostegno</caption>
              <thead>
                <tr>
                  <th scope="col">Domanda</th>
                  <th scope="col">Misura</th>
                  <th scope="col">Richiedente</th>
                  <th scope="col">Data</th>
                  <th scope="col">Stato</th>
                  <th scope="col" className="text-end">
                    Importo
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/misure/domande/${encodeURIComponent(a.id)}`}>{a.code}</Link>
                    </th>
                    <td>{a.measureName}</td>
                    <td>
                      {a.applicantName} ({a.householdCode})
                    </td>
                    <td>{formatDate(a.appliedOn)}</td>
                    <td>{APPLICATION_STATUS_LABELS[a.status]}</td>
                    <td className="text-end">{a.amountCents === null ? '—' : formatEuro(a.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </div>
  );
}

export function NewApplicationPage() {
  const [params] = useSearchParams();
  const contactId = params.get('contatto');
  const contact = useApiResource(contactId ? `contact/${contactId}` : null, () => getContact(contactId ?? ''));
  if (contactId && !contact.data && !contact.error)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  return (
    <NewApplicationForm
      householdId={params.get('nucleo') ?? contact.data?.householdId ?? ''}
      measureId={params.get('misura') ?? ''}
      contactId={contactId}
      answers={contact.data?.answers ?? null}
    />
  );
}

function NewApplicationForm(props: {
  householdId: string;
  measureId: string;
  contactId: string | null;
  answers: ApplicationDetail['answers'] | null;
}) {
  const navigate = useNavigate();
  const measures = useApiResource('measures', listMeasures);
  const [measureId, setMeasureId] = useState(props.measureId);
  const [householdId, setHouseholdId] = useState(props.householdId);
  const [payeeName, setPayeeName] = useState('');
  const [payeeFiscalCode, setPayeeFiscalCode] = useState('');
  const [iban, setIban] = useState('');
  const [texts, setTexts] = useAnswerTexts(props.answers);
  const [purposes, setPurposes] = useState<Record<string, string>>({});
  const [remainingYears, setRemainingYears] = useState('');
  const [renounces, setRenounces] = useState('');
  const [agreedRent, setAgreedRent] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const action = useAction();
  const measure = measures.data?.items.find((m) => m.id === measureId);

  async function submit() {
    const { answers, problems: p } = textsToAnswers(texts);
    const purposeCents: Record<string, number> = {};
    for (const [k, v] of Object.entries(purposes)) {
      if (!v) continue;
      const c = parseEuroToCents(v);
      if (c === null) p.push(`Importo non valido: ${v}`);
      else purposeCents[k] = c;
    }
    setProblems(p);
    if (p.length > 0) return;
    const created = await action.run(() =>
      createApplication({
        householdId,
        measureId,
        contactId: props.contactId,
        payeeName,
        payeeFiscalCode,
        iban,
        answers,
        request:
          measure?.kind === 'morosita_incolpevole'
            ? {
                arrears: {
                  purposes: purposeCents,
                  remainingLeaseYears: remainingYears ? Number(remainingYears) : null,
                  landlordRenouncesEviction: renounces === '' ? null : renounces === 'yes',
                  newLeaseAgreedRent: agreedRent === '' ? null : agreedRent === 'yes',
                },
              }
            : {},
      }),
    );
    if (created) void navigate(`/misure/domande/${encodeURIComponent(created.id)}`);
  }
  const yesNo = [
    { value: 'yes', label: 'Sì' },
    { value: 'no', label: 'No' },
  ];
  return (
    <div className="container-xxl my-4" data-testid="new-application-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: 'Nuova domanda' }]} />
      <PageTitle title="Nuova domanda" />
      <Form id="application" label="Nuova domanda" onSubmit={() => void submit()}>
        <div className="row">
          <SelectField
            id="app-measure"
            className="col-md-6"
            label="Misura"
            required
            value={measureId}
            onValueChange={setMeasureId}
            placeholder="Scegliere la misura"
            options={(measures.data?.items ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.name }))}
          />
          <TextField
            id="app-household"
            className="col-md-6"
            label="Identificativo del nucleo"
            required
            value={householdId}
            onValueChange={setHouseholdId}
            hint="Compilato dallo sportello o dal fascicolo."
          />
        </div>
        <fieldset className="mb-3">
          <legend className="h5">Pagamento{measure ? ` (a: ${PAYEE_LABELS[measure.payee]})` : ''}</legend>
          <div className="row">
            <TextField
              id="app-payee"
              className="col-md-4"
              label="Beneficiario del pagamento"
              required
              value={payeeName}
              onValueChange={setPayeeName}
            />
            <TextField
              id="app-payee-cf"
              className="col-md-4"
              label="Codice fiscale o partita IVA del beneficiario"
              required
              value={payeeFiscalCode}
              onValueChange={setPayeeFiscalCode}
            />
            <TextField
              id="app-iban"
              className="col-md-4"
              label="IBAN"
              required
              value={iban}
              onValueChange={setIban}
              hint="27 caratteri per un conto italiano."
            />
          </div>
        </fieldset>
        {measure?.kind === 'morosita_incolpevole' ? (
          <fieldset className="mb-3">
            <legend className="h5">Finalità del contributo (DM 30/3/2016 art. 5, massimo 12.000 € per nucleo)</legend>
            <div className="row">
              {ARREARS_PURPOSES.map((p) => (
                <TextField
                  key={p}
                  id={`app-purpose-${p}`}
                  className="col-md-6"
                  label={`${ARREARS_PURPOSE_LABELS[p]} (€)`}
                  inputMode="decimal"
                  value={purposes[p] ?? ''}
                  onValueChange={(v) => setPurposes({ ...purposes, [p]: v })}
                />
              ))}
              <TextField
                id="app-remaining"
                className="col-md-4"
                label="Anni residui del contratto"
                inputMode="numeric"
                value={remainingYears}
                onValueChange={setRemainingYears}
              />
              <SelectField
                id="app-renounces"
                className="col-md-4"
                label="Il proprietario rinuncia allo sfratto"
                value={renounces}
                onValueChange={setRenounces}
                options={yesNo}
                placeholder="Non indicato"
              />
              <SelectField
                id="app-agreed"
                className="col-md-4"
                label="Nuovo contratto a canone concordato"
                value={agreedRent}
                onValueChange={setAgreedRent}
                options={yesNo}
                placeholder="Non indicato"
              />
            </div>
          </fieldset>
        ) : null}
        <details className="mb-3" open={props.answers === null}>
          <summary>Dati del questionario {props.answers ? '(dallo sportello)' : ''}</summary>
          <QuestionnaireFields texts={texts} onChange={setTexts} />
        </details>
        {problems.length > 0 ? <ErrorAlert error={problems.join(' ')} /> : null}
        <ApiProblem error={action.error} />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={action.busy || !measureId}
          data-testid="application-submit"
        >
          Presenta domanda
        </button>
      </Form>
    </div>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const app = useApiResource(`application/${id}`, () => getApplication(id));
  if (app.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={app.error} />
      </div>
    );
  if (!app.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  return <ApplicationView app={app.data} onChange={app.setData} reload={app.reload} />;
}

function ApplicationView({
  app: a,
  onChange,
  reload,
}: {
  readonly app: ApplicationDetail;
  readonly onChange: (a: ApplicationDetail) => void;
  readonly reload: () => void;
}) {
  const [category, setCategory] = useState(a.requiredDocuments.find((d) => !d.present)?.code ?? 'other');
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [decisionReason, setDecisionReason] = useState('');
  const upload = useAction();
  const act = useAction();
  async function doUpload() {
    if (!file) return;
    if (await upload.run(() => uploadDocument(a.id, file, category))) {
      setFile(null);
      reload();
    }
  }
  async function doReview(outcome: 'passed' | 'failed') {
    const r = await act.run(() => review(a.id, { outcome, reason }));
    if (r) onChange(r);
  }
  async function doDecide(decision: 'approved' | 'not_approved') {
    const r = await act.run(() => decide(a.id, { decision, reason: decisionReason }));
    if (r) onChange(r);
  }
  const decided = a.events.some((e) => ['approved', 'not_approved', 'review_failed'].includes(e.kind));
  return (
    <div className="container-xxl my-4" data-testid="application-page">
      <Breadcrumb
        items={[
          { label: 'Misure e contributi', to: '/misure' },
          { label: 'Domande', to: '/misure/domande' },
          { label: a.code },
        ]}
      />
      <PageTitle title={`Domanda ${a.code}`} />
      <p className="lead">
        {a.measureName} – <span data-testid="application-status">{APPLICATION_STATUS_LABELS[a.status]}</span>
      </p>
      <dl className="row">
        <dt className="col-sm-3">Richiedente</dt>
        <dd className="col-sm-9">
          {a.applicantName} ({a.applicantFiscalCode}) – nucleo{' '}
          <Link to={`/nuclei/${encodeURIComponent(a.householdId)}`}>{a.householdCode}</Link>
        </dd>
        <dt className="col-sm-3">Data della domanda</dt>
        <dd className="col-sm-9">{formatDate(a.appliedOn)}</dd>
        <dt className="col-sm-3">Pagamento a</dt>
        <dd className="col-sm-9">
          {a.payeeName} ({PAYEE_LABELS[a.payeeKind]}) – IBAN <span className="font-monospace">{a.iban}</span>
        </dd>
        <dt className="col-sm-3">Parametri</dt>
        <dd className="col-sm-9">versione {a.parameterVersion}</dd>
        <dt className="col-sm-3">Importo</dt>
        <dd className="col-sm-9" data-testid="application-amount">
          {a.amountCents === null ? 'da calcolare in istruttoria' : formatEuro(a.amountCents)}
        </dd>
      </dl>
      {a.breakdown.length > 0 ? (
        <table className="table table-sm">
          <caption>Calcolo dell’importo</caption>
          <thead>
            <tr>
              <th scope="col">Voce</th>
              <th scope="col">Fonte</th>
              <th scope="col" className="text-end">
                Importo
              </th>
            </tr>
          </thead>
          <tbody>
            {a.breakdown.map((l) => (
              <tr key={l.code}>
                <td>{l.label}</td>
                <td className="small">{l.source}</td>
                <td className="text-end">{formatEuro(l.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <section aria-labelledby="requisiti" className="mb-4">
        <h2 id="requisiti" className="h4">
          Requisiti <VerdictBadge verdict={a.verdict} label={VERDICT_LABELS[a.verdict]} />
        </h2>
        <ul>
          {a.checks.map((c) => (
            <li key={c.code}>
              <strong>{OUTCOME_TEXT[c.outcome as keyof typeof OUTCOME_TEXT] ?? c.outcome}</strong>: {c.evidence}{' '}
              <span className="small text-secondary">({c.source})</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="documenti" className="card card-bg p-3 mb-4">
        <h2 id="documenti" className="h4">
          Documenti
        </h2>
        <ul>
          {a.requiredDocuments.map((d) => (
            <li key={d.code}>
              {d.label}: {d.present ? 'presente' : <strong>mancante</strong>}
            </li>
          ))}
        </ul>
        {a.documents.length > 0 ? (
          <ul data-testid="documents">
            {a.documents.map((d) => (
              <li key={d.id}>
                <a href={`/api/documents/${encodeURIComponent(d.id)}`}>{d.originalName}</a> ({d.category},{' '}
                {Math.ceil(d.sizeBytes / 1024)} kB)
              </li>
            ))}
          </ul>
        ) : null}
        <Form id="upload" label="Carica un documento" onSubmit={() => void doUpload()}>
          <div className="row align-items-end">
            <SelectField
              id="doc-category"
              className="col-md-4"
              label="Tipo di documento"
              value={category}
              onValueChange={setCategory}
              options={[
                ...a.requiredDocuments.map((d) => ({ value: d.code, label: d.label })),
                { value: 'other', label: 'Altro' },
              ]}
            />
            <div className="form-group col-md-5">
              <label htmlFor="doc-file" className="active">
                File (PDF, JPEG o PNG)
              </label>
              <input
                id="doc-file"
                type="file"
                accept="application/pdf,image/jpeg,image/png"
                className="form-control"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <div className="form-group col-md-3">
              <button
                type="submit"
                className="btn btn-outline-primary"
                disabled={!file || upload.busy}
                data-testid="upload-submit"
              >
                Carica
              </button>
            </div>
          </div>
          <ApiProblem error={upload.error} />
        </Form>
      </section>
      <ApiProblem error={act.error} />
      {a.canReview && a.status !== 'approved' ? (
        <section aria-labelledby="istruttoria" className="card card-bg p-3 mb-4">
          <h2 id="istruttoria" className="h4">
            Istruttoria
          </h2>
          <TextAreaField
            id="review-reason"
            label="Motivazione"
            required
            rows={2}
            value={reason}
            onValueChange={setReason}
          />
          <div className="d-flex gap-2">
            <button
              type="button"
              className="btn btn-primary"
              disabled={act.busy}
              onClick={() => void doReview('passed')}
              data-testid="review-pass"
            >
              Istruttoria positiva
            </button>
            <button
              type="button"
              className="btn btn-outline-danger"
              disabled={act.busy}
              onClick={() => void doReview('failed')}
            >
              Istruttoria negativa
            </button>
          </div>
        </section>
      ) : null}
      {a.status === 'review_passed' ? (
        <section aria-labelledby="approvazione" className="card card-bg p-3 mb-4">
          <h2 id="approvazione" className="h4">
            Approvazione
          </h2>
          {a.canApprove ? (
            <>
              <TextAreaField
                id="decision-reason"
                label="Motivazione"
                required
                rows={2}
                value={decisionReason}
                onValueChange={setDecisionReason}
              />
              <div className="d-flex gap-2">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={act.busy}
                  onClick={() => void doDecide('approved')}
                  data-testid="approve"
                >
                  Approva e impegna il fondo
                </button>
                <button
                  type="button"
                  className="btn btn-outline-danger"
                  disabled={act.busy}
                  onClick={() => void doDecide('not_approved')}
                >
                  Non approvare
                </button>
              </div>
            </>
          ) : (
            <p>L’approvazione spetta a un dirigente diverso da chi ha svolto l’istruttoria.</p>
          )}
        </section>
      ) : null}
      {decided ? (
        <p>
          <a href={`/api/measure-applications/${encodeURIComponent(a.id)}/letter.pdf`} data-testid="letter-link">
            Lettera di esito (PDF)
          </a>
        </p>
      ) : null}
      {a.status === 'approved' ? (
        <SuccessAlert>Contributo approvato e impegnato sul fondo: {formatEuro(a.committedCents)}.</SuccessAlert>
      ) : null}
      <h2 className="h4">Storia</h2>
      <ol>
        {a.events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.at)} – {e.kind}
            {e.reason ? `: ${e.reason}` : ''}
            {e.amountCents !== null ? ` (${formatEuro(e.amountCents)})` : ''}
            {e.byName ? ` – ${e.byName}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

export function BenefitsPage() {
  const { id = '' } = useParams();
  const b = useApiResource(`benefits/${id}`, () => getBenefits(id));
  return (
    <div className="container-xxl my-4" data-testid="benefits-page">
      <Breadcrumb
        items={[
          { label: 'Nuclei familiari', to: '/nuclei' },
          { label: 'Fascicolo', to: `/nuclei/${encodeURIComponent(id)}` },
          { label: 'Benefici' },
        ]}
      />
      <PageTitle title="Benefici del nucleo" />
      {b.error ? <ErrorAlert error={b.error} /> : null}
      {b.loading && !b.data ? <Loading /> : null}
      {b.data ? (
        <>
          <h2 className="h4">Domande</h2>
          {b.data.applications.length === 0 ? (
            <p>Nessuna domanda.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Domande del nucleo alle misure</caption>
              <thead>
                <tr>
                  <th scope="col">Domanda</th>
                  <th scope="col">Misura</th>
                  <th scope="col">Stato</th>
                  <th scope="col" className="text-end">
                    Importo
                  </th>
                  <th scope="col" className="text-end">
                    Pagato
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.data.applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/misure/domande/${encodeURIComponent(a.id)}`}>{a.code}</Link>
                    </th>
                    <td>{a.measureName}</td>
                    <td>{APPLICATION_STATUS_LABELS[a.status]}</td>
                    <td className="text-end">{a.amountCents === null ? '—' : formatEuro(a.amountCents)}</td>
                    <td className="text-end">{formatEuro(a.paidCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="h4">Pagamenti</h2>
          {b.data.payments.length === 0 ? (
            <p>Nessun pagamento.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Pagamenti ricevuti e rettifiche</caption>
              <thead>
                <tr>
                  <th scope="col">Data</th>
                  <th scope="col">Misura</th>
                  <th scope="col">Tipo</th>
                  <th scope="col">Lotto</th>
                  <th scope="col" className="text-end">
                    Importo
                  </th>
                </tr>
              </thead>
              <tbody>
                {b.data.payments.map((p) => (
                  <tr key={p.id}>
                    <td>{formatDate(p.onDate)}</td>
                    <td>{p.measureCode}</td>
                    <td>
                      {p.kind === 'payment' ? 'Pagamento' : p.kind === 'cancellation' ? 'Annullamento' : 'Recupero'}
                    </td>
                    <td>{p.batchCode ?? '—'}</td>
                    <td className="text-end">{formatEuro(p.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
    </div>
  );
}
