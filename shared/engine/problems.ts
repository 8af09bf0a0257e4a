import type { Problem, Severity } from "./types";

const SEVERITY_ORDER: Severity[] = ["hold", "out_of_balance", "warning"];

/** Collects problems once each: an unmapped category met on 300 lines is one problem. */
export class ProblemLog {
  private readonly byKey = new Map<string, Problem>();

  add(problem: Problem): void {
    const key = `${problem.code}|${problem.subject?.id ?? ""}`;
    const known = this.byKey.get(key);
    // Something renamed during the day is named the same way whatever the order of the sales.
    if (!known || (problem.subject && known.subject && problem.subject.name < known.subject.name))
      this.byKey.set(key, problem);
  }

  /** In a stable order: what holds the day first, then the sales out of balance, then warnings. */
  list(): Problem[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        a.code.localeCompare(b.code) ||
        (a.subject?.id ?? "").localeCompare(b.subject?.id ?? ""),
    );
  }

  has(severity: Severity): boolean {
    for (const problem of this.byKey.values()) if (problem.severity === severity) return true;
    return false;
  }
}
