// A sandbox state entry changed one request at a time: two requests racing on the same code, refresh
// token or idempotency key must not both win, so each change runs after the previous one on that key.
import type { Db } from "../db/client";
import { readState, writeState } from "./state";

const queues = new WeakMap<Db, Map<string, Promise<unknown>>>();

/** Runs `work` on the entry `key` (a fresh copy of `fallback` when absent) and saves what it leaves. */
export function changeState<S, T>(
  db: Db,
  key: string,
  fallback: () => S,
  work: (state: S) => T | Promise<T>,
): Promise<T> {
  let perKey = queues.get(db);
  if (!perKey) {
    perKey = new Map();
    queues.set(db, perKey);
  }
  const run = (perKey.get(key) ?? Promise.resolve()).then(async () => {
    const state = await readState<S>(db, key, fallback());
    const result = await work(state);
    await writeState(db, key, state);
    return result;
  });
  perKey.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}
