// The scheduler's address from the mapping's regenerate offer: a date range, or nothing.
import { describe, expect, it } from "vitest";
import { parseSchedulerSearch } from "../../../extension/src/pages/schedulerSearch";

describe("the scheduler's address", () => {
  it("takes a regenerate range", () => {
    expect(parseSchedulerSearch({ regenerate: "2026-01-01..2026-11-20" })).toEqual({
      regenerate: { from: "2026-01-01", to: "2026-11-20" },
    });
  });

  it("ignores anything else: a reversed range, a bad date, another parameter", () => {
    for (const search of [
      { regenerate: "2026-11-20..2026-01-01" },
      { regenerate: "2026-1-1..2026-11-20" },
      { regenerate: "2026-01-01..2026-11-20;drop" },
      { regenerate: 20260101 },
      { other: "x" },
    ])
      expect(parseSchedulerSearch(search)).toEqual({});
  });
});
