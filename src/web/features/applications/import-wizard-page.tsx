import { FileField } from '../../components/form-fields.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { APPLICATION_COLUMNS, APPLICATION_MEMBER_COLUMNS, type ImportReport } from '../../../shared/applications.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { getCall } from '../calls/calls-api.js';
import { importApplicationsFiles } from './applications-api.js';

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly report: ImportReport }
  | { readonly kind: 'importing'; readonly report: ImportReport }
  | { readonly kind: 'done'; readonly report: ImportReport };

/**
 * The applications import in two steps, so that nothing is written by mistake: the files are first
 * checked (a dry run listing every problem, or what would be imported), then the officer confirms.
 */
export function ImportWizardPage() {
  const { id = '' } = useParams();
  const call = useApiResource(`call/${id}`, () => getCall(id));
  const [applications, setApplications] = useState<File | null>(null);
  const [members, setMembers] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step.kind === 'checked' || step.kind === 'done' || error) resultRef.current?.focus();
  }, [step.kind, error]);

  if (call.error?.status === 404) return <NotFoundPage />;
  if (call.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Importa domande" />
        <ErrorAlert error={call.error} />
      </div>
    );
  }
  if (!call.data) return <Loading />;
  const c = call.data;
  const callPath = `/avvisi/${encodeURIComponent(c.id)}`;

  async function send(dryRun: boolean) {
    if (!applications) return;
    setError(null);
    const previous = step.kind === 'checked' ? step.report : null;
    setStep(dryRun || !previous ? { kind: 'checking' } : { kind: 'importing', report: previous });
    try {
      const report = await importApplicationsFiles(c.id, { applications, members }, dryRun);
      setStep(dryRun ? { kind: 'checked', report } : { kind: 'done', report });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setStep(previous ? { kind: 'checked', report: previous } : { kind: 'choose' });
    }
  }

  function onCheck(event: FormEvent) {
    event.preventDefault();
    if (!applications) {
      setFileError('Scegliere il file CSV delle domande.');
      fileRef.current?.focus();
      return;
    }
    void send(true);
  }

  function chosen() {
    setFileError(null);
    setError(null);
    setStep({ kind: 'choose' });
  }

  const busy = step.kind === 'checking' || step.kind === 'importing';
  return (
    <div className="container-xxl my-4" data-testid="import-wizard">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/avvisi">Avvisi</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={callPath}>{c.code}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Importa domande
          </li>
        </ol>
      </nav>
      <PageTitle title={`Importa domande nell’avviso ${c.code}`} />
      <p>
        Il file delle domande è l’esportazione della piattaforma regionale: CSV separato da punto e virgola, in UTF-8,
        con la riga di intestazione <code className="text-break">{APPLICATION_COLUMNS.join(';')}</code>. Il file dei
        componenti, facoltativo, ha le colonne{' '}
        <code className="text-break">{APPLICATION_MEMBER_COLUMNS.join(';')}</code> e una riga per ogni componente di
        ogni domanda. Ogni domanda sceglie al massimo due alloggi offerti dall’avviso e adeguati al nucleo.
        L’importazione è tutto o niente; ricaricare lo stesso file non cambia nulla.
      </p>

      <form onSubmit={onCheck} noValidate className="subform" aria-labelledby="import-step-1">
        <h2 id="import-step-1" className="h5">
          1. Scegli e verifica i file
        </h2>
        <FileField
          id="applications-file"
          label="File CSV delle domande"
          required
          error={fileError ?? undefined}
          inputRef={fileRef}
          data-testid="applications-file"
          onFile={(f) => {
            setApplications(f);
            chosen();
          }}
        />
        <FileField
          id="members-file"
          label="File CSV dei componenti (facoltativo)"
          data-testid="members-file"
          onFile={(f) => {
            setMembers(f);
            chosen();
          }}
        />
        <button type="submit" className="btn btn-primary mb-3" aria-disabled={busy} data-testid="import-check">
          {step.kind === 'checking' ? 'Verifica in corso…' : 'Verifica i file'}
        </button>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite" data-testid="import-outcome">
        {error ? <ErrorAlert error={error} title="I file non sono stati importati." /> : null}
        {error && error.details.length > 0 ? (
          <ul>
            {error.details.map((d, i) => (
              <li key={`${d.path}-${i}`}>{d.message}</li>
            ))}
          </ul>
        ) : null}
        {step.kind === 'checked' || step.kind === 'importing' ? (
          <CheckedReport report={step.report} busy={busy} onImport={() => void send(false)} />
        ) : null}
        {step.kind === 'done' ? <DoneReport report={step.report} callPath={callPath} /> : null}
      </div>
    </div>
  );
}

function Counts({ report, testId }: { readonly report: ImportReport; readonly testId: string }) {
  return (
    <dl className="row mb-0" data-testid={testId}>
      <dt className="col-8 col-md-4">Righe del file</dt>
      <dd className="col-4 col-md-8">{report.rows}</dd>
      <dt className="col-8 col-md-4">Domande nuove</dt>
      <dd className="col-4 col-md-8" data-testid="count-created">
        {report.created}
      </dd>
      <dt className="col-8 col-md-4">Domande già importate (invariate)</dt>
      <dd className="col-4 col-md-8" data-testid="count-unchanged">
        {report.unchanged}
      </dd>
      <dt className="col-8 col-md-4">Nuclei già presenti</dt>
      <dd className="col-4 col-md-8">{report.householdsMatched}</dd>
      <dt className="col-8 col-md-4">Nuovi fascicoli da completare</dt>
      <dd className="col-4 col-md-8">{report.householdsCreated}</dd>
    </dl>
  );
}

function ItemsTable({ report }: { readonly report: ImportReport }) {
  if (report.items.length === 0) return null;
  return (
    <div className="table-responsive mt-3">
      <table className="table table-sm align-middle" data-testid="import-items">
        <caption className="visually-hidden">Domande del file e nucleo familiare di ciascuna</caption>
        <thead>
          <tr>
            <th scope="col" className="text-end">
              Riga
            </th>
            <th scope="col">Domanda</th>
            <th scope="col">Esito</th>
            <th scope="col">Nucleo familiare</th>
          </tr>
        </thead>
        <tbody>
          {report.items.map((i) => (
            <tr key={i.platformId}>
              <td className="text-end">{i.line}</td>
              <td>{i.platformId}</td>
              <td>{i.outcome === 'created' ? 'Nuova' : 'Già importata, invariata'}</td>
              <td>
                {i.household === 'matched'
                  ? `Fascicolo esistente ${i.householdCode ?? ''}`
                  : i.household === 'created'
                    ? i.householdCode
                      ? `Nuovo fascicolo ${i.householdCode}`
                      : 'Nuovo fascicolo'
                    : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CheckedReport(props: {
  readonly report: ImportReport;
  readonly busy: boolean;
  readonly onImport: () => void;
}) {
  const { report } = props;
  if (report.alreadyImported) {
    return (
      <div className="alert alert-info" data-testid="import-already">
        Il file {report.fileName} è già stato importato in questo avviso: importarlo di nuovo non cambia nulla.
      </div>
    );
  }
  if (!report.ok) {
    return (
      <section aria-labelledby="import-problems-title">
        <div className="alert alert-danger">
          <h2 id="import-problems-title" className="h5">
            I file vanno corretti
          </h2>
          <p className="mb-0" data-testid="import-problems-count">
            {report.problems.length === 1
              ? 'È stato trovato 1 problema'
              : `Sono stati trovati ${report.problems.length} problemi`}
            : nessuna domanda è stata importata. Correggi le righe indicate e verifica di nuovo.
          </p>
        </div>
        <div className="table-responsive">
          <table className="table align-middle" data-testid="import-problems">
            <caption className="visually-hidden">Problemi trovati nei file, riga per riga</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="text-end">
                  Riga
                </th>
                <th scope="col">Colonna</th>
                <th scope="col">Valore</th>
                <th scope="col">Problema</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`${p.file}-${p.line}-${p.column ?? ''}-${i}`} data-testid="import-problem">
                  <td>{p.file === 'members' ? 'Componenti' : 'Domande'}</td>
                  <td className="text-end">{p.line}</td>
                  <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                  <td>{p.value ? <code className="text-break">{p.value}</code> : '—'}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="import-step-2" className="subform">
      <h2 id="import-step-2" className="h5">
        2. Conferma l’importazione
      </h2>
      <p data-testid="import-preview-message">
        I file sono corretti: {report.created === 1 ? '1 domanda nuova' : `${report.created} domande nuove`} da
        importare. Nulla è stato ancora scritto.
      </p>
      <Counts report={report} testId="import-preview" />
      <ItemsTable report={report} />
      <button
        type="button"
        className="btn btn-primary my-3"
        aria-disabled={props.busy}
        data-testid="import-confirm"
        onClick={() => {
          if (!props.busy) props.onImport();
        }}
      >
        {props.busy ? 'Importazione in corso…' : 'Importa le domande'}
      </button>
    </section>
  );
}

function DoneReport({ report, callPath }: { readonly report: ImportReport; readonly callPath: string }) {
  return (
    <div data-testid="import-result">
      {report.alreadyImported ? (
        <div className="alert alert-info">Il file era già stato importato: nessuna modifica.</div>
      ) : report.ok ? (
        <SuccessAlert>
          Importazione completata: {report.created === 1 ? '1 domanda nuova' : `${report.created} domande nuove`}.
        </SuccessAlert>
      ) : (
        <ErrorAlert error="Nel frattempo i dati sono cambiati e i file non sono più validi: verificali di nuovo." />
      )}
      <Counts report={report} testId="import-counts" />
      <ItemsTable report={report} />
      <p className="mt-3">
        <Link to={`${callPath}/domande`} data-testid="import-to-applications">
          Vai alle domande dell’avviso
        </Link>
      </p>
    </div>
  );
}
