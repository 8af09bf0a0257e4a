// The POS as the server's services see it. The Lightspeed adapter (server/pos/lightspeed/) speaks
// the Lightspeed Retail API; the sandbox POS answers in the same shapes.
import { type CatalogKind, type CatalogPage, POS_SOURCES, type PosSource } from "../../shared/api";
import type { PosDay } from "../../shared/schemas/posDay";

/** What a load reads from the POS (the scheduler's data sources: shared/api.ts). */
export const SOURCES = POS_SOURCES;
export type Source = PosSource;

export interface PosAccountInfo {
  posAccountId: string;
  name: string;
}

export interface PosShop {
  posShopId: string;
  name: string;
  timezone: string;
  currency: string;
}

export interface PosRegister {
  posRegisterId: string;
  name: string;
  open: boolean;
}

export interface PosClient {
  account(): Promise<PosAccountInfo>;
  shops(): Promise<PosShop[]>;
  shop(posShopId: string): Promise<PosShop | undefined>;
  registers(posShopId: string): Promise<PosRegister[]>;
  /** The shop's business date (store-local) as PosDay v1, built from the requested sources. */
  day(shop: PosShop, salesDate: string, sources: readonly Source[]): Promise<PosDay>;
  /** The shop's business dates `from`..`to` (inclusive, at most 62 days) as PosDays, one per date in date order,
   *  each exactly what `day()` gives for that date, read with as few requests as the API allows. Throws
   *  PosDataError when `from` is after `to` or the range is longer. */
  days(shop: PosShop, from: string, to: string, sources: readonly Source[]): Promise<PosDay[]>;
  /** What the mapping screens map, with the ids the PosDay uses. Categories, discounts, taxes and payment
   *  types come whole, without archived records, those whose name contains `search` (ignoring case), by
   *  name. Items come a page at a time (`limit`, 50 by default, at most 100), by name, those whose name
   *  contains `search`; `after` is the previous page's `next`, asked with the same `search`. */
  catalog(
    kind: CatalogKind,
    options?: { search?: string; after?: string; limit?: number },
  ): Promise<CatalogPage>;
  /** Subscribes `url` to `topic`; subscribing twice to the same pair changes nothing. */
  subscribeWebhook(topic: string, url: string): Promise<void>;
}

/** How an adapter obtains and renews the account's access token (server/auth/posTokens.ts). */
export interface PosCredentials {
  /** A valid access token, refreshed first when it is about to expire. */
  accessToken(): Promise<string>;
  /** Forces a refresh after the POS answered 401; throws PosAuthError when the refresh is refused. */
  refresh(): Promise<string>;
  /** The POS refused the connection for good: mark it `reconnect_required`. */
  revoke(reason: string): Promise<void>;
}

/** The connection must be re-authorized by the merchant; retrying will not help. */
export class PosAuthError extends Error {
  override name = "PosAuthError";
}

/** The POS asked us to slow down (429) or is unavailable (5xx, timeout) after our own retries. */
export class PosUnavailableError extends Error {
  override name = "PosUnavailableError";
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The POS answered with data we cannot read (names what was wrong). */
export class PosDataError extends Error {
  override name = "PosDataError";
}
