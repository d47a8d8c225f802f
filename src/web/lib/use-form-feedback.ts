import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError } from './api.js';
import { apiIssuesToFieldErrors, withoutError, type FieldErrors } from './form-errors.js';

export interface FormFeedback {
  readonly errors: FieldErrors;
  readonly problem: ApiError | null;
  /** Ref for the error summary: it takes the focus after every failed submit. */
  readonly summaryRef: RefObject<HTMLDivElement>;
  readonly failClient: (errors: FieldErrors) => void;
  /** Shows an API failure: issues with a path go to their fields, the message to the summary. */
  readonly failServer: (error: ApiError) => void;
  readonly clearField: (path: string) => void;
  readonly reset: () => void;
}

export function useFormFeedback(): FormFeedback {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [failures, setFailures] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  const failClient = useCallback((next: FieldErrors) => {
    setErrors(next);
    setProblem(null);
    setFailures((n) => n + 1);
  }, []);

  const failServer = useCallback((error: ApiError) => {
    setErrors(apiIssuesToFieldErrors(error.details));
    setProblem(error);
    setFailures((n) => n + 1);
  }, []);

  const clearField = useCallback((path: string) => setErrors((e) => withoutError(e, path)), []);

  const reset = useCallback(() => {
    setErrors({});
    setProblem(null);
  }, []);

  return { errors, problem, summaryRef, failClient, failServer, clearField, reset };
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
