import { describe, expect, it } from "vitest";
import {
  Decimal,
  fromMinorUnits,
  isCurrencyCode,
  minorUnits,
  roundMoney,
  scaleOf,
  sum,
  toMoneyString,
} from "../../shared/money";

describe("money", () => {
  it("knows each currency's minor units", () => {
    expect([
      minorUnits("CAD"),
      minorUnits("USD"),
      minorUnits("EUR"),
      minorUnits("JPY"),
      minorUnits("KWD"),
    ]).toEqual([2, 2, 2, 0, 3]);
    expect(isCurrencyCode("CAD")).toBe(true);
    expect(isCurrencyCode("cad")).toBe(false);
    expect(isCurrencyCode("CA")).toBe(false);
  });

  it("rounds half away from zero and never prints -0", () => {
    expect(roundMoney(new Decimal("14.625"), 2).toFixed(2)).toBe("14.63");
    expect(roundMoney(new Decimal("-14.625"), 2).toFixed(2)).toBe("-14.63");
    expect(toMoneyString(new Decimal("-0.001"), 2)).toBe("0.00");
    expect(toMoneyString(new Decimal("1199.5"), 0)).toBe("1200");
  });

  it("adds exactly where floats would not", () => {
    expect(sum(["0.10", "0.20", "0.30"].map((text) => new Decimal(text))).toFixed(2)).toBe("0.60");
  });

  it("converts minor units and reads a string's scale", () => {
    expect(fromMinorUnits(1234, 2)).toBe("12.34");
    expect(fromMinorUnits(-5, 2)).toBe("-0.05");
    expect(fromMinorUnits(1234n, 0)).toBe("1234");
    expect(fromMinorUnits(7, 3)).toBe("0.007");
    expect([scaleOf("12"), scaleOf("12.3"), scaleOf("-0.125")]).toEqual([0, 1, 3]);
  });
});
