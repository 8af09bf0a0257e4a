import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  findConnection,
  markReconnectRequired,
  purgeConnectionTokens,
  replaceRefreshedTokens,
  upsertConnection,
} from "../../../server/repos/connections";
import { createTwoAccountDatabase, type TestDatabase } from "../../support/database";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTwoAccountDatabase();
});
afterEach(() => database.close());

const tokens = (n: number) => ({ accessToken: `at${n}`, refreshToken: `rt${n}`, expiresAt: n * 1000 });

describe("connections repository", () => {
  it("one connection per (account, kind): reconnecting replaces the tokens and clears the error", async () => {
    const { db } = database;
    await upsertConnection(db, "a", "pos", { ...tokens(1), scopes: "s" }, 10);
    await markReconnectRequired(db, "a", "pos", "refused", 20);
    await upsertConnection(db, "a", "pos", { ...tokens(2), scopes: "s t" }, 30);
    expect(await findConnection(db, "a", "pos")).toMatchObject({
      ...tokens(2),
      status: "connected",
      scopes: "s t",
      lastError: null,
      createdAt: 10,
      updatedAt: 30,
    });
    expect(await findConnection(db, "b", "pos")).toBeUndefined();
  });

  it("stores refreshed tokens only over the refresh token that was read", async () => {
    const { db } = database;
    await upsertConnection(db, "a", "pos", { ...tokens(1), scopes: "" }, 10);
    expect(await replaceRefreshedTokens(db, "a", "pos", "rt1", tokens(2), 20)).toBe(true);
    expect(await replaceRefreshedTokens(db, "a", "pos", "rt1", tokens(3), 30)).toBe(false);
    expect(await findConnection(db, "a", "pos")).toMatchObject(tokens(2));
    await purgeConnectionTokens(db, "a", 40);
    expect(await replaceRefreshedTokens(db, "a", "pos", "rt2", tokens(4), 50)).toBe(false);
    expect(await findConnection(db, "a", "pos")).toMatchObject({ status: "disconnected", accessToken: null });
  });

  it("a conditional reconnect_required does not undo a refresh that won", async () => {
    const { db } = database;
    await upsertConnection(db, "a", "pos", { ...tokens(2), scopes: "" }, 10);
    await markReconnectRequired(db, "a", "pos", "stale refusal", 20, "rt1");
    expect(await findConnection(db, "a", "pos")).toMatchObject({ status: "connected", lastError: null });
    await markReconnectRequired(db, "a", "pos", "refused", 30, "rt2");
    expect(await findConnection(db, "a", "pos")).toMatchObject({
      status: "reconnect_required",
      lastError: "refused",
    });
  });

  it("purges the tokens of one kind or of every connection, of one account only", async () => {
    const { db } = database;
    await upsertConnection(db, "a", "pos", { ...tokens(1), scopes: "" }, 10);
    await upsertConnection(db, "a", "qbo", { ...tokens(2), scopes: "", externalId: "realm-1" }, 10);
    await upsertConnection(db, "b", "pos", { ...tokens(3), scopes: "" }, 10);
    const purged = { accessToken: null, refreshToken: null, expiresAt: null, status: "disconnected" };

    await purgeConnectionTokens(db, "a", 20, "pos");
    expect(await findConnection(db, "a", "pos")).toMatchObject(purged);
    expect(await findConnection(db, "a", "qbo")).toMatchObject({ ...tokens(2), externalId: "realm-1" });

    await purgeConnectionTokens(db, "a", 30);
    expect(await findConnection(db, "a", "qbo")).toMatchObject(purged);
    expect(await findConnection(db, "b", "pos")).toMatchObject({ ...tokens(3), status: "connected" });
  });
});
