// Mapping v1: where each part of a day lands in the merchant's ledger (DESIGN.md §5).
import { z } from "zod";
import { Money, type Parsed, toFieldErrors } from "./common";

const targetShape = { account: z.string().min(1).optional(), item: z.string().min(1).optional() };
const exactlyOne = (t: { account?: string; item?: string }) =>
  (t.account === undefined) !== (t.item === undefined);
const exactlyOneMessage = "a target needs exactly one of account or item";

export const TargetSchema = z.object(targetShape).refine(exactlyOne, exactlyOneMessage);
const TargetWithVendor = z
  .object({ ...targetShape, vendor: z.string().min(1).optional() })
  .refine(exactlyOne, exactlyOneMessage);

export const MappingSchema = z.object({
  version: z.literal(1),
  postingMethod: z.enum([
    "journal_entry",
    "summary_sales_receipt",
    "itemized_sales_receipt",
    "summary_invoice",
  ]),
  settings: z.object({
    trackSalesTaxInLedger: z.boolean(),
    bookInventoryCogs: z.boolean(),
    combineCreditCards: z.boolean(),
    tolerance: Money.refine((value) => !value.startsWith("-"), "must not be negative"),
  }),
  sales: z.object({
    all: TargetSchema.optional(),
    byCategory: z.record(z.string(), TargetSchema),
    byItem: z.record(z.string(), TargetSchema),
  }),
  discounts: z.object({
    all: TargetSchema.optional(),
    byDiscount: z.record(z.string(), TargetSchema),
    returns: TargetSchema.optional(),
  }),
  otherCharges: z.object({
    byTax: z.record(z.string(), TargetWithVendor),
    giftCards: TargetSchema.optional(),
    tips: TargetSchema.optional(),
    creditAccount: TargetSchema.optional(),
  }),
  taxes: z.object({ byTax: z.record(z.string(), z.object({ taxCode: z.string().min(1) })) }),
  payments: z.object({
    allCreditCards: TargetSchema.optional(),
    byType: z.record(z.string(), TargetWithVendor),
  }),
  cashDrawer: z.object({
    deposit: TargetSchema,
    cashInDrawer: TargetSchema,
    payouts: TargetSchema,
    paidIns: TargetSchema.optional(),
    overShort: TargetSchema,
  }),
  inventory: z.object({
    all: z.object({ inventory: TargetSchema, cogs: TargetSchema }).optional(),
    byCategory: z.record(
      z.string(),
      z
        .object({
          inventory: TargetSchema.optional(),
          cogs: TargetSchema.optional(),
          ignore: z.boolean().optional(),
        })
        .refine(
          (entry) => entry.inventory || entry.cogs || entry.ignore !== undefined,
          "set inventory, cogs or ignore",
        ),
    ),
  }),
  purchaseOrders: z.object({ inventory: TargetSchema, offset: TargetSchema }).optional(),
  rounding: TargetSchema.optional(),
  classes: z.record(z.string(), z.string().min(1)),
});

export type Mapping = z.infer<typeof MappingSchema>;
export type Target = z.infer<typeof TargetSchema>;
export type PostingMethod = Mapping["postingMethod"];

export function parseMapping(input: unknown): Parsed<Mapping> {
  const result = MappingSchema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, errors: toFieldErrors(result.error) };
}
