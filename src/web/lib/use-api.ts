import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.js';

interface Loaded<T> {
  readonly key: string;
  readonly data?: T;
  readonly error?: ApiError;
}

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Replaces the data (e.g. with the household returned by a successful POST). */
  readonly setData: (data: T) => void;
  readonly reload: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  console.error(error);
  return new ApiError(0, 'UNEXPECTED_RESPONSE', 'Si è verificato un errore imprevisto nella pagina.');
}

/**
 * Loads a resource whenever `key` changes (null: nothing to load). The state remembers which key it
 * belongs to, so a change of key shows "loading" without resetting state inside the effect.
 */
export function useApiResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<Loaded<T> | null>(null);
  const [generation, setGeneration] = useState(0);
  const fullKey = key === null ? null : `${key}#${generation}`;
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (fullKey === null) return;
    let cancelled = false;
    loadRef.current().then(
      (data) => {
        if (!cancelled) setState({ key: fullKey, data });
      },
      (error: unknown) => {
        if (!cancelled) setState({ key: fullKey, error: asApiError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fullKey]);

  const current = state !== null && state.key === fullKey ? state : null;
  // After a reload keep showing the previous data while the new request runs.
  const shown = current ?? (state !== null && key !== null && state.key.startsWith(`${key}#`) ? state : null);
  const setData = useCallback(
    (data: T) => {
      if (fullKey !== null) setState({ key: fullKey, data });
    },
    [fullKey],
  );
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    data: shown?.data,
    error: current?.error,
    loading: fullKey !== null && current === null,
    setData,
    reload,
  };
}
