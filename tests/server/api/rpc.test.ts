// The API through Hono's typed RPC client, as the extension calls it: the types come from the server's
// routes, so a renamed route or field fails the typecheck, and the calls run the real app.
import { hc } from "hono/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Api } from "../../../server/api/index";
import { stores } from "../../../server/db/schema";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
beforeEach(async () => {
  stack = await createFullStack();
  await stack.install();
});
afterEach(() => stack.close());

async function client() {
  const token = await stack.sessionToken("1001", "2");
  return hc<Api>(`${stack.env.appUrl}/api`, {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => stack.app.fetch(new Request(input, init)),
    headers: { authorization: `Bearer ${token}` },
  });
}

describe("the typed API client", () => {
  it("reads the session and the store-days with typed answers", async () => {
    const api = await client();
    const session = await (await api.session.$get()).json();
    expect(session.account.name).toBe("Demo Coffee");
    expect(session.locale).toBe("fr-CA");
    const days = await api.days.$get({ query: { from: "2026-11-01", to: "2026-11-30" } });
    expect(days.status).toBe(200);
    const body = await days.json();
    expect("days" in body ? body.days : body).toEqual([]);
  });

  it("sends a day action and reads its refusal", async () => {
    const api = await client();
    const [store] = await stack.db.select().from(stores);
    const response = await api.days[":storeId"][":date"][":action"].$post({
      param: { storeId: store!.id, date: "2026-11-20", action: "reload" },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: { code: "mapping_inactive" } });
  });
});
