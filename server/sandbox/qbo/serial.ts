// One change at a time per key (a realm's books, the OAuth grants): each change reads, decides and writes
// the sandbox state after the previous one has finished, so two requests racing with the same code,
// refresh token or requestid cannot both win.
export function createSerializer() {
  const tails = new Map<string, Promise<unknown>>();
  return function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    // Forget the key once nothing is queued behind this change.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
