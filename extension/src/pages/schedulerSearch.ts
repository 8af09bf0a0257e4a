// The POS Load Scheduler's address: `?regenerate=FROM..TO` is the mapping's offer to regenerate more days
// than the mapping page runs itself; the scheduler opens with that search for a Regenerate accounting job.
export interface SchedulerSearch {
  regenerate?: { from: string; to: string };
}

export function parseSchedulerSearch(search: Record<string, unknown>): SchedulerSearch {
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(String(search.regenerate ?? ""));
  return range && range[1]! <= range[2]! ? { regenerate: { from: range[1]!, to: range[2]! } } : {};
}
