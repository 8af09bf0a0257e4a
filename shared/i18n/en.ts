// English catalog of the shared strings: document memos and line descriptions, problems, CLI messages.
export const en = {
  "doc.journal_entry": "Daybook sales journal, {store}, {date}",
  "doc.cash_drawer": "Daybook cash drawer, {store}, {date}",
  "doc.cogs": "Daybook cost of goods sold, {store}, {date}",
  "doc.purchase_orders": "Daybook purchase orders received, {store}, {date}",
  "doc.sales_receipt": "Daybook sales receipt, {store}, {date}",
  "doc.invoice": "Daybook sales invoice, {store}, {date}",

  "line.sales": "Sales: {name}",
  "line.all_sales": "All Sales",
  "line.returns": "Returns",
  "line.returns_of": "Returns: {name}",
  "line.discount": "Discount: {name}",
  "line.all_discounts": "All Discounts",
  "line.tax": "Tax: {name}",
  "line.tips": "Tips",
  "line.gift_cards_sold": "Gift cards sold",
  "line.credit_account_deposits": "Credit account deposits",
  "line.rounding": "Rounding",
  "line.payment": "Payment: {name}",
  "line.all_credit_cards": "All Credit Cards",
  "line.cash": "Cash payments",
  "line.cash_deposit": "Cash deposit",
  "line.cash_in_drawer": "Cash in drawer",
  "line.payouts": "{register}: payouts",
  "line.paid_ins": "{register}: paid-ins",
  "line.over_short": "{register}: cash over/short",
  "line.cogs": "Cost of goods sold: {name}",
  "line.inventory": "Inventory: {name}",
  "line.all_categories": "All categories",
  "line.purchase_order": "Purchase order {id}, {vendor}",

  "problem.unmapped_category":
    'Sales category "{name}" is not mapped and there is no All Sales mapping. Map it, or map All Sales.',
  "problem.unmapped_item":
    'Item "{name}" is not mapped and there is no All Sales mapping. Map it, or map All Sales.',
  "problem.unmapped_discount":
    'Discount "{name}" is not mapped and there is no All Discounts mapping. Map it, or map All Discounts.',
  "problem.unmapped_returns": "Returns are not mapped.",
  "problem.unmapped_tax": 'Tax "{name}" is not mapped under Other Charges.',
  "problem.unmapped_tax_code":
    'Tax "{name}" has no tax code under Taxes (sales tax is tracked in the ledger).',
  "problem.unmapped_gift_cards":
    "Gift cards were sold or redeemed, but Gift Cards is not mapped under Other Charges.",
  "problem.unmapped_tips": "Tips were collected, but Tips is not mapped under Other Charges.",
  "problem.unmapped_credit_account":
    "Credit account deposits were taken, but Credit Account is not mapped under Other Charges.",
  "problem.unmapped_payment_type": 'Payment type "{name}" is not mapped under Payments.',
  "problem.unmapped_all_credit_cards":
    "Credit cards are combined, but All Credit Cards is not mapped under Payments.",
  "problem.unmapped_paid_ins":
    'Register "{name}" has paid-ins, but Paid-ins is not mapped under Cash Drawer.',
  "problem.unmapped_rounding":
    "Some sales differ from their payments by amounts within the tolerance, but Rounding is not mapped.",
  "problem.unmapped_inventory":
    'Inventory category "{name}" has no Inventory or COGS account and there is no ALL mapping. Map it, map ALL, or ignore it.',
  "problem.unmapped_purchase_orders": "Purchase orders were received, but Purchase Orders is not mapped.",
  "problem.accounts_receivable":
    'Account "{name}" is an accounts receivable account, which cannot be mapped. Use an other current asset account instead.',
  "problem.out_of_balance":
    "Sale {name}: lines and tax come to {owed} but payments less tip come to {paid}, a difference of {difference}, beyond the tolerance of {tolerance}.",
  "problem.missing_unit_cost": 'Item "{name}" has no unit cost; its cost of goods sold is booked as zero.',

  "cli.usage":
    "Usage: daybook preview --day DAY.json --mapping MAPPING.json [--format json|hledger] [--chart CHART.json] [--locale en|fr]",
  "cli.invalid": "Invalid {what}:",
  "cli.unreadable": "Cannot read {what} {file}: {reason}",
  "cli.not_json": "{what} {file} is not valid JSON: {reason}",
  "cli.held": "The day is on hold: fix these before it can be posted:",
  "cli.out_of_balance": "The day is out of balance:",
  "cli.what.day": "day",
  "cli.what.mapping": "mapping",
  "cli.what.chart": "chart",
  "status.missing": "Missing",
  "status.open": "Open in the POS",
  "status.empty": "No activity",
  "status.hold": "On hold",
  "status.out_of_balance": "Out of balance",
  "status.queued": "Queued",
  "status.posting": "Posting",
  "status.posted": "Posted",
  "status.update": "Update pending",
  "status.failed": "Failed",
  "role.super_user": "super user",
  "role.manager": "manager",
  "role.cashier": "cashier",
  "app.signed_in_as": "Signed in as {name} ({role})",
  "app.store": "Store",
  "app.timezone": "Time zone",
  "app.latest_day": "Latest day",
  "app.status": "Status",
  "install.start_again": "Start the installation again",
  "install.expired.title": "This installation link has expired",
  "install.expired.body":
    "Daybook could not confirm that this authorization was started here: it took more than 10 minutes, the browser blocked the cookie, or the link was opened in another browser. Nothing was installed.",
  "install.denied.title": "Daybook was not authorized",
  "install.denied.body":
    "Daybook needs access to your POS to import your stores and their sales. Nothing was installed.",
  "install.missing_code.title": "The POS did not send an authorization code",
  "install.missing_code.body": "The address is incomplete. Nothing was installed.",
  "install.code_refused.title": "The POS refused this authorization",
  "install.code_refused.body":
    "The authorization code has expired or was already used. Nothing was installed.",
  "install.unavailable.title": "The POS cannot be reached",
  "install.unavailable.body": "Try again in a few minutes.",
  "install.failed.title": "Daybook could not finish installing",
  "install.failed.body": "The POS answered something Daybook did not expect: {reason}",
  "ledger.unknown.title": "This ledger is not available",
  "ledger.unknown.body": "Daybook cannot connect to “{ledger}” on this server.",
  "ledger.expired.title": "This connection link has expired",
  "ledger.expired.body":
    "Daybook could not confirm that this connection was started here, or it took more than 10 minutes. Start it again from the Accounting tab. Nothing was changed.",
  "ledger.denied.title": "{ledger} was not connected",
  "ledger.denied.body": "Daybook needs access to {ledger} to post your sales. Nothing was changed.",
  "ledger.refused.title": "{ledger} refused this authorization",
  "ledger.refused.body":
    "The authorization has expired or was already used. Start again from the Accounting tab. Nothing was changed.",
  "ledger.no_company.title": "No {ledger} company was chosen",
  "ledger.no_company.body":
    "{ledger} did not say which company to post to. Start again and choose one. Nothing was changed.",
  "ledger.connected.title": "{ledger} is connected",
  "ledger.connected.body": "Daybook will post to {company}. You can close this window and return to the POS.",
} as const;

export type MessageKey = keyof typeof en;
