// The extension's language: its own catalogs (en.ts, fr.ts), the shared ones (status names, problems),
// and dates and money formatted for the locale the session token carries (fr-CA, en-CA, en-US...).
import type { AppProviderProps } from "@shopify/polaris";
import { createContext, type ReactNode, useContext } from "react";
import { type Locale, type MessageKey as SharedKey, toLocale, translate } from "../../../shared/i18n";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** The bases of the keys that come in pairs, `base.one` and `base.other`, for counted phrases. */
export type CountKey = {
  [K in MessageKey]: K extends `${infer Base}.one`
    ? `${Base}.other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];

export interface I18n {
  /** The catalog's language. */
  language: Locale;
  /** The full tag, for Intl: "fr-CA", "en-US". */
  tag: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A string of the shared catalogs (status names, roles, problems). */
  shared(key: SharedKey, params?: Record<string, string>): string;
  /** A counted phrase: `base.one` or `base.other` by the language's plural rules (French: 0 and 1 are
   *  singular), with `{count}` and the other params filled in. */
  count(base: CountKey, count: number, params?: Record<string, string | number>): string;
  money(amount: string, currency: string): string;
  /** A rate as a decimal string ("0.09975") as a percentage ("9.975 %", "9,975 %"). */
  percent(rate: string): string;
  /** "2026-11-21" as a long date, read as a calendar date (no time zone shift). */
  date(isoDate: string): string;
  /** The same, short: "Nov 21, 2026", "21 nov. 2026". */
  shortDate(isoDate: string): string;
  /** An instant in the store's time zone. */
  dateTime(epochMs: number, timeZone?: string): string;
}

export function createI18n(tag: string): I18n {
  const language = toLocale(tag);
  const catalog = catalogs[language];
  const safeTag = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : language;
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const dateFormat = new Intl.DateTimeFormat(safeTag, { dateStyle: "full", timeZone: "UTC" });
  const shortDateFormat = new Intl.DateTimeFormat(safeTag, { dateStyle: "medium", timeZone: "UTC" });
  const calendarDay = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);
  const plurals = new Intl.PluralRules(safeTag);
  const integers = new Intl.NumberFormat(safeTag, { maximumFractionDigits: 0 });
  const t = (key: MessageKey, params: Record<string, string | number> = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  return {
    language,
    tag: safeTag,
    t,
    shared: (key, params) => translate(language, key, params),
    count: (base, count, params = {}) =>
      t(`${base}.${plurals.select(count) === "one" ? "one" : "other"}` as MessageKey, {
        ...params,
        count: integers.format(count),
      }),
    money(amount, currency) {
      let format = moneyFormats.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(safeTag, { style: "currency", currency });
        moneyFormats.set(currency, format);
      }
      // Intl formats the decimal string exactly: the amount never becomes a float.
      return format.format(amount as Intl.StringNumericLiteral);
    },
    percent: (rate) =>
      new Intl.NumberFormat(safeTag, { style: "percent", maximumFractionDigits: 4 }).format(
        rate as Intl.StringNumericLiteral,
      ),
    date: (isoDate) => dateFormat.format(calendarDay(isoDate)),
    shortDate: (isoDate) => shortDateFormat.format(calendarDay(isoDate)),
    dateTime: (epochMs, timeZone) =>
      new Intl.DateTimeFormat(safeTag, { dateStyle: "medium", timeStyle: "short", timeZone }).format(epochMs),
  };
}

/** Whether the catalogs have this key (every language has every key of en.ts). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

const I18nContext = createContext<I18n>(createI18n("en"));

export function I18nProvider({ i18n, children }: { i18n: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type PolarisTranslations = AppProviderProps["i18n"];

/** Polaris' own strings for the language, loaded with the app's. */
export async function polarisTranslations(language: Locale): Promise<PolarisTranslations> {
  const module =
    language === "fr"
      ? await import("@shopify/polaris/locales/fr.json")
      : await import("@shopify/polaris/locales/en.json");
  return module.default;
}
