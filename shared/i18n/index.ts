import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type { MessageKey };
export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** `fr-CA` -> `fr`; anything we do not translate falls back to English. */
export function toLocale(tag: string | undefined): Locale {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? "") ? (language as Locale) : "en";
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
