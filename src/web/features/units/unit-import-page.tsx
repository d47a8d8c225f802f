import { FileField } from '../../components/form-fields.js';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UNIT_CSV_COLUMNS, type UnitImportReport } from '../../../shared/units.js';
import { PageTitle } from '../../components/page-title.js';
import { ConfirmImport, ImportOutcome, ImportProblems, useCheckThenImport } from '../../components/file-import.js';
import { SuccessAlert } from '../../components/status.js';
import { uploadUnitsFile } from './units-api.js';

/**
 * Two steps, so that nothing is written by mistake: first the file is checked (a dry run that shows
 * every problem, or what would change), then the operator confirms the import.
 */
export function UnitImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const state = useCheckThenImport<UnitImportReport>(
    file ? (dryRun) => uploadUnitsFile(file, { fileName: file.name, dryRun }) : null,
  );
  const { step } = state;

  function onCheck(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('Scegliere il file CSV degli alloggi.');
      fileRef.current?.focus();
      return;
    }
    void state.send(true);
  }

  return (
    <div className="container-xxl my-4" data-testid="unit-import-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/erp">Edilizia pubblica (ERP)</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to="/alloggi">Patrimonio abitativo</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Importa
          </li>
        </ol>
      </nav>
      <PageTitle title="Importa alloggi da file" />
      <p>
        Il file è un CSV separato da punto e virgola, in UTF-8, con la riga di intestazione e queste colonne:{' '}
        <code>{UNIT_CSV_COLUMNS.join(';')}</code>. Le superfici sono in m² utili, con la virgola o il punto decimale;
        ascensore e accessibile valgono S o N; lo stato è disponibile, lavori o non_assegnabile. L’importazione è tutto
        o niente: se una riga ha un errore non viene importato nulla. Ricaricare lo stesso file non cambia nulla.
      </p>

      <form onSubmit={onCheck} noValidate className="subform" aria-labelledby="import-file-title">
        <h2 id="import-file-title" className="h5">
          1. Scegli e verifica il file
        </h2>
        <FileField
          id="units-file"
          label="File CSV degli alloggi"
          required
          error={fileError ?? undefined}
          inputRef={fileRef}
          data-testid="units-file"
          onFile={(f) => {
            setFile(f);
            setFileError(null);
            state.restart();
          }}
        />
        <button type="submit" className="btn btn-primary mb-3" aria-disabled={state.busy} data-testid="units-check">
          {step.kind === 'checking' ? 'Verifica in corso…' : 'Verifica il file'}
        </button>
      </form>

      <ImportOutcome state={state} errorTitle="Il file non è stato importato.">
        {step.kind === 'checked' || step.kind === 'importing' ? (
          <CheckedReport report={step.report} busy={state.busy} onImport={() => void state.send(false)} />
        ) : null}
        {step.kind === 'done' ? <DoneReport report={step.report} /> : null}
      </ImportOutcome>
    </div>
  );
}

function Counts({ report, testId }: { readonly report: UnitImportReport; readonly testId: string }) {
  return (
    <dl className="row mb-0" data-testid={testId}>
      <dt className="col-8 col-md-4">Righe del file</dt>
      <dd className="col-4 col-md-8">{report.rows}</dd>
      <dt className="col-8 col-md-4">Alloggi nuovi</dt>
      <dd className="col-4 col-md-8" data-testid="count-created">
        {report.created}
      </dd>
      <dt className="col-8 col-md-4">Alloggi aggiornati</dt>
      <dd className="col-4 col-md-8" data-testid="count-updated">
        {report.updated}
      </dd>
      <dt className="col-8 col-md-4">Alloggi invariati</dt>
      <dd className="col-4 col-md-8" data-testid="count-unchanged">
        {report.unchanged}
      </dd>
      <dt className="col-8 col-md-4">Cambi di stato</dt>
      <dd className="col-4 col-md-8">{report.stateChanges}</dd>
    </dl>
  );
}

function CheckedReport(props: {
  readonly report: UnitImportReport;
  readonly busy: boolean;
  readonly onImport: () => void;
}) {
  const { report } = props;
  if (report.alreadyImported) {
    return (
      <div className="alert alert-info" data-testid="import-already">
        {report.message}
      </div>
    );
  }
  if (report.problems.length > 0) {
    return (
      <ImportProblems
        problems={report.problems}
        title="Il file va corretto"
        summary={`${report.message} Correggi le righe indicate e verifica di nuovo il file.`}
      />
    );
  }
  return (
    <ConfirmImport
      message={report.message}
      busy={props.busy}
      label="Importa"
      testId="units-import-confirm"
      onImport={props.onImport}
    >
      <Counts report={report} testId="import-preview" />
    </ConfirmImport>
  );
}

function DoneReport({ report }: { readonly report: UnitImportReport }) {
  return (
    <div data-testid="import-result">
      {report.alreadyImported ? (
        <div className="alert alert-info">{report.message}</div>
      ) : (
        <SuccessAlert>{report.message}</SuccessAlert>
      )}
      <Counts report={report} testId="import-counts" />
      <p className="mt-3">
        <Link to="/alloggi">Vai al patrimonio abitativo</Link>
      </p>
    </div>
  );
}
