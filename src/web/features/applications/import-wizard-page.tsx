import { FileField } from '../../components/form-fields.js';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { APPLICATION_COLUMNS, APPLICATION_MEMBER_COLUMNS, type ImportReport } from '../../../shared/applications.js';
import { ConfirmImport, ImportOutcome, ImportProblems, useCheckThenImport } from '../../components/file-import.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { useApiResource } from '../../lib/use-api.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import { getCall } from '../calls/calls-api.js';
import { importApplicationsFiles } from './applications-api.js';

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
  const fileRef = useRef<HTMLInputElement>(null);
  const callId = call.data?.id;
  const state = useCheckThenImport<ImportReport>(
    applications && callId ? (dryRun) => importApplicationsFiles(callId, { applications, members }, dryRun) : null,
  );
  const { step } = state;

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

  function onCheck(event: FormEvent) {
    event.preventDefault();
    if (!applications) {
      setFileError('Scegliere il file CSV delle domande.');
      fileRef.current?.focus();
      return;
    }
    void state.send(true);
  }

  function chosen() {
    setFileError(null);
    state.restart();
  }

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
        <button type="submit" className="btn btn-primary mb-3" aria-disabled={state.busy} data-testid="import-check">
          {step.kind === 'checking' ? 'Verifica in corso…' : 'Verifica i file'}
        </button>
      </form>

      <ImportOutcome state={state} errorTitle="I file non sono stati importati.">
        {step.kind === 'checked' || step.kind === 'importing' ? (
          <CheckedReport report={step.report} busy={state.busy} onImport={() => void state.send(false)} />
        ) : null}
        {step.kind === 'done' ? <DoneReport report={step.report} callPath={callPath} /> : null}
      </ImportOutcome>
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
      <ImportProblems
        problems={report.problems}
        title="I file vanno corretti"
        fileLabel={(file) => (file === 'members' ? 'Componenti' : 'Domande')}
        summary={`${
          report.problems.length === 1
            ? 'È stato trovato 1 problema'
            : `Sono stati trovati ${report.problems.length} problemi`
        }: nessuna domanda è stata importata. Correggi le righe indicate e verifica di nuovo.`}
      />
    );
  }
  return (
    <ConfirmImport
      message={`I file sono corretti: ${report.created === 1 ? '1 domanda nuova' : `${report.created} domande nuove`} da importare. Nulla è stato ancora scritto.`}
      busy={props.busy}
      label="Importa le domande"
      testId="import-confirm"
      onImport={props.onImport}
    >
      <Counts report={report} testId="import-preview" />
      <ItemsTable report={report} />
    </ConfirmImport>
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
