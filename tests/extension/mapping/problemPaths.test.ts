// A held day's problem points at the mapping row that fixes it, for its "Map it" link.
import { describe, expect, it } from "vitest";
import { mappingPathOf } from "../../../extension/src/mapping/problemPaths";
import { blankMapping, getAt, prune, setAt } from "../../../extension/src/mapping/draft";
import { parseMapping } from "../../../shared/schemas/mapping";

describe("mappingPathOf", () => {
  it("names the row of the category, payment type or setting to map", () => {
    const subject = { id: "12", name: "Catering" };
    expect(mappingPathOf({ code: "unmapped_category", severity: "hold", section: "sales", subject })).toBe(
      "sales.byCategory.12",
    );
    expect(
      mappingPathOf({ code: "unmapped_payment_type", severity: "hold", section: "payments", subject }),
    ).toBe("payments.byType.12");
    expect(mappingPathOf({ code: "unmapped_tips", severity: "hold", section: "other_charges" })).toBe(
      "otherCharges.tips",
    );
    expect(
      mappingPathOf({ code: "out_of_balance", severity: "out_of_balance", section: "sales" }),
    ).toBeUndefined();
    expect(mappingPathOf({ code: "unmapped_category", severity: "hold", section: "sales" })).toBeUndefined();
  });
});

describe("the draft being edited", () => {
  it("sets and clears targets by path without touching the original, and saves as Mapping v1 once complete", () => {
    const blank = blankMapping();
    const mapped = setAt(blank, ["sales", "byCategory", "12"], { account: "4000" });
    expect(getAt(mapped, ["sales", "byCategory", "12"])).toEqual({ account: "4000" });
    expect(blank.sales.byCategory).toEqual({});
    expect(getAt(setAt(mapped, ["sales", "byCategory", "12"], undefined), ["sales", "byCategory"])).toEqual(
      {},
    );

    const emptied = setAt(blank, ["inventory", "byCategory", "3"], {});
    expect(prune(emptied).inventory.byCategory).toEqual({});

    const incomplete = parseMapping(blank);
    expect(incomplete.ok).toBe(false);
    let complete = blank;
    for (const key of ["deposit", "cashInDrawer", "payouts", "overShort"])
      complete = setAt(complete, ["cashDrawer", key], { account: "1000" });
    expect(parseMapping(prune(complete)).ok).toBe(true);
  });
});
