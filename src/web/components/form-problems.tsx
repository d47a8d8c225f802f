import type { ReactNode } from 'react';
import { describeApiError } from './status.js';
import { ErrorSummary, type SummaryItem } from './error-summary.js';
import type { FormFeedback } from '../lib/use-form-feedback.js';
import { fieldId, withFieldLabel } from '../lib/form-errors.js';

interface Props {
  readonly formId: string;
  readonly feedback: FormFeedback;
  /** Readable name of a field from its dotted path. */
  readonly labelFor: (path: string) => string;
  /** Where a path without its own control should point (default: the form itself). */
  readonly targetFor?: (path: string) => string;
  readonly children?: ReactNode;
}

/** The summary of a form's problems, or nothing when there are none. */
export function FormProblems({ formId, feedback, labelFor, targetFor, children }: Props) {
  const { errors, problem, summaryRef } = feedback;
  const entries = Object.entries(errors);
  if (entries.length === 0 && problem === null) return null;
  const items: SummaryItem[] = entries.map(([path, message]) => ({
    targetId: targetFor?.(path) ?? fieldId(formId, path),
    text: withFieldLabel(labelFor(path), message),
  }));
  const title =
    problem && (problem.details.length === 0 || problem.code !== 'VALIDATION_FAILED')
      ? describeApiError(problem)
      : entries.length === 1
        ? 'C’è un dato da correggere'
        : `Ci sono ${entries.length} dati da correggere`;
  return (
    <ErrorSummary ref={summaryRef} id={`${formId}-summary`} title={title} items={items}>
      {children}
    </ErrorSummary>
  );
}
