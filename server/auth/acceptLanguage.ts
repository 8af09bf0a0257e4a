// Pages reached before any session exists (install) speak the browser's language.
import { type Locale, toLocale } from "../../shared/i18n";

/** The first language of an Accept-Language header that we translate, else English. */
export function localeOfAcceptLanguage(header: string | undefined): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (tag && toLocale(tag) !== "en") return toLocale(tag);
    if (tag?.toLowerCase().startsWith("en")) return "en";
  }
  return "en";
}
