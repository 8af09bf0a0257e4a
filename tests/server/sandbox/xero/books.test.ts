// The sandbox Xero's books page: what was posted to an organisation, readable by a person, every value
// escaped.
import { afterEach, beforeEach, expect, it } from "vitest";
import { DEMO_COFFEE_LTD, MAPLE_BAKERY_LTD } from "../../../../server/sandbox/xero/organisations";
import { invoiceOf, journalOf } from "../../ledger/xero/documents";
import { API_URL, startXeroSandbox, type XeroSandbox } from "./setup";

let sandbox: XeroSandbox;
beforeEach(async () => {
  sandbox = await startXeroSandbox();
});
afterEach(() => sandbox.close());

const books = async (tenantId = DEMO_COFFEE_LTD.tenantId) => {
  const response = await sandbox.app.request(`${API_URL}/books?tenantId=${tenantId}`);
  return { status: response.status, type: response.headers.get("content-type"), html: await response.text() };
};

it("shows a posted manual journal line by line, with accounts, amounts and tracking", async () => {
  const { adapter } = await sandbox.client();
  const document = journalOf("cogs");
  await adapter.post({ document, idempotencyKey: "k1" });
  const page = await books();
  expect(page.status).toBe(200);
  expect(page.type).toContain("text/html");
  expect(page.html).toContain("Manual journals (1)");
  expect(page.html).toContain("Daybook cost of goods sold, Downtown, 2026-11-20");
  expect(page.html).toContain("5000 · Cost of Goods Sold");
  expect(page.html).toContain("Location: Gastown");
  const debit = document.lines.find((line) => line.side === "debit");
  expect(page.html).toContain(`<td class="amount">${debit?.amount}</td>`);
});

it("shows an invoice with its payments, status and amount due", async () => {
  const { adapter } = await sandbox.client();
  const document = invoiceOf();
  await adapter.post({ document, idempotencyKey: "k1" });
  const { html } = await books();
  expect(html).toContain("Invoices (1)");
  expect(html).toContain("DAYBOOK-2026-11-20-store-1");
  expect(html).toContain("Daybook POS sales");
  expect(html).toContain('<span class="status">PAID</span>');
  expect(html).toContain("1060 · Card Clearing");
  expect(html).toMatch(/Amount due<\/td>\s*<td class="amount"><strong>0\.00<\/strong>/);
});

it("escapes what was posted", async () => {
  const { adapter } = await sandbox.client();
  const document = { ...journalOf("cogs"), memo: `<script>alert("x")</script> & co` };
  await adapter.post({ document, idempotencyKey: "k1" });
  const { html } = await books();
  expect(html).not.toContain("<script>");
  expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
});

it("keeps each organisation's books apart, and says so for an unknown one", async () => {
  const { adapter } = await sandbox.client();
  await adapter.post({ document: journalOf("cogs"), idempotencyKey: "k1" });
  const maple = await books(MAPLE_BAKERY_LTD.tenantId);
  expect(maple.html).toContain("Books of Maple Bakery Ltd");
  expect(maple.html).toContain("Manual journals (0)");
  expect((await books("nobody")).status).toBe(404);
});
