// A sandbox SalesReceipt's or RefundReceipt's lines and totals as QuickBooks checks them: item lines with
// an active item (Amount = Qty × UnitPrice when both are given), tax lines on active rates adding up to
// TotalTax, a total that is not negative and matches TotalAmt when stated, and a deposit account that can
// take a deposit (Undeposited Funds when none is named). QuickBooks adds its subtotal line itself.
import { type Decimal, sum, ZERO } from "../../../shared/money";
import { type Checks, decimalOf, isObject, type Json, wire } from "./checks";
import type { AccountType, SandboxCompany } from "./companies";
import type { TransactionEntity } from "./books";
import { QBO_ERRORS } from "./fault";

const LINE_TYPES = ["SalesItemLineDetail", "SubTotalLineDetail", "DescriptionOnly"];
const GLOBAL_TAX_CALCULATIONS = ["TaxInclusive", "TaxExcluded", "NotApplicable"];
const DEPOSIT_ACCOUNT_TYPES: AccountType[] = ["Bank", "Other Current Asset"];
const MAX_TEXT = 4000;

/** The receipt's own fields (lines, taxes, totals, deposit account, class), checked and completed. */
export function receiptFields(
  entity: TransactionEntity,
  input: Json,
  lines: unknown[],
  checks: Checks,
): Json {
  const { company, fail } = checks;
  const built: { line: Json; amount: Decimal }[] = [];
  lines.forEach((line, index) => {
    const at = `Line[${index}]`;
    if (!isObject(line)) return fail(QBO_ERRORS.unsupportedProperty(`${at} must be an object`, "Line"));
    if (!LINE_TYPES.includes(String(line.DetailType)))
      return fail(
        QBO_ERRORS.unsupportedProperty(
          `${at}.DetailType: "${String(line.DetailType)}" is not supported on a ${entity}`,
          "Line.DetailType",
        ),
      );
    if (line.DetailType === "SubTotalLineDetail") return undefined;
    const description = checks.text(line.Description, "Line.Description", MAX_TEXT);
    if (line.DetailType === "DescriptionOnly") {
      built.push({
        line: { Description: description ?? "", DetailType: "DescriptionOnly", DescriptionLineDetail: {} },
        amount: ZERO,
      });
      return undefined;
    }
    const item = itemLine(line, at, checks);
    if (item)
      built.push({
        amount: item.amount,
        line: { ...(description !== undefined && { Description: description }), ...item.line },
      });
    return undefined;
  });

  const tax = taxDetail(input.TxnTaxDetail, checks);
  const subtotal = sum(built.map((line) => line.amount));
  const total = subtotal.plus(tax.total);
  if (input.TotalAmt !== undefined) {
    const stated = checks.amount(input.TotalAmt, "TotalAmt");
    if (stated && !stated.equals(total))
      fail(
        QBO_ERRORS.business(
          `TotalAmt ${stated.toFixed(2)} does not equal the lines and tax (${total.toFixed(2)}).`,
          "TotalAmt",
        ),
      );
  }
  if (total.isNegative())
    fail(
      QBO_ERRORS.business(
        `The transaction total can't be negative (${total.toFixed(2)}).${entity === "SalesReceipt" ? " Record a refund receipt instead." : ""}`,
        "TotalAmt",
      ),
    );
  const klass = checks.reference(input.ClassRef, company.classes, "ClassRef");
  const deposit =
    input.DepositToAccountRef === undefined
      ? undepositedFunds(company)
      : checks.reference(input.DepositToAccountRef, company.accounts, "DepositToAccountRef");
  if (deposit && !DEPOSIT_ACCOUNT_TYPES.includes(deposit.entry.AccountType as AccountType))
    fail(
      QBO_ERRORS.business(
        `${deposit.ref.name} is a ${String(deposit.entry.AccountType)} account: deposit to a bank or other current asset account.`,
        "DepositToAccountRef",
      ),
    );
  const globalTax = input.GlobalTaxCalculation ?? "TaxExcluded";
  if (!GLOBAL_TAX_CALCULATIONS.includes(String(globalTax)))
    fail(
      QBO_ERRORS.unsupportedProperty(
        `GlobalTaxCalculation: "${String(globalTax)}" is not one of ${GLOBAL_TAX_CALCULATIONS.join(", ")}`,
        "GlobalTaxCalculation",
      ),
    );

  return {
    ...(klass && { ClassRef: klass.ref }),
    Line: [
      ...built.map(({ line }, index) => ({ Id: String(index + 1), LineNum: index + 1, ...line })),
      { Amount: wire(subtotal), DetailType: "SubTotalLineDetail", SubTotalLineDetail: {} },
    ],
    TxnTaxDetail: tax.detail,
    TotalAmt: wire(total),
    Balance: 0,
    GlobalTaxCalculation: globalTax,
    ApplyTaxAfterDiscount: false,
    PrintStatus: "NotSet",
    EmailStatus: "NotSet",
    ...(deposit && { DepositToAccountRef: deposit.ref }),
  };
}

function itemLine(line: Json, at: string, checks: Checks): { line: Json; amount: Decimal } | undefined {
  const { company, fail } = checks;
  const detail = line.SalesItemLineDetail;
  if (!isObject(detail))
    return fail(QBO_ERRORS.requiredMissing("SalesItemLineDetail", "Line.SalesItemLineDetail"));
  const amount = checks.amount(line.Amount, "Line.Amount");
  const item = checks.reference(detail.ItemRef, company.items, "Line.SalesItemLineDetail.ItemRef", true);
  const klass = checks.reference(detail.ClassRef, company.classes, "Line.SalesItemLineDetail.ClassRef");
  const taxCode = checks.reference(
    detail.TaxCodeRef,
    company.taxCodes,
    "Line.SalesItemLineDetail.TaxCodeRef",
  );
  const qty = detail.Qty === undefined ? undefined : decimalOf(detail.Qty);
  const unitPrice = detail.UnitPrice === undefined ? undefined : decimalOf(detail.UnitPrice);
  if (qty === null || unitPrice === null)
    return fail(
      QBO_ERRORS.unsupportedProperty(`${at}: Qty and UnitPrice must be numbers`, "Line.SalesItemLineDetail"),
    );
  if (amount && qty && unitPrice && !qty.times(unitPrice).toDecimalPlaces(2).equals(amount))
    return fail(
      QBO_ERRORS.business(
        `Amount is not equal to UnitPrice * Qty. Supplied value:${amount.toFixed(2)}`,
        "Line.Amount",
      ),
    );
  if (!amount || !item) return undefined;
  return {
    amount,
    line: {
      Amount: wire(amount),
      DetailType: "SalesItemLineDetail",
      SalesItemLineDetail: {
        ItemRef: item.ref,
        ...(klass && { ClassRef: klass.ref }),
        ...(qty && { Qty: Number(qty.toFixed()) }),
        ...(unitPrice && { UnitPrice: Number(unitPrice.toFixed()) }),
        ...(taxCode && { TaxCodeRef: taxCode.ref }),
      },
    },
  };
}

function taxDetail(value: unknown, checks: Checks): { total: Decimal; detail: Json } {
  const { company, fail } = checks;
  const none = { total: ZERO, detail: { TotalTax: 0 } };
  if (value === undefined) return none;
  if (!isObject(value)) {
    fail(QBO_ERRORS.unsupportedProperty("TxnTaxDetail must be an object", "TxnTaxDetail"));
    return none;
  }
  const taxLines = value.TaxLine ?? [];
  if (!Array.isArray(taxLines)) {
    fail(QBO_ERRORS.unsupportedProperty("TxnTaxDetail.TaxLine must be a list", "TxnTaxDetail.TaxLine"));
    return none;
  }
  const built = taxLines.flatMap((line) => {
    if (!isObject(line) || line.DetailType !== "TaxLineDetail" || !isObject(line.TaxLineDetail)) {
      fail(QBO_ERRORS.requiredMissing("TaxLineDetail", "TxnTaxDetail.TaxLine.TaxLineDetail"));
      return [];
    }
    const amount = checks.amount(line.Amount, "TxnTaxDetail.TaxLine.Amount");
    const detail = line.TaxLineDetail;
    const rate = checks.reference(
      detail.TaxRateRef,
      company.taxRates,
      "TxnTaxDetail.TaxLine.TaxLineDetail.TaxRateRef",
      true,
    );
    if (!amount || !rate) return [];
    return [
      {
        amount,
        line: {
          Amount: wire(amount),
          DetailType: "TaxLineDetail",
          TaxLineDetail: {
            TaxRateRef: rate.ref,
            PercentBased: detail.PercentBased ?? true,
            TaxPercent: detail.TaxPercent ?? rate.entry.RateValue,
            ...(detail.NetAmountTaxable !== undefined && { NetAmountTaxable: detail.NetAmountTaxable }),
          },
        },
      },
    ];
  });
  const lineTotal = sum(built.map((line) => line.amount));
  const stated =
    value.TotalTax === undefined ? lineTotal : checks.amount(value.TotalTax, "TxnTaxDetail.TotalTax");
  if (stated && taxLines.length > 0 && !stated.equals(lineTotal))
    fail(
      QBO_ERRORS.business(
        `TotalTax ${stated.toFixed(2)} does not equal the tax lines (${lineTotal.toFixed(2)}).`,
        "TxnTaxDetail.TotalTax",
      ),
    );
  const code = checks.reference(value.TxnTaxCodeRef, company.taxCodes, "TxnTaxDetail.TxnTaxCodeRef");
  const total = stated ?? ZERO;
  return {
    total,
    detail: {
      ...(code && { TxnTaxCodeRef: code.ref }),
      TotalTax: wire(total),
      ...(built.length > 0 && { TaxLine: built.map((line) => line.line) }),
    },
  };
}

/** Where QuickBooks deposits a receipt that names no account. */
function undepositedFunds(company: SandboxCompany) {
  const entry = company.accounts.find((account) => account.AccountSubType === "UndepositedFunds");
  return entry && { entry, ref: { value: entry.Id, name: String(entry.Name) } };
}
