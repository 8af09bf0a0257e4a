// The Lightspeed adapter's catalog against msw: whole lists over every page, archived records left out,
// the API's quirks, the PosDay's ids (taxes per TaxCategory slot, payment kinds), items a page at a time
// on the API's cursor and searched with its LIKE operator.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PosDataError } from "../../../../server/pos/port";
import {
  accountUrl,
  CATEGORIES,
  fixtureClient,
  ITEMS,
  PAYMENT_TYPES,
  page,
  TAX_CATEGORIES,
  type Wire,
} from "./fixtures";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => fixtureClient({ timeoutMs: 1_000, maxAttempts: 2 }).client;

/** Answers `resource` with `pages` in turn, following `after=<index>`; records each request's query. */
function serve(resource: string, pages: Wire[][]) {
  const queries: URLSearchParams[] = [];
  server.use(
    http.get(accountUrl(resource), ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.searchParams);
      const index = Number(url.searchParams.get("after") ?? "0");
      const next = new URL(url);
      next.searchParams.set("after", String(index + 1));
      return HttpResponse.json(page(resource, pages[index] ?? [], index + 1 < pages.length ? next.href : ""));
    }),
  );
  return queries;
}

const item = (itemID: string, description: string, fields: Record<string, string> = {}): Wire => ({
  ...ITEMS[0],
  itemID,
  description,
  categoryID: "3",
  ...fields,
});

describe("the small lists", () => {
  it("follow every page, take a single record as an object, and come sorted by name", async () => {
    const queries = serve("Category", [
      [...CATEGORIES, { categoryID: "9", name: "bakery", fullPathName: "bakery" }],
      [{ categoryID: "12", name: "Merchandise", fullPathName: "Merchandise" }],
    ]);
    const { entries, next } = await client().catalog("categories");
    expect(entries).toEqual([
      { id: "9", name: "bakery" },
      { id: "3", name: "Espresso drinks" },
      { id: "12", name: "Merchandise" },
      { id: "4", name: "Pastries" },
    ]);
    expect(next).toBeUndefined();
    expect(queries.map((query) => [query.get("limit"), query.get("after")])).toEqual([
      ["100", null],
      ["100", "1"],
    ]);
  });

  it("keep the names containing the search, whatever its case", async () => {
    serve("Category", [[...CATEGORIES, { categoryID: "5", name: "Pastry tools" }]]);
    const { entries } = await client().catalog("categories", { search: " PASTR " });
    expect(entries.map((entry) => entry.name)).toEqual(["Pastries", "Pastry tools"]);
    serve("Category", [CATEGORIES]);
    expect((await client().catalog("categories", { search: "nothing like it" })).entries).toEqual([]);
  });

  it("leave archived discounts and payment types out, and never ask for them", async () => {
    const discountQueries = serve("Discount", [
      [
        { discountID: "7", name: "Staff", archived: "false" },
        { discountID: "8", name: "Old promo", archived: "true" },
      ],
    ]);
    const typeQueries = serve("PaymentType", [
      [...PAYMENT_TYPES, { paymentTypeID: "9", name: "Old terminal", type: "credit card", archived: "true" }],
    ]);
    expect((await client().catalog("discounts")).entries).toEqual([{ id: "7", name: "Staff" }]);
    const types = (await client().catalog("payment_types")).entries;
    expect(types.map((type) => type.id)).not.toContain("9");
    expect([...discountQueries, ...typeQueries].every((query) => !query.has("archived"))).toBe(true);
  });

  it("give payment types the PosDay's payment kind", async () => {
    serve("PaymentType", [PAYMENT_TYPES]);
    expect((await client().catalog("payment_types")).entries).toEqual([
      { id: "1", name: "Cash", kind: "cash" },
      { id: "5", name: "Cheque", kind: "other" },
      { id: "3", name: "Gift Card", kind: "gift_card" },
      { id: "4", name: "House Account", kind: "credit_account" },
      { id: "2", name: "Visa", kind: "card" },
    ]);
  });

  it("list each TaxCategory's first tax, and its second when it has a name or a rate, by the PosDay's ids", async () => {
    serve("TaxCategory", [
      [
        ...TAX_CATEGORIES,
        { taxCategoryID: "5", tax1Name: "", tax2Name: "", tax1Rate: "0.15", tax2Rate: "0.099475" },
      ],
    ]);
    expect((await client().catalog("taxes")).entries).toEqual([
      { id: "2-tax1", name: "GST", rate: "0.05" },
      { id: "1-tax1", name: "HST", rate: "0.13" },
      { id: "2-tax2", name: "QST", rate: "0.09975" },
      { id: "5-tax1", name: "Tax 1", rate: "0.15" },
      { id: "5-tax2", name: "Tax 2", rate: "0.099475" },
    ]);
  });

  it("name the record they cannot read", async () => {
    serve("Category", [[{ categoryID: "x1", name: "Broken" }]]);
    await expect(client().catalog("categories")).rejects.toThrow(/Category\[0\]\.categoryID/);
  });
});

describe("items", () => {
  it("come a page at a time by description, 50 by default, with the API's cursor as next", async () => {
    const queries = serve("Item", [
      [item("10", "Latte"), item("11", "Mocha")],
      [item("12", "Scone", { categoryID: "4" })],
    ]);
    const first = await client().catalog("items");
    expect(first).toEqual({
      entries: [
        { id: "10", name: "Latte", categoryId: "3" },
        { id: "11", name: "Mocha", categoryId: "3" },
      ],
      next: "1",
    });
    const last = await client().catalog("items", { after: first.next });
    expect(last).toEqual({ entries: [{ id: "12", name: "Scone", categoryId: "4" }] });
    expect(queries.map((query) => Object.fromEntries(query))).toEqual([
      { sort: "description", limit: "50" },
      { sort: "description", limit: "50", after: "1" },
    ]);
  });

  it("search the description with the LIKE operator, taking % and _ literally", async () => {
    const queries = serve("Item", [[item("10", "Latte")]]);
    await client().catalog("items", { search: "  latte ", limit: 20 });
    await client().catalog("items", { search: "50%_off\\" });
    expect(queries.map((query) => query.get("description"))).toEqual(["~,%latte%", "~,%50\\%\\_off\\\\%"]);
    expect(queries[0]?.get("limit")).toBe("20");
  });

  it("ask for at most 100 and at least 1", async () => {
    const queries = serve("Item", [[]]);
    await client().catalog("items", { limit: 500 });
    await client().catalog("items", { limit: 0 });
    expect(queries.map((query) => query.get("limit"))).toEqual(["100", "1"]);
  });

  it("leave archived items out, and name one without a description as a sale line does", async () => {
    serve("Item", [[item("10", "Latte", { archived: "true" }), item("13", "", { categoryID: "0" })]]);
    expect((await client().catalog("items")).entries).toEqual([
      { id: "13", name: "Miscellaneous", categoryId: "0" },
    ]);
  });

  it("refuse a next page that carries no cursor", async () => {
    server.use(
      http.get(accountUrl("Item"), () =>
        HttpResponse.json(page("Item", [item("10", "Latte")], `${accountUrl("Item")}?limit=50`)),
      ),
    );
    await expect(client().catalog("items")).rejects.toThrow(PosDataError);
  });
});
