// The two-step file import shared by the import pages (units, applications): the file is first
// checked (a dry run that lists every problem, or what would change), then the operator confirms.
// Nothing is written by mistake, and each outcome takes the focus so that a screen reader reads it.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { ApiError } from '../lib/api.js';
import { isApiError } from '../lib/use-form-feedback.js';
import { ErrorAlert } from './status.js';

export type ImportStep<R> =
  | { readonly kind: 'choose' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly report: R }
  | { readonly kind: 'importing'; readonly report: R }
  | { readonly kind: 'done'; readonly report: R };

export interface CheckThenImport<R> {
  readonly step: ImportStep<R>;
  readonly error: ApiError | null;
  readonly busy: boolean;
  /** Where the outcome is shown: it takes the focus when a step ends. */
  readonly resultRef: RefObject<HTMLDivElement>;
  /** Checks the file (dry run), or imports it after a check. */
  readonly send: (dryRun: boolean) => Promise<void>;
  /** A new file was chosen: back to the first step. */
  readonly restart: () => void;
}

/** The state of a check-then-import: `upload` sends the file(s), as a dry run or for real. */
export function useCheckThenImport<R>(upload: ((dryRun: boolean) => Promise<R>) | null): CheckThenImport<R> {
  const [step, setStep] = useState<ImportStep<R>>({ kind: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (step.kind === 'checked' || step.kind === 'done' || error) resultRef.current?.focus();
  }, [step.kind, error]);

  async function send(dryRun: boolean) {
    if (!upload) return;
    setError(null);
    const previous = step.kind === 'checked' ? step.report : null;
    setStep(dryRun || !previous ? { kind: 'checking' } : { kind: 'importing', report: previous });
    try {
      const report = await upload(dryRun);
      setStep(dryRun ? { kind: 'checked', report } : { kind: 'done', report });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setStep(previous ? { kind: 'checked', report: previous } : { kind: 'choose' });
    }
  }

  return {
    step,
    error,
    busy: step.kind === 'checking' || step.kind === 'importing',
    resultRef,
    send,
    restart: () => {
      setError(null);
      setStep({ kind: 'choose' });
    },
  };
}

/** The outcome area: a refusal of the whole request with its details, then the step's report. */
export function ImportOutcome(props: {
  readonly state: CheckThenImport<unknown>;
  readonly errorTitle: string;
  readonly children: ReactNode;
}) {
  const { error, resultRef } = props.state;
  return (
    <div ref={resultRef} tabIndex={-1} aria-live="polite" data-testid="import-outcome">
      {error ? <ErrorAlert error={error} title={props.errorTitle} /> : null}
      {error && error.details.length > 0 ? (
        <ul data-testid="import-error-details">
          {error.details.map((d, i) => (
            <li key={`${d.path}-${i}`}>{d.message}</li>
          ))}
        </ul>
      ) : null}
      {props.children}
    </div>
  );
}

export interface FileProblem {
  /** Which file, when an import takes more than one. */
  readonly file?: string;
  /** 0 for a problem of the whole file (encoding, format). */
  readonly line: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly message: string;
}

/** Every problem found in the file(s), row by row: nothing is imported until they are corrected. */
export function ImportProblems(props: {
  readonly problems: readonly FileProblem[];
  readonly title: string;
  readonly summary: ReactNode;
  /** Shows a "File" column with this label for each problem's file. */
  readonly fileLabel?: (file: string) => string;
}) {
  const { problems, fileLabel } = props;
  return (
    <section aria-labelledby="import-problems-title">
      <div className="alert alert-danger">
        <h2 id="import-problems-title" className="h5">
          {props.title}
        </h2>
        <p className="mb-0" data-testid="import-problems-count">
          {props.summary}
        </p>
      </div>
      <div className="table-responsive">
        <table className="table align-middle" data-testid="import-problems">
          <caption className="visually-hidden">Problemi trovati nel file, riga per riga</caption>
          <thead>
            <tr>
              {fileLabel ? <th scope="col">File</th> : null}
              <th scope="col" className="text-end">
                Riga
              </th>
              <th scope="col">Colonna</th>
              <th scope="col">Valore</th>
              <th scope="col">Problema</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={`${p.file ?? ''}-${p.line}-${p.column ?? ''}-${i}`} data-testid="import-problem">
                {fileLabel ? <td>{fileLabel(p.file ?? '')}</td> : null}
                <td className="text-end">{p.line === 0 ? '—' : p.line}</td>
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

/** The second step: what the check found, and the button that imports. */
export function ConfirmImport(props: {
  readonly message: ReactNode;
  readonly busy: boolean;
  readonly label: string;
  readonly testId: string;
  readonly onImport: () => void;
  readonly children?: ReactNode;
}) {
  return (
    <section aria-labelledby="import-confirm-title" className="subform">
      <h2 id="import-confirm-title" className="h5">
        2. Conferma l’importazione
      </h2>
      <p data-testid="import-preview-message">{props.message}</p>
      {props.children}
      <button
        type="button"
        className="btn btn-primary my-3"
        aria-disabled={props.busy}
        data-testid={props.testId}
        onClick={() => {
          if (!props.busy) props.onImport();
        }}
      >
        {props.busy ? 'Importazione in corso…' : props.label}
      </button>
    </section>
  );
}
