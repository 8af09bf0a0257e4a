// The Lightspeed API's query language over the sandbox's records: `field=value` or `field=op,value` with
// the operators = > >= < <= >< != ~ !~ IN (https://developers.lightspeedhq.com/retail/introduction/parameters/),
// `archived`, `sort`, `limit` ≤ 100 and the `after` cursor, `load_relations`.
import type { WireRecord, WireValue } from "./records";

export type Operator = "=" | ">" | ">=" | "<" | "<=" | "><" | "!=" | "~" | "!~" | "IN";

export interface Filter {
  field: string;
  operator: Operator;
  values: string[];
}

/** Parameters that are not filters. */
const CONTROL = new Set([
  "limit",
  "after",
  "before",
  "sort",
  "archived",
  "load_relations",
  "count",
  "offset",
  "or",
]);
/** Longest prefixes first, so that ">=," is not read as ">". */
const PREFIXES: [string, Operator][] = [
  ["><,", "><"],
  [">=,", ">="],
  ["<=,", "<="],
  ["!=,", "!="],
  ["!~,", "!~"],
  ["IN,", "IN"],
  [">,", ">"],
  ["<,", "<"],
  ["=,", "="],
  ["~,", "~"],
];

export class QueryError extends Error {
  override name = "QueryError";
}

export function parseFilters(params: URLSearchParams): Filter[] {
  const filters: Filter[] = [];
  for (const [field, raw] of params) {
    if (CONTROL.has(field)) continue;
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new QueryError(`cannot filter on ${field}`);
    const prefix = PREFIXES.find(([text]) => raw.startsWith(text));
    if (!prefix) {
      filters.push({ field, operator: "=", values: [raw] });
      continue;
    }
    const [text, operator] = prefix;
    const rest = raw.slice(text.length);
    if (operator === "IN") filters.push({ field, operator, values: listOf(rest) });
    else if (operator === "><") {
      const values = rest.split(",");
      if (values.length !== 2) throw new QueryError(`${field}: the >< operator takes two values`);
      filters.push({ field, operator, values });
    } else filters.push({ field, operator, values: [rest] });
  }
  return filters;
}

/** `[1,2,3]` (JSON) or `1,2,3`; at most 100 values. */
function listOf(text: string): string[] {
  let values: string[];
  try {
    const parsed: unknown = JSON.parse(text);
    values = Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
  } catch {
    values = text.replace(/^\[|\]$/g, "").split(",");
  }
  if (values.length > 100) throw new QueryError("the IN operator takes at most 100 values");
  return values.map((value) => value.trim());
}

const TIME = /^\d{4}-\d{2}-\d{2}T/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Numbers as numbers, times as instants (whatever their offset), everything else as text. */
function compareValues(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b);
  if (TIME.test(a) && TIME.test(b)) return Date.parse(a) - Date.parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SQL's LIKE, as the API's `~` runs it (MySQL): `%` any text, `_` any one character, `\` takes the next
 *  character literally, letters in any case. */
function like(value: string, pattern: string): boolean {
  const chars = Array.from(pattern);
  let source = "";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === "\\" && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
    else if (char === "%") source += "[\\s\\S]*";
    else if (char === "_") source += "[\\s\\S]";
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, "iu").test(value);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function matches(record: WireRecord, filter: Filter): boolean {
  const value: WireValue | undefined = record[filter.field];
  if (typeof value !== "string") return false;
  const [first = "", second = ""] = filter.values;
  switch (filter.operator) {
    case "=":
      return compareValues(value, first) === 0;
    case "!=":
      return compareValues(value, first) !== 0;
    case ">":
      return compareValues(value, first) > 0;
    case ">=":
      return compareValues(value, first) >= 0;
    case "<":
      return compareValues(value, first) < 0;
    case "<=":
      return compareValues(value, first) <= 0;
    case "><":
      return compareValues(value, first) >= 0 && compareValues(value, second) <= 0;
    case "IN":
      return filter.values.some((candidate) => compareValues(value, candidate) === 0);
    case "~":
      return like(value, first);
    case "!~":
      return !like(value, first);
  }
}

/** The instants a filter on a time field allows, to generate only the days it can match. */
export function timeRange(filters: Filter[], field: string): { from?: number; to?: number } | undefined {
  let range: { from?: number; to?: number } | undefined;
  for (const filter of filters) {
    if (filter.field !== field) continue;
    const instants = filter.values.map((value) => Date.parse(value));
    if (instants.some(Number.isNaN)) continue;
    const [first = 0, second = 0] = instants;
    range ??= {};
    if (filter.operator === "><") Object.assign(range, { from: first, to: second });
    else if (filter.operator === ">" || filter.operator === ">=") range.from = first;
    else if (filter.operator === "<" || filter.operator === "<=") range.to = first;
    else if (filter.operator === "=") Object.assign(range, { from: first, to: first });
  }
  return range;
}

export interface PageRequest {
  limit: number;
  sort: { field: string; descending: boolean };
  after?: unknown[];
}

export function pageRequest(params: URLSearchParams, primaryKey: string): PageRequest {
  const limitText = params.get("limit") ?? "100";
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 0 || limit > 100)
    throw new QueryError("limit must be an integer from 0 to 100");
  const sortText = params.get("sort") ?? primaryKey;
  const sort = { field: sortText.replace(/^-/, ""), descending: sortText.startsWith("-") };
  const afterText = params.get("after");
  if (afterText === null) return { limit, sort };
  let after: unknown;
  try {
    after = JSON.parse(atob(afterText));
  } catch {
    after = undefined;
  }
  if (!Array.isArray(after) || after.length !== 2) throw new QueryError("invalid after cursor");
  return { limit, sort, after };
}

/** Sorts, then takes the page after the cursor; `cursor` resumes after the page's last record. */
export function paginate(
  records: WireRecord[],
  request: PageRequest,
  primaryKey: string,
): { page: WireRecord[]; cursor?: string } {
  const key = (record: WireRecord) => [
    String(record[request.sort.field] ?? ""),
    String(record[primaryKey] ?? ""),
  ];
  const direction = request.sort.descending ? -1 : 1;
  const compare = (a: string[], b: string[]) =>
    direction * (compareValues(a[0] ?? "", b[0] ?? "") || compareValues(a[1] ?? "", b[1] ?? ""));
  const sorted = [...records].sort((a, b) => compare(key(a), key(b)));
  const after = request.after?.map(String);
  const rest = after ? sorted.filter((record) => compare(key(record), after) > 0) : sorted;
  const page = rest.slice(0, request.limit);
  const last = page[page.length - 1];
  return rest.length > page.length && last ? { page, cursor: btoa(JSON.stringify(key(last))) } : { page };
}

/** `load_relations`: a JSON list of relation paths ("SaleLines", "SalePayments.PaymentType") or "all". */
export function relationsRequested(params: URLSearchParams): Set<string> | "all" {
  const text = params.get("load_relations");
  if (text === null) return new Set();
  if (text === "all") return "all";
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((entry) => typeof entry === "string")) return new Set(parsed);
  } catch {
    // answered below
  }
  throw new QueryError('load_relations must be a JSON list of relations, like ["SaleLines"], or "all"');
}
