// The API's JSON shapes: a relation list is wrapped in its element's name and written as an object when
// it holds one record and as "" when it holds none; relations appear only when loaded; a query answers
// `{ "@attributes": { next, previous }, Resource: one | [many] }`.
import type { WireRecord } from "./records";

const ELEMENT: Record<string, string> = {
  SaleLines: "SaleLine",
  SalePayments: "SalePayment",
  SaleAccounts: "SaleAccount",
  RegisterCountAmounts: "RegisterCountAmount",
  OrderLines: "OrderLine",
  Registers: "Register",
  Prices: "ItemPrice",
};
/** Written whether asked for or not (the API always includes an item's prices). */
const ALWAYS = new Set(["Prices"]);

const isRelation = (field: string) => /^[A-Z]/.test(field) && !ALWAYS.has(field);

/** The record as the API writes it, with the relations of `relations` (dotted paths) loaded. */
export function toWire(
  record: WireRecord,
  relations: Set<string> | "all",
  prefix = "",
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    const path = `${prefix}${field}`;
    if (isRelation(field) && relations !== "all" && !relations.has(path)) continue;
    if (typeof value === "string") out[field] = value;
    else if (Array.isArray(value)) {
      const element = ELEMENT[field] ?? field.replace(/s$/, "");
      const children = value.map((child) => toWire(child, relations, `${path}.`));
      out[field] = children.length === 0 ? "" : { [element]: children.length === 1 ? children[0] : children };
    } else out[field] = toWire(value, relations, `${path}.`);
  }
  return out;
}

export function listBody(
  resource: string,
  records: Record<string, unknown>[],
  next: string,
): Record<string, unknown> {
  return {
    "@attributes": { next, previous: "" },
    ...(records.length > 0 && { [resource]: records.length === 1 ? records[0] : records }),
  };
}

export function singleBody(resource: string, record: Record<string, unknown>): Record<string, unknown> {
  return { "@attributes": { count: "1" }, [resource]: record };
}
