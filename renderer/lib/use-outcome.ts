import { useCallback, useEffect, useState } from 'react';
import type { Outcome } from '../store/types.js';

/**
 * What `load` answers, loaded when the component mounts (and whenever `load` changes), with
 * `reload` for "read again": the value shown stays until a newer answer replaces it, and an
 * answer for a component that has gone away is dropped.
 */
export function useOutcome<T>(load: () => Promise<Outcome<T>>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const show = useCallback((outcome: Outcome<T>) => {
    if (outcome.ok) {
      setValue(outcome.value);
      setError(null);
    } else setError(outcome.error);
  }, []);
  useEffect(() => {
    let current = true;
    void load().then((outcome) => {
      if (current) show(outcome);
    });
    return () => {
      current = false;
    };
  }, [load, show]);
  const reload = useCallback(async () => {
    setLoading(true);
    show(await load());
    setLoading(false);
  }, [load, show]);

  return { value, error, loading, reload };
}
