// The part of QuickBooks' query language the sandbox speaks:
//   SELECT * | COUNT(*) | Field, ... FROM Entity [WHERE cond AND ...] [ORDERBY Field [ASC|DESC]]
//   [STARTPOSITION n] [MAXRESULTS n]
// with conditions `Field = v`, `<`, `>`, `<=`, `>=`, `LIKE 'a%'` and `IN (v, ...)` on top-level fields
// (or one dotted level, `MetaData.CreateTime`). As in QuickBooks, name lists return only active entries
// unless the query says otherwise, positions start at 1, 100 results by default and 1000 at most.

export class QueryError extends Error {
  constructor(
    readonly kind: "parse" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

type Literal = string | number | boolean;
type Operator = "=" | "<" | ">" | "<=" | ">=" | "LIKE" | "IN";
interface Condition {
  field: string;
  op: Operator;
  values: Literal[];
}

export interface ParsedQuery {
  entity: string;
  select: "*" | "count" | string[];
  where: Condition[];
  orderBy?: { field: string; descending: boolean };
  startPosition: number;
  maxResults: number;
}

const DEFAULT_MAX_RESULTS = 100;
const MAX_RESULTS_LIMIT = 1000;

type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; text: string }
  | { kind: "number"; text: string }
  | { kind: "symbol"; text: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i] as string;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= query.length) throw new QueryError("parse", "unterminated string literal");
        const next = query[i] as string;
        if (next === "\\" && i + 1 < query.length) {
          text += query[i + 1];
          i += 2;
        } else if (next === "'") {
          i++;
          break;
        } else {
          text += next;
          i++;
        }
      }
      tokens.push({ kind: "string", text });
    } else if (/[0-9-]/.test(char)) {
      const match = /^-?\d+(\.\d+)?/.exec(query.slice(i));
      if (!match) throw new QueryError("parse", `Encountered "${char}" at column ${i + 1}`);
      tokens.push({ kind: "number", text: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(query.slice(i)) as RegExpExecArray;
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    } else {
      const symbol = /^(<=|>=|[()*,=<>])/.exec(query.slice(i))?.[0];
      if (!symbol) throw new QueryError("parse", `Encountered "${char}" at column ${i + 1}`);
      tokens.push({ kind: "symbol", text: symbol });
      i += symbol.length;
    }
  }
  return tokens;
}

export function parseQuery(query: string): ParsedQuery {
  const tokens = tokenize(query);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (word: string) => {
    const token = peek();
    return token?.kind === "word" && token.text.toUpperCase() === word;
  };
  const isSymbol = (symbol: string) => peek()?.kind === "symbol" && peek()?.text === symbol;
  const expectWord = (word: string) => {
    if (!isWord(word)) throw new QueryError("parse", `expected ${word} ${found()}`);
    at++;
  };
  const expectSymbol = (symbol: string) => {
    if (!isSymbol(symbol)) throw new QueryError("parse", `expected "${symbol}" ${found()}`);
    at++;
  };
  const found = () => (peek() ? `but found "${peek()?.text}"` : "at the end of the query");
  const identifier = () => {
    const token = peek();
    if (token?.kind !== "word") throw new QueryError("parse", `expected a name ${found()}`);
    at++;
    return token.text;
  };
  const integer = () => {
    const token = peek();
    if (token?.kind !== "number" || !/^\d+$/.test(token.text))
      throw new QueryError("parse", `expected a whole number ${found()}`);
    at++;
    return Number(token.text);
  };
  const literal = (): Literal => {
    const token = peek();
    at++;
    if (token?.kind === "string") return token.text;
    if (token?.kind === "number") return Number(token.text);
    if (token?.kind === "word" && /^(true|false)$/i.test(token.text))
      return token.text.toLowerCase() === "true";
    at--;
    throw new QueryError("parse", `expected a value ${found()}`);
  };

  expectWord("SELECT");
  let select: ParsedQuery["select"];
  if (isSymbol("*")) {
    at++;
    select = "*";
  } else if (isWord("COUNT")) {
    at++;
    expectSymbol("(");
    expectSymbol("*");
    expectSymbol(")");
    select = "count";
  } else {
    select = [identifier()];
    while (isSymbol(",")) {
      at++;
      select.push(identifier());
    }
  }
  expectWord("FROM");
  const entity = identifier();

  const where: Condition[] = [];
  if (isWord("WHERE")) {
    at++;
    do {
      if (where.length > 0) at++;
      const field = identifier();
      const token = peek();
      let op: Operator;
      if (token?.kind === "symbol" && ["=", "<", ">", "<=", ">="].includes(token.text))
        op = token.text as Operator;
      else if (isWord("LIKE")) op = "LIKE";
      else if (isWord("IN")) op = "IN";
      else throw new QueryError("parse", `expected an operator ${found()}`);
      at++;
      if (op === "IN") {
        expectSymbol("(");
        const values = [literal()];
        while (isSymbol(",")) {
          at++;
          values.push(literal());
        }
        expectSymbol(")");
        where.push({ field, op, values });
      } else {
        where.push({ field, op, values: [literal()] });
      }
    } while (isWord("AND"));
  }

  let orderBy: ParsedQuery["orderBy"];
  if (isWord("ORDERBY") || isWord("ORDER")) {
    if (isWord("ORDER")) {
      at++;
      expectWord("BY");
    } else at++;
    const field = identifier();
    const descending = isWord("DESC");
    if (descending || isWord("ASC")) at++;
    orderBy = { field, descending };
  }

  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  for (;;) {
    if (isWord("STARTPOSITION")) {
      at++;
      startPosition = Math.max(1, integer());
    } else if (isWord("MAXRESULTS")) {
      at++;
      maxResults = Math.min(MAX_RESULTS_LIMIT, integer());
    } else break;
  }
  if (at < tokens.length) throw new QueryError("parse", `unexpected "${peek()?.text}"`);
  return { entity, select, where, ...(orderBy && { orderBy }), startPosition, maxResults };
}

function fieldValue(record: Record<string, unknown>, field: string): unknown {
  const [head, tail] = field.split(".", 2) as [string, string | undefined];
  const value = record[head];
  if (tail === undefined) return value;
  return value && typeof value === "object" ? (value as Record<string, unknown>)[tail] : undefined;
}

function compare(value: unknown, literal: Literal): number {
  if (typeof literal === "number") return Number(value) - literal;
  const text =
    typeof value === "object" && value !== null
      ? String((value as { value?: unknown }).value)
      : String(value);
  const other = String(literal);
  if (/^\d+$/.test(text) && /^\d+$/.test(other)) return Number(text) - Number(other);
  return text < other ? -1 : text > other ? 1 : 0;
}

function satisfies(record: Record<string, unknown>, condition: Condition): boolean {
  const value = fieldValue(record, condition.field);
  const [first] = condition.values as [Literal];
  switch (condition.op) {
    case "IN":
      return condition.values.some((literal) => matchesEqual(value, literal));
    case "=":
      return matchesEqual(value, first);
    case "LIKE": {
      const pattern = String(first)
        .split("%")
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
      return new RegExp(`^${pattern}$`, "i").test(String(value ?? ""));
    }
    case "<":
      return compare(value, first) < 0;
    case ">":
      return compare(value, first) > 0;
    case "<=":
      return compare(value, first) <= 0;
    case ">=":
      return compare(value, first) >= 0;
  }
}

function matchesEqual(value: unknown, literal: Literal): boolean {
  if (typeof literal === "boolean") return value === literal;
  return compare(value, literal) === 0;
}

export interface QueryAnswer {
  totalCount?: number;
  records?: Record<string, unknown>[];
}

/** Runs a parsed query over an entity's records (in Id order); `activeByDefault` for name lists. */
export function runQuery(
  query: ParsedQuery,
  records: readonly Record<string, unknown>[],
  activeByDefault: boolean,
): QueryAnswer {
  const known = new Set(records.flatMap((record) => Object.keys(record)));
  for (const field of [
    ...query.where.map((condition) => condition.field),
    ...(query.orderBy ? [query.orderBy.field] : []),
  ]) {
    const head = field.split(".")[0] as string;
    if (records.length > 0 && !known.has(head) && head !== "Id")
      throw new QueryError("invalid", `property '${field}' is not queryable for ${query.entity}`);
  }
  const conditions = [...query.where];
  if (activeByDefault && !conditions.some((condition) => condition.field === "Active"))
    conditions.push({ field: "Active", op: "=", values: [true] });
  let matching = records.filter((record) => conditions.every((condition) => satisfies(record, condition)));
  if (query.select === "count") return { totalCount: matching.length };
  if (query.orderBy) {
    const { field, descending } = query.orderBy;
    matching = [...matching].sort((a, b) => {
      const order = compare(fieldValue(a, field), String(fieldValue(b, field) ?? ""));
      return descending ? -order : order;
    });
  }
  const page = matching.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults);
  const selected = query.select;
  if (selected === "*") return { records: page };
  return {
    records: page.map((record) => ({
      ...Object.fromEntries(
        selected.filter((field) => field in record).map((field) => [field, record[field]]),
      ),
      domain: "QBO",
      sparse: true,
    })),
  };
}
