// Loads something from the API for a component: the data, the error, and a reload that keeps the data
// on screen while it runs (so the page updates in place after an action).
import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
}

export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const latest = useRef(0);
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await run();
      if (ticket === latest.current) setState({ data, loading: false });
    } catch (error) {
      if (ticket === latest.current) setState((previous) => ({ ...previous, error, loading: false }));
    }
  }, [run]);

  useEffect(() => {
    setState({ loading: true });
    void reload();
  }, [reload]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
