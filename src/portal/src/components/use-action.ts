/**
 * Run one thing a person asked for (save, add, assign, …): `busy` while it runs, the failure for an error bar, and
 * `run`, which clears the last failure, awaits the work and keeps its error. `onFailure` runs after a failure is kept
 * (e.g. to reload what did get done).
 */
import { useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  setError(error: unknown): void;
  run(work: () => Promise<void>, onFailure?: () => unknown): Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (work: () => Promise<void>, onFailure?: () => unknown) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(err);
      await onFailure?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
