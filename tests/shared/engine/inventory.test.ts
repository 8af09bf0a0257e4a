import { describe, expect, it } from "vitest";
import { generate } from "../../../shared/engine/generate";
import { cash, day, item, mappingWith, sale } from "../../support/days";
import { documentOf, exampleDay, exampleMapping, journalRows } from "../../support/examples";

describe("COGS / inventory", () => {
  it("books quantity x unit cost per category, rounding each category once (example day)", () => {
    // Apparel (own accounts): 2 x 8 - 1 x 8 + 1 x 8 = 16.00
    // Home (ALL): 6.25 + 6.25 + 2.125 = 14.625 -> 14.63; Grocery is ignored.
    const cogs = documentOf(generate(exampleDay(), exampleMapping()), "cogs");
    expect(journalRows(cogs)).toEqual([
      ["5000", "debit", "14.63"],
      ["1300", "credit", "14.63"],
      ["5010", "debit", "16.00"],
      ["1310", "credit", "16.00"],
    ]);
    expect(cogs.total).toBe("30.63");
  });

  it("reverses cost on a refund", () => {
    const refund = sale(
      [item("-20.00", { quantity: "-2", unitPrice: "10.00", unitCost: "4.10" })],
      [cash("-20.00")],
    );
    const cogs = documentOf(generate(day([refund]), exampleMapping()), "cogs");
    expect(journalRows(cogs)).toEqual([
      ["5010", "credit", "8.20"],
      ["1310", "debit", "8.20"],
    ]);
  });

  it("books nothing when Book Inventory/COGS is off", () => {
    const mapping = mappingWith((m) => (m.settings.bookInventoryCogs = false));
    expect(generate(exampleDay(), mapping).documents.some((document) => document.kind === "cogs")).toBe(
      false,
    );
  });

  it("warns, and books no cost, for an item without a unit cost", () => {
    const { unitCost, ...withoutCost } = item("20.00");
    const result = generate(day([sale([withoutCost], [cash("20.00")])]), exampleMapping());
    expect(result.status).toBe("ready");
    expect(result.problems).toEqual([
      {
        code: "missing_unit_cost",
        severity: "warning",
        section: "inventory",
        subject: { id: "i1", name: "T-shirt" },
      },
    ]);
    expect(result.documents.some((document) => document.kind === "cogs")).toBe(false);
  });

  it("holds a category with cost but no inventory mapping and no ALL", () => {
    const mapping = mappingWith((m) => {
      delete m.inventory.all;
    });
    const result = generate(exampleDay(), mapping);
    expect(result.status).toBe("hold");
    expect(result.problems).toContainEqual({
      code: "unmapped_inventory",
      severity: "hold",
      section: "inventory",
      subject: { id: "c2", name: "Home" },
    });
  });
});

describe("purchase orders", () => {
  it("debits inventory and credits the offset account with the vendor", () => {
    const orders = documentOf(generate(exampleDay(), exampleMapping()), "purchase_orders");
    expect(journalRows(orders)).toEqual([
      ["1300", "debit", "200.00"],
      ["2000", "credit", "200.00"],
    ]);
    expect(orders.lines[1]?.vendor).toBe("Acme Supply");
    expect(orders.lines[0]?.description).toBe("Purchase order PO-77, Acme Supply");
  });

  it("holds the day when orders were received but Purchase Orders is not mapped", () => {
    const mapping = mappingWith((m) => {
      delete m.purchaseOrders;
    });
    const result = generate(exampleDay(), mapping);
    expect(result.status).toBe("hold");
    expect(result.problems.map((problem) => problem.code)).toEqual(["unmapped_purchase_orders"]);
  });
});
