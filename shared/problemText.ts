import type { Problem } from "./engine/types";
import { type Locale, translate } from "./i18n";

/** A problem in the merchant's language, naming what to map or fix. */
export function describeProblem(problem: Problem, locale: Locale): string {
  return translate(locale, `problem.${problem.code}`, {
    name: problem.subject?.name ?? "",
    ...problem.details,
  });
}
