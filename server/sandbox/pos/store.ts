// What the sandbox POS must remember across restarts (sandbox_state, as JSON by key): what people did in
// the back office (voids, register closes, new locations) and the apps' webhook subscriptions.
import type { Db } from "../../db/client";
import { readState, writeState } from "../state";
import type { Province } from "./catalog";

export interface OpenedLocation {
  shopID: string;
  name: string;
  province: Province["code"];
  registers: { registerID: string; name: string }[];
  openedAt: number;
  /** Its first business date: the day after it opened. */
  firstDate: string;
}

export interface RegisterClose {
  closeTime: number;
  counted: string;
}

export interface PosSandboxState {
  /** Voided sales: saleID -> when. */
  voids: Record<string, number>;
  /** Registers closed in the back office, by `${date}|${registerID}`. */
  closes: Record<string, RegisterClose>;
  locations: OpenedLocation[];
}

const stateKey = (accountID: string) => `pos:${accountID}`;
const webhooksKey = (accountID: string) => `pos:webhooks:${accountID}`;

export const closeKey = (date: string, registerID: string) => `${date}|${registerID}`;

export function readPosState(db: Db, accountID: string): Promise<PosSandboxState> {
  return readState<PosSandboxState>(db, stateKey(accountID), { voids: {}, closes: {}, locations: [] });
}

export function writePosState(db: Db, accountID: string, state: PosSandboxState): Promise<void> {
  return writeState(db, stateKey(accountID), state);
}

export interface WebhookSubscription {
  webhookID: string;
  topic: string;
  url: string;
  createTime: string;
}

export function webhookSubscriptions(db: Db, accountID: string): Promise<WebhookSubscription[]> {
  return readState<WebhookSubscription[]>(db, webhooksKey(accountID), []);
}

/** Subscribes `url` to `topic`; the same pair twice keeps the first subscription. */
export async function subscribeWebhook(
  db: Db,
  accountID: string,
  topic: string,
  url: string,
  createTime: string,
): Promise<{ subscription: WebhookSubscription; created: boolean }> {
  const subscriptions = await webhookSubscriptions(db, accountID);
  const existing = subscriptions.find((s) => s.topic === topic && s.url === url);
  if (existing) return { subscription: existing, created: false };
  const nextId = subscriptions.reduce((max, s) => Math.max(max, Number(s.webhookID)), 0) + 1;
  const subscription = { webhookID: String(nextId), topic, url, createTime };
  await writeState(db, webhooksKey(accountID), [...subscriptions, subscription]);
  return { subscription, created: true };
}

/** An uninstalled app hears nothing more from the account. */
export function dropWebhookSubscriptions(db: Db, accountID: string): Promise<void> {
  return writeState<WebhookSubscription[]>(db, webhooksKey(accountID), []);
}
