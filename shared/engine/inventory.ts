// Cost of goods sold and purchase orders received, each its own journal.
import { type Decimal, roundMoney, sum } from "../money";
import type { EngineContext } from "./context";
import { PostingBook } from "./postings";

/** quantity x unit cost per category: debit COGS, credit Inventory. Refund lines (negative quantity)
 *  reverse it; ignored categories are skipped; unmapped ones use ALL. */
export function bookCogs(ctx: EngineContext): PostingBook {
  const book = new PostingBook();
  const { byCategory, all } = ctx.mapping.inventory;
  const costs = new Map<string, { name: string; cost: Decimal }>();
  // The same item sells many times a day at the same cost: multiply each pair once.
  const products = new Map<string, Decimal>();
  const costOf = (key: string, quantity: string, unitCost: string) => {
    let product = products.get(key);
    if (product === undefined) {
      product = ctx.amount(quantity).times(ctx.amount(unitCost));
      products.set(key, product);
    }
    return product;
  };
  for (const sale of ctx.day.sales) {
    if (sale.voided) continue;
    for (const line of sale.lines) {
      if (line.kind !== "item" || byCategory[line.categoryId]?.ignore) continue;
      if (line.unitCost === undefined) {
        ctx.problems.add({
          code: "missing_unit_cost",
          severity: "warning",
          section: "inventory",
          subject: { id: line.itemId, name: line.itemName },
        });
        continue;
      }
      const cost = costOf(`${line.quantity}*${line.unitCost}`, line.quantity, line.unitCost);
      const entry = costs.get(line.categoryId);
      if (!entry) costs.set(line.categoryId, { name: line.categoryName, cost });
      else {
        entry.cost = entry.cost.plus(cost);
        if (line.categoryName < entry.name) entry.name = line.categoryName; // renamed mid-day
      }
    }
  }
  for (const [categoryId, { name, cost }] of costs) {
    const amount = roundMoney(cost, ctx.units);
    if (amount.isZero()) continue;
    const specific = byCategory[categoryId];
    const cogs = specific?.cogs ?? all?.cogs;
    const inventory = specific?.inventory ?? all?.inventory;
    if (!cogs || !inventory) {
      ctx.problems.add({
        code: "unmapped_inventory",
        severity: "hold",
        section: "inventory",
        subject: { id: categoryId, name },
      });
      continue;
    }
    const own = specific?.cogs !== undefined || specific?.inventory !== undefined;
    const source = own ? `category:${categoryId}` : "all";
    const label = own ? name : ctx.t("line.all_categories");
    book.add("inventory", `${source}:cogs`, ctx.t("line.cogs", { name: label }), cogs, amount);
    book.add(
      "inventory",
      `${source}:inventory`,
      ctx.t("line.inventory", { name: label }),
      inventory,
      amount.negated(),
    );
  }
  return book;
}

/** Each purchase order received that day: debit inventory, credit the offset account (vendor named). */
export function bookPurchaseOrders(ctx: EngineContext): PostingBook {
  const book = new PostingBook();
  if (ctx.day.purchaseOrders.length === 0) return book;
  const mapped = ctx.mapping.purchaseOrders;
  if (!mapped) {
    ctx.problems.add({ code: "unmapped_purchase_orders", severity: "hold", section: "purchase_orders" });
    return book;
  }
  for (const order of ctx.day.purchaseOrders) {
    const amount = sum(order.lines.map((line) => ctx.amount(line.amount)));
    const description = ctx.t("line.purchase_order", { id: order.id, vendor: order.vendorName });
    const source = `po:${order.id}`;
    book.add("purchase_orders", `${source}:inventory`, description, mapped.inventory, amount);
    book.add("purchase_orders", `${source}:offset`, description, mapped.offset, amount.negated(), {
      vendor: order.vendorName,
    });
  }
  return book;
}
