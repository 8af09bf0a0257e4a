import { describe, expect, it } from "vitest";
import { fingerprintOf } from "../../../shared/engine/fingerprint";
import { generate } from "../../../shared/engine/generate";
import { parsePosDay } from "../../../shared/schemas/posDay";
import { cash, item, sale } from "../../support/days";
import { exampleDay, exampleMapping } from "../../support/examples";

/** The same JSON with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  return value;
}

describe("fingerprints", () => {
  it("are sha256 hex of canonical JSON, independent of key order", () => {
    expect(fingerprintOf({ a: 1, b: [1, "x"] })).toBe(fingerprintOf({ b: [1, "x"], a: 1 }));
    expect(fingerprintOf({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });

  it("are the same for the same day across runs, key orders and sale orders", () => {
    const first = generate(exampleDay(), exampleMapping()).documents.map((document) => document.fingerprint);
    const reordered = parsePosDay(reverseKeys(exampleDay()));
    if (!reordered.ok) throw new Error("reordered day should parse");
    reordered.value.sales.reverse();
    const second = generate(reordered.value, exampleMapping()).documents.map(
      (document) => document.fingerprint,
    );
    expect(second).toEqual(first);
  });

  it("change for the documents whose content changed, and only those", () => {
    const before = generate(exampleDay(), exampleMapping()).documents;
    const day = exampleDay();
    day.sales.push(sale([item("0.01", { categoryId: "c3" })], [cash("0.01")]));
    const after = generate(day, exampleMapping()).documents;
    expect(after[0]?.fingerprint).not.toBe(before[0]?.fingerprint);
    expect(after.slice(1).map((d) => d.fingerprint)).toEqual(before.slice(1).map((d) => d.fingerprint));
  });
});
