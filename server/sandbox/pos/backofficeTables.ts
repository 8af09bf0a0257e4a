// The tables both pages of the sandbox POS back office show (backoffice.ts, backofficeDay.ts): a shop's
// registers, with Close register on those open, and sales, with Void on those not voided. Their forms post
// to the back office's actions (backoffice.ts) with the hidden fields the page gives.
import { html } from "hono/html";
import type { Markup } from "../../pages/document";
import { localTime } from "../../../shared/time";
import { PAYMENT_TYPES } from "./catalog";
import type { DaySession } from "./history";
import type { ShopSetup } from "./merchant";
import type { SaleRecord } from "./records";

const paymentName = (id: string) => PAYMENT_TYPES.find((type) => type.paymentTypeID === id)?.name ?? id;

/** Where a page's forms post: the URL of a back-office action by name, and the hidden fields every form
 *  carries (the account, and on the day view where to come back to). */
export interface ActionForms {
  action: (name: string) => string;
  hidden: Markup;
}

export interface RegistersTableInput {
  shop: ShopSetup;
  /** The day's register sessions: a register without one did not open. */
  sessions: readonly DaySession[];
  forms: ActionForms;
  /** Whether the open registers may be closed here (only on the current business day). */
  closable: boolean;
}

/** Each register of the shop with its status that day, and Close register when open and closable. */
export function registersTable(input: RegistersTableInput): Markup {
  const { shop, forms } = input;
  return html`<table>
    <tr>
      <th>Register</th>
      <th>Status</th>
      <th></th>
    </tr>
    ${shop.registers.map((register) => {
      const session = input.sessions.find((s) => s.registerID === register.registerID);
      const status = !session
        ? "not open"
        : session.closeTime !== undefined
          ? `closed at ${localTime(session.closeTime, shop.timeZone)}`
          : `open since ${localTime(session.openTime, shop.timeZone)}`;
      const close =
        input.closable && session && session.closeTime === undefined
          ? html`<form class="inline" method="post" action="${forms.action("close-register")}">
              ${forms.hidden}<input type="hidden" name="shopID" value="${shop.shopID}" /><input
                type="hidden"
                name="registerID"
                value="${register.registerID}"
              />
              <input name="counted" placeholder="counted cash (expected)" style="width:12em" /><button>
                Close register
              </button>
            </form>`
          : "";
      return html`<tr>
        <td>${register.name}</td>
        <td>${status}</td>
        <td>${close}</td>
      </tr>`;
    })}
  </table>`;
}

/** A sale as a row: `date` (YYYY-MM-DD) goes before the completed time when the table spans days. */
export interface SaleRow {
  sale: SaleRecord;
  date?: string;
}

export interface SalesTableInput {
  shop: ShopSetup;
  /** In the order shown. */
  rows: readonly SaleRow[];
  forms: ActionForms;
  /** What stands instead of the table when there are no sales. */
  empty: string;
}

/** The sales with their payments and total, and Void on those not voided. */
export function salesTable(input: SalesTableInput): Markup {
  const { shop, forms } = input;
  if (input.rows.length === 0) return html`<p class="muted">${input.empty}</p>`;
  return html`<table>
    <tr>
      <th>Completed</th>
      <th>Sale</th>
      <th>Register</th>
      <th>Payments</th>
      <th class="amount">Total</th>
      <th></th>
    </tr>
    ${input.rows.map(({ sale, date }) => {
      const voided = sale.voided === "true";
      const time = localTime(Date.parse(sale.completeTime), shop.timeZone);
      return html`<tr class="${voided ? "voided" : ""}">
        <td>${date === undefined ? time : `${date} ${time}`}</td>
        <td>${sale.saleID}</td>
        <td>${sale.registerID}</td>
        <td>${sale.SalePayments.map((p) => `${paymentName(p.paymentTypeID)} ${p.amount}`).join(", ")}</td>
        <td class="amount">${sale.total}</td>
        <td>
          ${
            voided
              ? "voided"
              : html`<form class="inline" method="post" action="${forms.action("void")}">
                  ${forms.hidden}<input type="hidden" name="saleID" value="${sale.saleID}" /><button>
                    Void
                  </button>
                </form>`
          }
        </td>
      </tr>`;
    })}
  </table>`;
}
