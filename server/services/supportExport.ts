// Support export (seed 003): a store-day's sales as CSV, one row per sale line, payment and tip,
// a totals row per sale and the day's totals, so support can compare a merchant's POS export with
// what Daybook synced, sale by sale. Built from the snapshot Daybook generated from.
import { and, eq } from "drizzle-orm";
import { type Locale, type MessageKey, translate } from "../../shared/i18n";
import {
  Decimal as D,
  type Decimal,
  DECIMAL_PATTERN,
  minorUnits,
  sum,
  toMoneyString,
  ZERO,
} from "../../shared/money";
import { parsePosDay, type PosDay, type Sale } from "../../shared/schemas/posDay";
import type { Db } from "../db/client";
import { snapshots, storeDays } from "../db/schema";
import { localDateTime } from "../../shared/time";

export interface SupportCsv {
  filename: string;
  /** RFC 4180 text with CRLF line ends, starting with a UTF-8 byte order mark. */
  csv: string;
}

/** The CSV of the store-day's current snapshot; undefined when the account has no such day with data. */
export async function supportCsv(
  db: Db,
  accountId: string,
  storeId: string,
  salesDate: string,
  locale: Locale,
): Promise<SupportCsv | undefined> {
  const row = await db
    .select({ id: snapshots.id, body: snapshots.body })
    .from(storeDays)
    .innerJoin(snapshots, and(eq(snapshots.id, storeDays.snapshotId), eq(snapshots.accountId, accountId)))
    .where(
      and(
        eq(storeDays.accountId, accountId),
        eq(storeDays.storeId, storeId),
        eq(storeDays.salesDate, salesDate),
      ),
    )
    .get();
  if (!row) return undefined;
  const parsed = parsePosDay(row.body);
  if (!parsed.ok) throw new Error(`snapshot ${row.id} is not a PosDay v1: ${JSON.stringify(parsed.errors)}`);
  const day = parsed.value;
  return {
    filename: `daybook-${slug(day.store.name)}-${day.salesDate}.csv`,
    csv: "\uFEFF" + supportRows(day, locale).map(encodeRow).join("\r\n") + "\r\n",
  };
}

/** The cells of one row by column; absent cells are empty. */
interface Row {
  kind: string;
  item?: string;
  category?: string;
  quantity?: string;
  unitPrice?: string;
  subtotal?: string;
  discounts?: string;
  taxes?: Map<string, string>;
  totalWithTax?: string;
  paymentType?: string;
  amount?: string;
  posTotal?: string;
}

/** Amounts of one sale, or of the day's sales that count. */
interface Figures {
  subtotal: Decimal;
  discounts: Decimal;
  taxes: Map<string, Decimal>;
  payments: Decimal;
  tips: Decimal;
}

const emptyFigures = (): Figures => ({
  subtotal: ZERO,
  discounts: ZERO,
  taxes: new Map(),
  payments: ZERO,
  tips: ZERO,
});

function addFigures(into: Figures, from: Figures): void {
  into.subtotal = into.subtotal.plus(from.subtotal);
  into.discounts = into.discounts.plus(from.discounts);
  into.payments = into.payments.plus(from.payments);
  into.tips = into.tips.plus(from.tips);
  for (const [name, amount] of from.taxes) into.taxes.set(name, (into.taxes.get(name) ?? ZERO).plus(amount));
}

/** Taxes of one line by name: a POS may split one tax name over several tax ids. */
function taxesByName(taxes: readonly { name: string; amount: string }[]): Map<string, Decimal> {
  const byName = new Map<string, Decimal>();
  for (const tax of taxes) byName.set(tax.name, (byName.get(tax.name) ?? ZERO).plus(tax.amount));
  return byName;
}

function supportRows(day: PosDay, locale: Locale): string[][] {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(locale, key, params);
  const units = minorUnits(day.store.currency);
  const money = (value: Decimal) => toMoneyString(value, units);
  const moneyByName = (amounts: Map<string, Decimal>) =>
    new Map([...amounts].map(([name, amount]) => [name, money(amount)]));
  const localTime = (instant: string) => localDateTime(Date.parse(instant), day.store.timezone);
  // One column per tax name of the day, in order of first appearance.
  const taxNames = [
    ...new Set(day.sales.flatMap((sale) => sale.lines.flatMap((line) => line.taxes.map((tax) => tax.name)))),
  ];
  const header = [
    t("export.sale_number"),
    t("export.completed_at"),
    t("export.voided"),
    t("export.row"),
    t("export.item"),
    t("export.category"),
    t("export.quantity"),
    t("export.unit_price"),
    t("export.subtotal"),
    t("export.discounts"),
    ...taxNames.map((name) => t("export.tax", { name })),
    t("export.total_with_tax"),
    t("export.payment_type"),
    t("export.amount"),
    t("export.pos_total"),
  ];
  const cells = (sale: Sale, row: Row) => [
    sale.number,
    localTime(sale.completedAt),
    t(sale.voided ? "export.yes" : "export.no"),
    row.kind,
    row.item ?? "",
    row.category ?? "",
    row.quantity ?? "",
    row.unitPrice ?? "",
    row.subtotal ?? "",
    row.discounts ?? "",
    ...taxNames.map((name) => row.taxes?.get(name) ?? ""),
    row.totalWithTax ?? "",
    row.paymentType ?? "",
    row.amount ?? "",
    row.posTotal ?? "",
  ];

  const rows = [header];
  const dayFigures = emptyFigures();
  let counted = 0;
  for (const sale of day.sales) {
    const saleFigures = emptyFigures();
    for (const line of sale.lines) {
      const taxes = taxesByName(line.taxes);
      const discounts = sum(line.discounts.map((discount) => new D(discount.amount)));
      const lineFigures = { ...emptyFigures(), subtotal: new D(line.subtotal), discounts, taxes };
      addFigures(saleFigures, lineFigures);
      rows.push(
        cells(sale, {
          kind: t("export.row.line"),
          item: line.itemName,
          category: line.categoryName,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          subtotal: money(lineFigures.subtotal),
          discounts: money(discounts),
          taxes: moneyByName(taxes),
          totalWithTax: money(totalWithTax(lineFigures)),
        }),
      );
    }
    for (const payment of sale.payments) {
      saleFigures.payments = saleFigures.payments.plus(payment.amount);
      rows.push(
        cells(sale, {
          kind: t("export.row.payment"),
          paymentType: payment.name,
          amount: money(new D(payment.amount)),
        }),
      );
    }
    saleFigures.tips = new D(sale.tip);
    if (!saleFigures.tips.isZero())
      rows.push(cells(sale, { kind: t("export.row.tip"), amount: money(saleFigures.tips) }));
    rows.push(
      cells(sale, {
        kind: t("export.row.sale_total"),
        subtotal: money(saleFigures.subtotal),
        discounts: money(saleFigures.discounts),
        taxes: new Map(taxNames.map((name) => [name, money(saleFigures.taxes.get(name) ?? ZERO)])),
        totalWithTax: money(totalWithTax(saleFigures)),
        amount: money(saleFigures.payments),
        posTotal: money(new D(sale.total)),
      }),
    );
    // Voided sales are listed (support asks about them) but contribute nothing (DESIGN §4).
    if (!sale.voided) {
      addFigures(dayFigures, saleFigures);
      counted++;
    }
  }

  const taxTotal = sum(dayFigures.taxes.values());
  const section = [
    [],
    [t("export.day_totals", { store: day.store.name, date: day.salesDate })],
    [t("export.day.sales"), String(counted)],
    [t("export.day.voided"), String(day.sales.length - counted)],
    [t("export.day.lines"), money(dayFigures.subtotal)],
    [t("export.discounts"), money(dayFigures.discounts)],
    ...taxNames.map((name) => [t("export.tax", { name }), money(dayFigures.taxes.get(name) ?? ZERO)]),
    [t("export.day.taxes"), money(taxTotal)],
    [t("export.total_with_tax"), money(totalWithTax(dayFigures))],
    [t("export.day.payments"), money(dayFigures.payments)],
    [t("export.day.tips"), money(dayFigures.tips)],
  ];
  // Every record has the header's number of fields (RFC 4180 §2.4).
  const pad = (row: string[]) => [...row, ...Array<string>(header.length - row.length).fill("")];
  return [...rows, ...section.map(pad)];
}

function totalWithTax(figures: Figures): Decimal {
  return figures.subtotal.minus(figures.discounts).plus(sum(figures.taxes.values()));
}

/** A text cell a spreadsheet would run as a formula (merchant-entered names) is kept as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function encodeField(value: string): string {
  const safe = FORMULA_START.test(value) && !DECIMAL_PATTERN.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const encodeRow = (row: string[]) => row.map(encodeField).join(",");

/** "Café Rue, Principale" -> "cafe-rue-principale". */
function slug(name: string): string {
  const ascii = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  return (
    ascii
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "store"
  );
}
