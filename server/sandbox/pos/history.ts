// A sandbox merchant's history as the API and the back office see it at a given moment: the 120 business
// dates before "today" in each shop's time zone (closed), today up to now (registers open until closed
// in the back office), nothing outside. Voids, closes and new locations from the sandbox state apply on
// top of the generated days.
import { Decimal as D } from "../../../shared/money";
import { lightspeedTime } from "../../pos/lightspeed/zonedTime";
import { addDays, localDate } from "../../../shared/time";
import { type Catalog, catalogOf, provinceByCode } from "./catalog";
import { countRecord, type GeneratedDay, generateDay, type ShopSetup } from "./merchant";
import type {
  OrderRecord,
  RegisterCountRecord,
  RegisterWithdrawRecord,
  SaleRecord,
  WireRecord,
} from "./records";
import type { SandboxMerchant } from "./roster";
import { closeKey, type PosSandboxState } from "./store";

const HISTORY_DAYS = 120;
/** Generated days kept in memory; a day is pure, so this only saves work. */
const CACHE_SIZE = 2_000;

export interface DaySession {
  registerID: string;
  openTime: number;
  closeTime?: number;
}

export interface DayView {
  sales: SaleRecord[];
  withdraws: RegisterWithdrawRecord[];
  counts: RegisterCountRecord[];
  orders: OrderRecord[];
  sessions: DaySession[];
}

export interface MerchantHistory {
  catalog(merchant: SandboxMerchant): Catalog;
  shops(merchant: SandboxMerchant, state: PosSandboxState): ShopSetup[];
  /** The shop's business date at `now`. */
  today(shop: ShopSetup, now: number): string;
  /** The first date with sales at `now`. */
  firstDate(shop: ShopSetup, now: number): string;
  day(
    merchant: SandboxMerchant,
    shop: ShopSetup,
    date: string,
    state: PosSandboxState,
    now: number,
  ): DayView | undefined;
  findSale(
    merchant: SandboxMerchant,
    saleID: string,
    state: PosSandboxState,
    now: number,
  ): { shop: ShopSetup; date: string; sale: SaleRecord } | undefined;
  /** Register resources of a shop: open while today's session runs. */
  registers(merchant: SandboxMerchant, shop: ShopSetup, state: PosSandboxState, now: number): WireRecord[];
}

export function createMerchantHistory(): MerchantHistory {
  const cache = new Map<string, GeneratedDay>();

  function catalog(merchant: SandboxMerchant): Catalog {
    const found = catalogOf(merchant.accountID);
    if (!found) throw new Error(`no sandbox catalog for account ${merchant.accountID}`);
    return found;
  }

  function generated(merchant: SandboxMerchant, shop: ShopSetup, date: string): GeneratedDay {
    const key = `${merchant.accountID}|${shop.shopID}|${shop.province.code}|${date}`;
    let day = cache.get(key);
    if (!day) {
      day = generateDay(merchant.accountID, catalog(merchant), shop, date);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, day);
    }
    return day;
  }

  const today = (shop: ShopSetup, now: number) => localDate(now, shop.timeZone);
  const firstDate = (shop: ShopSetup, now: number) => {
    const windowStart = addDays(today(shop, now), -HISTORY_DAYS);
    return shop.firstDate && shop.firstDate > windowStart ? shop.firstDate : windowStart;
  };

  function shops(merchant: SandboxMerchant, state: PosSandboxState): ShopSetup[] {
    const { shopProvinces } = catalog(merchant);
    const roster = merchant.shops.map((shop) => ({
      ...shop,
      province: provinceOrThrow(shopProvinces[shop.shopID] ?? ""),
    }));
    const opened = state.locations.map((location) => ({
      shopID: location.shopID,
      name: location.name,
      timeZone: provinceOrThrow(location.province).timeZone,
      currency: merchant.shops[0]?.currency ?? "CAD",
      province: provinceOrThrow(location.province),
      registers: location.registers,
      firstDate: location.firstDate,
    }));
    return [...roster, ...opened];
  }

  function day(
    merchant: SandboxMerchant,
    shop: ShopSetup,
    date: string,
    state: PosSandboxState,
    now: number,
  ): DayView | undefined {
    const current = today(shop, now);
    if (date < firstDate(shop, now) || date > current) return undefined;
    const full = generated(merchant, shop, date);
    const voided = (sale: SaleRecord): SaleRecord => {
      const at = state.voids[sale.saleID];
      if (at === undefined) return sale;
      const time = lightspeedTime(at);
      return { ...sale, voided: "true", updatetime: time, timeStamp: time };
    };
    if (date < current)
      return {
        sales: full.sales.map(voided),
        withdraws: full.withdraws,
        counts: full.counts,
        orders: full.orders,
        sessions: full.sessions,
      };

    // Today: what has happened by now, each register until it was closed.
    const sessions: DaySession[] = full.sessions
      .filter((session) => session.openTime <= now)
      .map((session) => {
        const close = state.closes[closeKey(date, session.registerID)];
        return {
          registerID: session.registerID,
          openTime: session.openTime,
          ...(close && { closeTime: close.closeTime }),
        };
      });
    const until = (registerID: string) =>
      Math.min(now, sessions.find((s) => s.registerID === registerID)?.closeTime ?? now);
    const sales = full.sales
      .filter((sale) => Date.parse(sale.completeTime) <= until(sale.registerID))
      .map(voided);
    const withdraws = full.withdraws.filter(
      (withdraw) => Date.parse(withdraw.createTime) <= until(withdraw.registerID),
    );
    const counts = sessions.flatMap((session) => {
      const close = state.closes[closeKey(date, session.registerID)];
      if (!close) return [];
      const closed = {
        registerID: session.registerID,
        openTime: session.openTime,
        closeTime: close.closeTime,
      };
      return [countRecord(closed, date, sales, withdraws, () => new D(close.counted))];
    });
    const orders = full.orders.filter((order) => Date.parse(order.receivedDate) <= now);
    return { sales, withdraws, counts, orders, sessions };
  }

  return {
    catalog,
    shops,
    today,
    firstDate,
    day,

    findSale(merchant, saleID, state, now) {
      // saleID = shopID + YYYYMMDD + a 3-digit sequence (merchant.ts).
      const match = /^(\d+)(\d{4})(\d{2})(\d{2})\d{3}$/.exec(saleID);
      if (!match) return undefined;
      const [, shopID, year, month, dayOfMonth] = match;
      const date = `${year}-${month}-${dayOfMonth}`;
      const shop = shops(merchant, state).find((candidate) => candidate.shopID === shopID);
      const view = shop && day(merchant, shop, date, state, now);
      const sale = view?.sales.find((candidate) => candidate.saleID === saleID);
      return shop && sale ? { shop, date, sale } : undefined;
    },

    registers(merchant, shop, state, now) {
      const current = today(shop, now);
      const todays = day(merchant, shop, current, state, now)?.sessions ?? [];
      const yesterdays = day(merchant, shop, addDays(current, -1), state, now)?.sessions ?? [];
      return shop.registers.map((register) => {
        const session = todays.find((s) => s.registerID === register.registerID);
        const last = session ?? yesterdays.find((s) => s.registerID === register.registerID);
        const open = session !== undefined && session.closeTime === undefined;
        return {
          registerID: register.registerID,
          name: register.name,
          open: open ? "true" : "false",
          openTime: last ? lightspeedTime(last.openTime) : "",
          archived: "false",
          tipEnabled: "true",
          openEmployeeID: last ? "1" : "0",
          shopID: shop.shopID,
          ccTerminalID: "0",
        };
      });
    },
  };
}

function provinceOrThrow(code: string) {
  const province = provinceByCode(code);
  if (!province) throw new Error(`unknown sandbox province ${code}`);
  return province;
}
