// What a person does in the sandbox back office: void a sale, close a register, open a new location,
// uninstall the app. Each change is persisted (sandbox state) and then announced with a signed webhook
// to every URL of the account subscribed to its topic.
import { Decimal as D, DECIMAL_PATTERN, scaleOf } from "../../../shared/money";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import { lightspeedTime } from "../../pos/lightspeed/zonedTime";
import { addDays, localDate } from "../../../shared/time";
import { PAYMENT, provinceByCode } from "./catalog";
import type { MerchantHistory } from "./history";
import { countRecord } from "./merchant";
import { merchantById, type SandboxMerchant } from "./roster";
import {
  closeKey,
  dropWebhookSubscriptions,
  readPosState,
  webhookSubscriptions,
  writePosState,
} from "./store";
import type { WebhookSender, WebhookTopic } from "./webhookSender";

/** A back-office action that cannot be done; the message says why. */
export class SandboxActionError extends Error {
  override name = "SandboxActionError";
}

export interface SandboxMutations {
  voidSale(accountID: string, saleID: string): Promise<void>;
  /** Closes today's session of the register; `counted` cash defaults to the expected cash. */
  closeRegister(accountID: string, shopID: string, registerID: string, counted?: string): Promise<void>;
  /** A new shop with one register; its sales begin the next business day. */
  openLocation(accountID: string, input: { name: string; province: string }): Promise<{ shopID: string }>;
  uninstall(accountID: string): Promise<void>;
}

export interface SandboxMutationsOptions {
  db: Db;
  clock: Clock;
  history: MerchantHistory;
  sender: WebhookSender;
  /** Called after an uninstall, to revoke the app's tokens (the sandbox OAuth server's job). */
  onUninstall?: (accountID: string) => Promise<void>;
}

export function createSandboxMutations(options: SandboxMutationsOptions): SandboxMutations {
  const { db, clock, history, sender } = options;

  function merchantOf(accountID: string): SandboxMerchant {
    const merchant = merchantById(accountID);
    if (!merchant) throw new SandboxActionError(`there is no sandbox merchant ${accountID}`);
    return merchant;
  }

  async function announce(
    accountID: string,
    topic: WebhookTopic,
    data: Record<string, unknown>,
  ): Promise<void> {
    const urls = (await webhookSubscriptions(db, accountID))
      .filter((s) => s.topic === topic)
      .map((s) => s.url);
    sender.send(accountID, topic, data, urls);
  }

  return {
    async voidSale(accountID, saleID) {
      const merchant = merchantOf(accountID);
      const now = clock();
      const state = await readPosState(db, accountID);
      const found = history.findSale(merchant, saleID, state, now);
      if (!found) throw new SandboxActionError(`there is no sale ${saleID}`);
      if (found.sale.voided === "true") throw new SandboxActionError(`sale ${saleID} is already voided`);
      state.voids[saleID] = now;
      await writePosState(db, accountID, state);
      await announce(accountID, "sale.voided", {
        shopID: found.shop.shopID,
        saleID,
        completeTime: found.sale.completeTime,
        voidedAt: lightspeedTime(now),
      });
    },

    async closeRegister(accountID, shopID, registerID, counted) {
      const merchant = merchantOf(accountID);
      const now = clock();
      const state = await readPosState(db, accountID);
      const shop = history.shops(merchant, state).find((candidate) => candidate.shopID === shopID);
      if (!shop) throw new SandboxActionError(`there is no shop ${shopID}`);
      const date = history.today(shop, now);
      const view = history.day(merchant, shop, date, state, now);
      const session = view?.sessions.find((candidate) => candidate.registerID === registerID);
      if (!view || !session || session.closeTime !== undefined)
        throw new SandboxActionError(`register ${registerID} of shop ${shopID} is not open`);
      if (counted !== undefined && (!DECIMAL_PATTERN.test(counted) || scaleOf(counted) > 2))
        throw new SandboxActionError(`the counted cash must be an amount like 412.50, not "${counted}"`);

      const closing = { registerID, openTime: session.openTime, closeTime: now };
      const expected = countRecord(
        closing,
        date,
        view.sales,
        view.withdraws,
        (cash) => cash,
      ).RegisterCountAmounts.find((amount) => amount.paymentTypeID === PAYMENT.cash)?.calculated;
      state.closes[closeKey(date, registerID)] = {
        closeTime: now,
        counted: new D(counted ?? expected ?? "0").toFixed(2),
      };
      await writePosState(db, accountID, state);
      await announce(accountID, "register.closed", {
        shopID,
        registerID,
        registerCountID: `${registerID}${date.replaceAll("-", "")}`,
        openTime: lightspeedTime(session.openTime),
        closeTime: lightspeedTime(now),
      });
    },

    async openLocation(accountID, input) {
      const merchant = merchantOf(accountID);
      const province = provinceByCode(input.province);
      if (!province) throw new SandboxActionError(`there is no province ${input.province} in the sandbox`);
      const name = input.name.trim();
      if (!name || name.length > 80)
        throw new SandboxActionError("a location needs a name of 1 to 80 characters");
      const now = clock();
      const state = await readPosState(db, accountID);
      const shops = history.shops(merchant, state);
      const shopID = String(Math.max(0, ...shops.map((shop) => Number(shop.shopID))) + 1);
      const registerID = String(
        Math.max(
          0,
          ...shops.flatMap((shop) => shop.registers.map((register) => Number(register.registerID))),
        ) + 1,
      );
      state.locations.push({
        shopID,
        name,
        province: province.code,
        registers: [{ registerID, name: "Register 1" }],
        openedAt: now,
        firstDate: addDays(localDate(now, province.timeZone), 1),
      });
      await writePosState(db, accountID, state);
      await announce(accountID, "store.created", { shopID });
      return { shopID };
    },

    async uninstall(accountID) {
      merchantOf(accountID);
      await announce(accountID, "app.uninstalled", {});
      await dropWebhookSubscriptions(db, accountID);
      await options.onUninstall?.(accountID);
    },
  };
}
