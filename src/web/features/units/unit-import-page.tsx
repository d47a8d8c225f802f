import { FileField } from '../../components/form-fields.js';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { UNIT_CSV_COLUMNS, type UnitImportReport } from '../../../shared/units.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, SuccessAlert } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { uploadUnitsFile } from './units-api.js';

type Step =
  | { readonly kind: 'choose' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly report: UnitImportReport }
  | { readonly kind: 'importing'; readonly report: UnitImportReport }
  | { readonly kind: 'done'; readonly report: UnitImportReport };

/**
 * Two steps, so that nothing is written by mistake: first the file is checked (a dry run that shows
 * every problem, or what would change), then the operator confirms the import.
 */
export function UnitImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  // The outcome of each step takes the focus, so that a screen reader reads it.
  useEffect(() => {
    if (step.kind === 'checked' || step.kind === 'done' || error) resultRef.current?.focus();
  }, [step.kind, error]);

  async function send(dryRun: boolean) {
    if (!file) return;
    setError(null);
    const previous = step.kind === 'checked' ? step.report : null;
    setStep(dryRun || !previous ? { kind: 'checking' } : { kind: 'importing', report: previous });
    try {
      const report = await uploadUnitsFile(file, { fileName: file.name, dryRun });
      setStep(dryRun ? { kind: 'checked', report } : { kind: 'done', report });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setStep(previous ? { kind: 'checked', report: previous } : { kind: 'choose' });
    }
  }

  function onCheck(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('Scegliere il file CSV degli alloggi.');
      fileRef.current?.focus();
      return;
    }
    void send(true);
  }

  const busy = step.kind === 'checking' || step.kind === 'importing';
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
            setError(null);
            setStep({ kind: 'choose' });
          }}
        />
        <button type="submit" className="btn btn-primary mb-3" aria-disabled={busy} data-testid="units-check">
          {step.kind === 'checking' ? 'Verifica in corso…' : 'Verifica il file'}
        </button>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite" data-testid="import-outcome">
        {error ? <ErrorAlert error={error} title="Il file non è stato importato." /> : null}
        {error && error.details.length > 0 ? <ProblemList details={error.details} /> : null}
        {step.kind === 'checked' || step.kind === 'importing' ? (
          <CheckedReport report={step.report} busy={busy} onImport={() => void send(false)} />
        ) : null}
        {step.kind === 'done' ? <DoneReport report={step.report} /> : null}
      </div>
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
      <section aria-labelledby="import-problems-title">
        <div className="alert alert-danger">
          <h2 id="import-problems-title" className="h5">
            Il file va corretto
          </h2>
          <p className="mb-0">{report.message} Correggi le righe indicate e verifica di nuovo il file.</p>
        </div>
        <div className="table-responsive">
          <table className="table align-middle" data-testid="import-problems">
            <caption className="visually-hidden">Errori trovati nel file, riga per riga</caption>
            <thead>
              <tr>
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
                <tr key={`${p.line}-${p.column ?? ''}-${i}`} data-testid="import-problem">
                  <td className="text-end">{p.line === 0 ? '—' : p.line}</td>
                  <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                  <td>{p.value ? <code>{p.value}</code> : '—'}</td>
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
    <section aria-labelledby="import-confirm-title" className="subform">
      <h2 id="import-confirm-title" className="h5">
        2. Conferma l’importazione
      </h2>
      <p data-testid="import-preview-message">{report.message}</p>
      <Counts report={report} testId="import-preview" />
      <button
        type="button"
        className="btn btn-primary my-3"
        aria-disabled={props.busy}
        data-testid="units-import-confirm"
        onClick={() => {
          if (!props.busy) props.onImport();
        }}
      >
        {props.busy ? 'Importazione in corso…' : 'Importa'}
      </button>
    </section>
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

function ProblemList({ details }: { readonly details: readonly { path: string; message: string }[] }) {
  return (
    <ul data-testid="import-error-details">
      {details.map((d, i) => (
        <li key={`${d.path}-${i}`}>{d.message}</li>
      ))}
    </ul>
  );
}
