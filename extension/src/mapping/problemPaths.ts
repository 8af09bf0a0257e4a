// Where in the mapping a held day's problem is fixed, for its "Map it" link (/app/mapping?focus=...).
import type { Problem, ProblemCode } from "../../../shared/engine/types";

const BY_SUBJECT: Partial<Record<ProblemCode, string>> = {
  unmapped_category: "sales.byCategory",
  unmapped_item: "sales.byItem",
  unmapped_discount: "discounts.byDiscount",
  unmapped_tax: "otherCharges.byTax",
  unmapped_tax_code: "taxes.byTax",
  unmapped_payment_type: "payments.byType",
  unmapped_inventory: "inventory.byCategory",
};

const FIXED: Partial<Record<ProblemCode, string>> = {
  unmapped_returns: "discounts.returns",
  unmapped_gift_cards: "otherCharges.giftCards",
  unmapped_tips: "otherCharges.tips",
  unmapped_credit_account: "otherCharges.creditAccount",
  unmapped_all_credit_cards: "payments.allCreditCards",
  unmapped_paid_ins: "cashDrawer.paidIns",
  unmapped_rounding: "rounding",
  unmapped_purchase_orders: "purchaseOrders",
};

export function mappingPathOf(problem: Problem): string | undefined {
  const base = BY_SUBJECT[problem.code];
  if (base) return problem.subject ? `${base}.${problem.subject.id}` : undefined;
  return FIXED[problem.code];
}
