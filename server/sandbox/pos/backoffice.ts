// The sandbox POS back office (GET /sandbox/pos/backoffice): plain server-rendered HTML where a person
// picks a merchant, sees its shops, registers and recent sales, and does what changes the POS (void a
// sale, close a register, open a location, install or uninstall Daybook, order faults). Every form posts
// to a route here that acts and redirects back with a notice (to the day view when the form came from it:
// backofficeDay.ts, which also frames Daybook as the POS does).
import { Hono } from "hono";
import { html, raw } from "hono/html";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import type { Markup } from "../../pages/document";
import { addDays } from "../../../shared/time";
import { FAULT_KINDS, FaultOrderInput, type SandboxFaults } from "../faults";
import { SANDBOX_COMPANIES } from "../qbo/companies";
import { SANDBOX_ORGANISATIONS } from "../xero/organisations";
import {
  DAY_VIEW_PATH,
  MAPPING_SETTINGS_PATH,
  SALES_TOTALS_PATH,
  SCHEDULER_SETTINGS_PATH,
} from "./backofficeDay";
import { BACK_OFFICE_STYLE } from "./backofficeStyle";
import { type ActionForms, registersTable, salesTable } from "./backofficeTables";
import { PROVINCES } from "./catalog";
import type { MerchantHistory } from "./history";
import type { ShopSetup } from "./merchant";
import { SandboxActionError, type SandboxMutations } from "./mutations";
import type { SandboxBuckets } from "./rateLimit";
import type { SaleRecord } from "./records";
import { merchantById, SANDBOX_MERCHANTS, type SandboxMerchant } from "./roster";
import { type PosSandboxState, readPosState, webhookSubscriptions } from "./store";
import type { WebhookSender } from "./webhookSender";

export interface BackOfficeOptions {
  db: Db;
  clock: Clock;
  appUrl: string;
  history: MerchantHistory;
  mutations: SandboxMutations;
  faults: SandboxFaults;
  buckets: SandboxBuckets;
  sender: WebhookSender;
}

/** Sales listed per shop: the most recent of today and the two days before. */
const SALES_SHOWN = 12;

export function createBackOffice(options: BackOfficeOptions): Hono {
  const { db, clock, history, mutations, faults, buckets, sender } = options;
  const app = new Hono();

  app.get("/backoffice", async (c) => {
    const merchant = merchantById(c.req.query("account") ?? "") ?? SANDBOX_MERCHANTS[0]!;
    const base = c.req.path.replace(/\/backoffice$/, "");
    const state = await readPosState(db, merchant.accountID);
    const subscriptions = await webhookSubscriptions(db, merchant.accountID);
    const now = clock();
    const action = (name: string) => `${base}/backoffice/${name}`;
    const hidden = html`<input type="hidden" name="account" value="${merchant.accountID}" />`;
    const notice = c.req.query("notice");
    const error = c.req.query("error");
    const deliveries = sender
      .deliveries()
      .filter((delivery) => delivery.envelope.accountId === merchant.accountID)
      .slice(-10)
      .reverse();

    const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sandbox POS back office: ${merchant.name}</title>
<style>${raw(BACK_OFFICE_STYLE)}</style></head>
<body>
<header><h1>Sandbox POS back office</h1>
${SANDBOX_MERCHANTS.map((m) =>
  m.accountID === merchant.accountID
    ? html`<strong>${m.name}</strong>`
    : html`<a href="${base}/backoffice?account=${m.accountID}">${m.name}</a>`,
)}
<a href="${base}${SALES_TOTALS_PATH}?account=${merchant.accountID}">Sales totals</a>
<a href="${base}${MAPPING_SETTINGS_PATH}?account=${merchant.accountID}">Accounting mapping</a>
<a href="${base}${SCHEDULER_SETTINGS_PATH}?account=${merchant.accountID}">POS Load Scheduler</a>
</header>
<main>
${notice ? html`<section class="notice">${notice}</section>` : ""}
${error ? html`<section class="error">${error}</section>` : ""}
<section><h2>Apps</h2>
<p><a href="${options.appUrl}/install?account=${merchant.accountID}">Install Daybook</a>
<form class="inline" method="post" action="${action("uninstall")}">${hidden}<button>Uninstall Daybook</button></form></p>
<p>Books in the sandbox ledgers: ${SANDBOX_COMPANIES.map(
      (company) =>
        html`<a href="/sandbox/qbo/books?realmId=${company.realmId}">${company.name} (QuickBooks)</a> · `,
    )}${SANDBOX_ORGANISATIONS.map(
      (organisation) =>
        html`<a href="/sandbox/xero/books?tenantId=${organisation.tenantId}">${organisation.name} (Xero)</a>
          · `,
    )}</p>
<p>Emails Daybook sent: <a href="/sandbox/mail/outbox">Sandbox outbox</a></p>
<h3>Webhook subscriptions</h3>
${
  subscriptions.length === 0
    ? html`<p class="muted">None: no app listens to this account.</p>`
    : html`<table>
        <tr>
          <th>Topic</th>
          <th>URL</th>
          <th>Since</th>
        </tr>
        ${subscriptions.map(
          (s) =>
            html`<tr>
              <td>${s.topic}</td>
              <td>${s.url}</td>
              <td>${s.createTime}</td>
            </tr>`,
        )}
      </table>`
}
${
  deliveries.length === 0
    ? ""
    : html`<h3>Recent deliveries</h3>
        <table>
          <tr>
            <th>Topic</th>
            <th>URL</th>
            <th>Attempts</th>
            <th>Delivered</th>
          </tr>
          ${deliveries.map(
            (d) =>
              html`<tr>
                <td>${d.envelope.topic}</td>
                <td>${d.url}</td>
                <td>${d.attempts.join(", ")}</td>
                <td>${d.delivered ? "yes" : "no"}</td>
              </tr>`,
          )}
        </table>`
}
</section>
${history
  .shops(merchant, state)
  .map((shop) =>
    shopSection(history, merchant, shop, state, now, { action, hidden }, `${base}${DAY_VIEW_PATH}`),
  )}
<section><h2>Open a new location</h2>
<form method="post" action="${action("open-location")}">${hidden}
<label>Name <input name="name" required maxlength="80"></label>
<label>Province <select name="province">${PROVINCES.map(
      (p) => html`<option value="${p.code}">${p.name} (${p.timeZone})</option>`,
    )}</select></label>
<button>Open location</button> <span class="muted">Its sales begin the next business day.</span></form>
</section>
<section><h2>Fault orders</h2>
<form method="post" action="${action("fault")}">${hidden}<input type="hidden" name="target" value="pos">
Answer the next <input name="count" type="number" min="1" max="1000" value="1" style="width:5em"> API calls with
<select name="fault">${FAULT_KINDS.map((kind) => html`<option>${kind}</option>`)}</select>
(delay <input name="delayMs" type="number" min="0" max="600000" placeholder="ms" style="width:7em">)
<button>Order</button></form>
<p><a href="/sandbox/faults">Pending fault orders (JSON)</a>: ${
      faults
        .pending()
        .map((f) => `${f.target} ${f.fault} × ${f.remaining}`)
        .join(", ") || "none"
    }</p>
<h3>Rate limit</h3>
<form method="post" action="${base}/settings">${hidden}
Drip rate <input name="dripRate" type="number" step="0.1" min="0.1" value="${buckets.dripRate() ?? ""}" placeholder="per register" style="width:8em"> drips/s
<button>Save</button></form>
</section>
</main></body></html>`;
    return c.html(page);
  });

  /** Runs a back-office action and returns to the page with what happened. */
  const act = (name: string, run: (form: Record<string, string>) => Promise<string>) =>
    app.post(`/backoffice/${name}`, async (c) => {
      const form = Object.fromEntries(
        Object.entries(await c.req.parseBody()).filter(
          (entry): entry is [string, string] => typeof entry[1] === "string",
        ),
      );
      const back = `${c.req.path.replace(/\/backoffice\/[^/]+$/, "")}/backoffice${returnPath(form)}`;
      try {
        return c.redirect(`${back}&notice=${encodeURIComponent(await run(form))}`, 303);
      } catch (error) {
        if (error instanceof SandboxActionError)
          return c.redirect(`${back}&error=${encodeURIComponent(error.message)}`, 303);
        throw error;
      }
    });

  act("void", async (form) => {
    await mutations.voidSale(form.account ?? "", form.saleID ?? "");
    return `Sale ${form.saleID} voided.`;
  });
  act("close-register", async (form) => {
    const counted = form.counted?.trim() || undefined;
    await mutations.closeRegister(form.account ?? "", form.shopID ?? "", form.registerID ?? "", counted);
    return `Register ${form.registerID} closed.`;
  });
  act("open-location", async (form) => {
    const { shopID } = await mutations.openLocation(form.account ?? "", {
      name: form.name ?? "",
      province: form.province ?? "",
    });
    return `Location ${form.name} opened as shop ${shopID}.`;
  });
  act("uninstall", async (form) => {
    await mutations.uninstall(form.account ?? "");
    return "Daybook uninstalled.";
  });
  act("fault", async (form) => {
    const parsed = FaultOrderInput.safeParse({ ...form, delayMs: form.delayMs || undefined });
    if (!parsed.success)
      throw new SandboxActionError(`invalid fault order: ${parsed.error.issues[0]?.message}`);
    const order = faults.order(parsed.data);
    return `The next ${order.count} ${order.target} calls answer ${order.fault}.`;
  });
  return app;
}

/** Where an action returns, under the back office: the page the form names in `back` (the day view,
 *  `day?account=…`), or the main page of the account. Only those query-only paths, so never elsewhere. */
function returnPath(form: Record<string, string>): string {
  const back = form.back ?? "";
  if (/^day\?[\w.~%+=&-]*$/.test(back)) return `/${back}`;
  return `?account=${encodeURIComponent(form.account ?? "")}`;
}

function shopSection(
  history: MerchantHistory,
  merchant: SandboxMerchant,
  shop: ShopSetup,
  state: PosSandboxState,
  now: number,
  forms: ActionForms,
  dayView: string,
): Markup {
  const today = history.today(shop, now);
  const sessions = history.day(merchant, shop, today, state, now)?.sessions ?? [];
  return html`<section>
    <h2>${shop.name}</h2>
    <p class="muted">
      Shop ${shop.shopID} · ${shop.province.name} · ${shop.timeZone} ·
      ${shop.currency}${shop.firstDate ? ` · sales from ${shop.firstDate}` : ""} ·
      <a href="${dayView}?account=${merchant.accountID}&shop=${shop.shopID}">Open day view</a>
    </p>
    <h3>Registers today (${today})</h3>
    ${registersTable({ shop, sessions, forms, closable: true })}
    <h3>Recent sales</h3>
    ${salesTable({ shop, rows: recentSales(history, merchant, shop, state, now), forms, empty: "No sales yet." })}
  </section>`;
}

/** The most recent sales of today and the two days before, newest first. */
function recentSales(
  history: MerchantHistory,
  merchant: SandboxMerchant,
  shop: ShopSetup,
  state: PosSandboxState,
  now: number,
): { sale: SaleRecord; date: string }[] {
  const today = history.today(shop, now);
  const recent: { sale: SaleRecord; date: string }[] = [];
  for (let back = 0; back < 3 && recent.length < SALES_SHOWN; back++) {
    const date = addDays(today, -back);
    const sales = history.day(merchant, shop, date, state, now)?.sales ?? [];
    for (const sale of [...sales].reverse().slice(0, SALES_SHOWN - recent.length))
      recent.push({ sale, date });
  }
  return recent;
}
