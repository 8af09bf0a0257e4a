// The sandbox POS back office's day view and reports, where the POS embeds Daybook exactly as a real one
// would (DESIGN §7, §8):
//   GET /backoffice/day?account&shop&date&employee&tab=sales|accounting: a store's business day, with the
//     day's sales (void) and registers (close, today only) on Sales, and Daybook's day.tab extension
//     (`/app/day/{storeId}/{date}`) framed on Accounting;
//   GET /backoffice/reports/sales-totals?account&employee: Daybook's sales totals (`/app/days`) framed;
//   GET /backoffice/settings/accounting-mapping?account&employee: Daybook's mapping (`/app/mapping`) framed;
//   GET /backoffice/settings/pos-load-scheduler?account&employee: Daybook's POS Load Scheduler
//     (`/app/scheduler`) framed.
// The frame opens with `?id_token=` minted here for the employee the user switcher selects; afterwards the
// page answers the frame's token requests (shared/embed.ts), only for messages from the
// app's origin and from that frame, and only ever posts to the app's origin.
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { Decimal as D, sum } from "../../../shared/money";
import { ID_TOKEN_PARAM } from "../../../shared/embed";
import type { Clock } from "../../clock";
import type { Db } from "../../db/client";
import type { Role } from "../../db/schema";
import { htmlDocument } from "../../pages/document";
import { addDays } from "../../../shared/time";
import { BACK_OFFICE_STYLE } from "./backofficeStyle";
import { type ActionForms, registersTable, salesTable } from "./backofficeTables";
import type { MerchantHistory } from "./history";
import type { ShopSetup } from "./merchant";
import { merchantById, SANDBOX_MERCHANTS, type SandboxEmployee, type SandboxMerchant } from "./roster";
import { mintSandboxSessionToken, type SandboxSessionTokenOptions } from "./sessionTokens";
import { type PosSandboxState, readPosState, webhookSubscriptions } from "./store";

export interface BackOfficeDayOptions {
  db: Db;
  clock: Clock;
  /** Daybook's URL: the frames' source and, by its origin, the only partner of postMessage. */
  appUrl: string;
  history: MerchantHistory;
  /** What mints the frames' first session token (the same as POST /session-token). */
  sessionTokens: SandboxSessionTokenOptions;
}

type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

export const DAY_VIEW_PATH = "/backoffice/day";
export const SALES_TOTALS_PATH = "/backoffice/reports/sales-totals";
export const MAPPING_SETTINGS_PATH = "/backoffice/settings/accounting-mapping";
export const SCHEDULER_SETTINGS_PATH = "/backoffice/settings/pos-load-scheduler";

const FRAMED_PAGES = [
  {
    path: SALES_TOTALS_PATH,
    title: "Reports › Sales totals",
    frameTitle: "Daybook — Sales totals",
    app: "/app/days",
  },
  {
    path: MAPPING_SETTINGS_PATH,
    title: "Settings › Accounting mapping",
    frameTitle: "Daybook — Mapping",
    app: "/app/mapping",
  },
  {
    path: SCHEDULER_SETTINGS_PATH,
    title: "Settings › POS Load Scheduler",
    frameTitle: "Daybook — POS Load Scheduler",
    app: "/app/scheduler",
  },
];
const TABS = ["accounting", "sales"] as const;
type Tab = (typeof TABS)[number];

/** The frame fills the window below the back office's header; the extension scrolls inside it. */
const FRAME_STYLE = "height:calc(100vh - 180px);min-height:480px";

const ROLE_LABELS: Record<Role, string> = {
  super_user: "super user",
  manager: "manager",
  cashier: "cashier",
};
const LANGUAGES: Record<string, string> = { en: "English", fr: "français" };

export const employeeLabel = (employee: SandboxEmployee) =>
  `${employee.name} — ${ROLE_LABELS[employee.role]} — ${LANGUAGES[employee.locale.slice(0, 2)] ?? employee.locale}`;

const DAY_STYLE = `
header form{display:flex;gap:8px;align-items:center;margin-left:auto} header select{max-width:22em}
nav.crumbs{font-size:13px;color:#cfe3ff} .toolbar{display:flex;gap:16px;align-items:center;flex-wrap:wrap}
.tabs{display:flex;gap:4px;border-bottom:1px solid #dfe3e8;margin:0 0 16px}
.tabs a{padding:8px 16px;text-decoration:none;color:#202223;border-bottom:3px solid transparent}
.tabs a[aria-current=page]{border-bottom-color:#2c6ecb;font-weight:600}
iframe.extension{display:block;width:100%;border:0;background:#fff}
section.extension{padding:0;overflow:hidden}
`;

/** A request that names something that does not exist (404) or is malformed (400); the message says which. */
class ViewError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The calendar date, when `text` is one as YYYY-MM-DD. */
function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** A value for an inline script: JSON that cannot end the script nor open a comment or a tag. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

interface Selection {
  merchant: SandboxMerchant;
  employee: SandboxEmployee;
  state: PosSandboxState;
  installed: boolean;
}

export function createBackOfficeDay(options: BackOfficeDayOptions): Hono {
  const { db, clock, history } = options;
  const appUrl = options.appUrl.replace(/\/+$/, "");
  const appOrigin = new URL(appUrl).origin;
  const app = new Hono();

  /** The account and employee of the query (or the first merchant and its first super user). */
  async function select(c: Context): Promise<Selection> {
    const accountID = c.req.query("account");
    const merchant = accountID === undefined ? SANDBOX_MERCHANTS[0]! : merchantById(accountID);
    if (!merchant) throw new ViewError(404, `Unknown account: "${accountID}" is not a sandbox POS account.`);
    const employeeID = c.req.query("employee");
    const employee =
      employeeID === undefined
        ? (merchant.employees.find((e) => e.role === "super_user") ?? merchant.employees[0]!)
        : merchant.employees.find((e) => e.employeeID === employeeID);
    if (!employee)
      throw new ViewError(404, `Unknown employee: "${employeeID}" is not an employee of ${merchant.name}.`);
    const state = await readPosState(db, merchant.accountID);
    const installed = (await webhookSubscriptions(db, merchant.accountID)).length > 0;
    return { merchant, employee, state, installed };
  }

  /** The back office's mount path, from this request's path and the route's own. */
  const baseOf = (c: Context, route: string) => c.req.path.slice(0, c.req.path.length - route.length);

  function refused(c: Context, base: string, error: unknown) {
    if (!(error instanceof ViewError)) throw error;
    const title = error.status === 404 ? "Not found" : "Bad request";
    return c.html(
      htmlDocument({
        lang: "en",
        title: `${title} · Sandbox POS back office`,
        style: BACK_OFFICE_STYLE,
        body: html`<header><h1>Sandbox POS back office</h1></header>
          <main>
            <section class="error">
              <h2>${title}</h2>
              <p>${error.message}</p>
              <p><a href="${base}/backoffice">Back to the back office</a></p>
            </section>
          </main>`,
      }),
      error.status,
    );
  }

  function header(
    base: string,
    selection: Selection,
    page: { title: string; path: string; keep: Record<string, string> },
  ): Fragment {
    const { merchant, employee } = selection;
    const account = merchant.accountID;
    return html`<header>
      <div>
        <nav class="crumbs">
          <a href="${base}/backoffice?${query({ account })}">Back office</a> ·
          <a href="${base}${DAY_VIEW_PATH}?${query({ account, employee: employee.employeeID })}">Day view</a>
          ${FRAMED_PAGES.map(
            (framed) =>
              html`·
                <a href="${base}${framed.path}?${query({ account, employee: employee.employeeID })}"
                  >${framed.title}</a
                >`,
          )}
        </nav>
        <h1>${merchant.name} · ${page.title}</h1>
      </div>
      ${SANDBOX_MERCHANTS.filter((m) => m.accountID !== account).map(
        (m) => html`<a href="${base}${page.path}?${query({ account: m.accountID })}">${m.name}</a>`,
      )}
      <form method="get" action="${base}${page.path}" id="view">
        ${Object.entries(page.keep).map(
          ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
        )}
        <label for="employee">Signed in as</label>
        <select id="employee" name="employee" onchange="this.form.submit()">
          ${merchant.employees.map(
            (e) =>
              html`<option value="${e.employeeID}" ${e.employeeID === employee.employeeID ? "selected" : ""}>
                ${employeeLabel(e)}
              </option>`,
          )}
        </select>
        <noscript><button>Switch</button></noscript>
      </form>
    </header>`;
  }

  /** The extension's frame and the script that speaks shared/embed.ts with it; "Install" when not installed. */
  async function extensionFrame(
    base: string,
    selection: Selection,
    frame: { title: string; path: string },
  ): Promise<Fragment> {
    const { merchant, employee, installed } = selection;
    if (!installed)
      return html`<section>
        <h2>Daybook</h2>
        <p>Daybook is not installed for ${merchant.name}.</p>
        <p><a href="${appUrl}/install?${query({ account: merchant.accountID })}">Install Daybook</a></p>
      </section>`;
    const { token } = await mintSandboxSessionToken(options.sessionTokens, {
      accountId: merchant.accountID,
      employeeId: employee.employeeID,
    });
    const config = {
      appOrigin,
      tokenUrl: `${base}/session-token`,
      accountId: merchant.accountID,
      employeeId: employee.employeeID,
    };
    return html`<section class="extension">
        <iframe
          id="daybook-frame"
          class="extension"
          title="${frame.title}"
          src="${appUrl}${frame.path}?${ID_TOKEN_PARAM}=${token}"
          style="${FRAME_STYLE}"
        ></iframe>
      </section>
      <script>
        ${raw(embedScript(scriptJson(config)))};
      </script>`;
  }

  app.get(DAY_VIEW_PATH, async (c) => {
    const base = baseOf(c, DAY_VIEW_PATH);
    try {
      const selection = await select(c);
      const { merchant, employee, state } = selection;
      const account = merchant.accountID;
      const shops = history.shops(merchant, state);
      const shopID = c.req.query("shop");
      const shop = shopID === undefined ? shops[0]! : shops.find((s) => s.shopID === shopID);
      if (!shop) throw new ViewError(404, `Unknown shop: "${shopID}" is not a shop of ${merchant.name}.`);
      const now = clock();
      const today = history.today(shop, now);
      const date = c.req.query("date") ?? addDays(today, -1);
      if (!isDate(date))
        throw new ViewError(400, `date must be a calendar date as YYYY-MM-DD, not "${date}".`);
      const tabParam = c.req.query("tab") ?? "accounting";
      if (!(TABS as readonly string[]).includes(tabParam))
        throw new ViewError(400, `tab must be "sales" or "accounting", not "${tabParam}".`);
      const tab = tabParam as Tab;

      const params = { account, shop: shop.shopID, date, employee: employee.employeeID };
      const href = (changes: Partial<typeof params> & { tab?: Tab }) =>
        `${base}${DAY_VIEW_PATH}?${query({ ...params, tab, ...changes })}`;
      const notice = c.req.query("notice");
      const error = c.req.query("error");
      const content =
        tab === "sales"
          ? salesTab({ base, history, merchant, shop, date, today, state, now, back: href({ tab: "sales" }) })
          : await extensionFrame(base, selection, {
              title: "Daybook — Accounting",
              path: `/app/day/${encodeURIComponent(shop.shopID)}/${date}`,
            });

      return c.html(
        htmlDocument({
          lang: "en",
          title: `${shop.name} · ${date} · Sandbox POS back office`,
          style: BACK_OFFICE_STYLE + DAY_STYLE,
          body: html`${header(base, selection, {
              title: "Day view",
              path: DAY_VIEW_PATH,
              keep: { account, tab },
            })}
            <main>
              ${notice ? html`<section class="notice">${notice}</section>` : ""}
              ${error ? html`<section class="error">${error}</section>` : ""}
              <section class="toolbar">
                <label
                  >Store
                  <select name="shop" form="view" onchange="this.form.submit()">
                    ${shops.map(
                      (s) =>
                        html`<option value="${s.shopID}" ${s.shopID === shop.shopID ? "selected" : ""}>
                          ${s.name}
                        </option>`,
                    )}
                  </select></label
                >
                <a href="${href({ date: addDays(date, -1) })}" rel="prev">‹ Previous day</a>
                <label
                  >Date
                  <input type="date" name="date" form="view" value="${date}" onchange="this.form.submit()"
                /></label>
                <a href="${href({ date: addDays(date, 1) })}" rel="next">Next day ›</a>
                ${date === today ? html`<span class="muted">today</span>` : ""}
                <noscript><button form="view">Show</button></noscript>
                <span class="muted">${shop.timeZone} · ${shop.currency}</span>
              </section>
              <nav class="tabs">
                ${TABS.map(
                  (t) =>
                    html`<a href="${href({ tab: t })}" ${t === tab ? raw('aria-current="page"') : ""}
                      >${t === "sales" ? "Sales" : "Accounting"}</a
                    >`,
                )}
              </nav>
              ${content}
            </main>`,
        }),
      );
    } catch (error) {
      return refused(c, base, error);
    }
  });

  // The extension's other pages as the POS places them: a report and a settings page, framed whole.
  for (const page of FRAMED_PAGES)
    app.get(page.path, async (c) => {
      const base = baseOf(c, page.path);
      try {
        const selection = await select(c);
        const account = selection.merchant.accountID;
        const frame = await extensionFrame(base, selection, { title: page.frameTitle, path: page.app });
        return c.html(
          htmlDocument({
            lang: "en",
            title: `${page.title} · ${selection.merchant.name} · Sandbox POS back office`,
            style: BACK_OFFICE_STYLE + DAY_STYLE,
            body: html`${header(base, selection, { title: page.title, path: page.path, keep: { account } })}
              <main>${frame}</main>`,
          }),
        );
      } catch (error) {
        return refused(c, base, error);
      }
    });

  return app;
}

interface SalesTabInput {
  base: string;
  history: MerchantHistory;
  merchant: SandboxMerchant;
  shop: ShopSetup;
  date: string;
  today: string;
  state: PosSandboxState;
  now: number;
  /** Where the actions come back to, relative to the back office (`day?…`). */
  back: string;
}

/** The day's sales (void) and registers (close, when the day is today). */
function salesTab(input: SalesTabInput): Fragment {
  const { base, merchant, shop, date, today, now } = input;
  const day = input.history.day(merchant, shop, date, input.state, now);
  const back = input.back.slice(`${base}/backoffice/`.length);
  const forms: ActionForms = {
    action: (name) => `${base}/backoffice/${name}`,
    hidden: html`<input type="hidden" name="account" value="${merchant.accountID}" /><input
        type="hidden"
        name="back"
        value="${back}"
      />`,
  };
  if (!day)
    return html`<section>
      <p class="muted">
        ${date > today ? "This day has not happened yet." : `${shop.name} has no sales history on ${date}.`}
      </p>
    </section>`;
  const kept = day.sales.filter((sale) => sale.voided !== "true");
  const total = sum(kept.map((sale) => new D(sale.total)));
  return html`<section>
      <h2>Registers</h2>
      ${registersTable({ shop, sessions: day.sessions, forms, closable: date === today })}
    </section>
    <section>
      <h2>Sales</h2>
      <p class="muted">
        ${kept.length} sales · ${total.toFixed(2)} ${shop.currency}
        ${day.sales.length > kept.length ? ` · ${day.sales.length - kept.length} voided` : ""}
      </p>
      ${salesTable({ shop, rows: [...day.sales].reverse().map((sale) => ({ sale })), forms, empty: "No sales." })}
    </section>`;
}

/** The POS side of shared/embed.ts. `config` is JSON made safe for a script element by scriptJson. */
function embedScript(config: string): string {
  return `(() => {
  const config = ${config};
  const frame = document.getElementById("daybook-frame");
  if (!frame) return;
  window.addEventListener("message", async (event) => {
    // Only the app, and only from the frame this page opened.
    if (event.origin !== config.appOrigin || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (typeof data !== "object" || data === null) return;
    if (data.type === "daybook:token-request" && typeof data.requestId === "string") {
      try {
        const response = await fetch(config.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ accountId: config.accountId, employeeId: config.employeeId }),
        });
        if (!response.ok) return;
        const { token } = await response.json();
        if (typeof token !== "string" || !frame.contentWindow) return;
        frame.contentWindow.postMessage({ type: "daybook:token", requestId: data.requestId, token }, config.appOrigin);
      } catch (error) {
        console.warn("Daybook: no session token", error);
      }
    }
  });
})()`;
}
