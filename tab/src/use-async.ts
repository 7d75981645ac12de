import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from './api-client';

/** The state of data being loaded. */
export type AsyncState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'error'; readonly failure: ApiFailure | Error };

/** Loads data when the dependencies change; `reload` loads again, `set` replaces the data after an action. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): { state: AsyncState<T>; reload: () => void; set: (data: T) => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    run().then(
      (data) => mine === generation.current && setState({ status: 'ready', data }),
      (error: unknown) => mine === generation.current && setState({ status: 'error', failure: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, [run]);
  useEffect(() => {
    setState({ status: 'loading' });
    reload();
  }, [reload]);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { state, reload, set };
}
