import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findUser, upsertUser } from "../../../server/repos/users";
import { createTwoAccountDatabase, type TestDatabase } from "../../support/database";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTwoAccountDatabase();
});
afterEach(() => database.close());

const sam = {
  posUserId: "1",
  role: "super_user" as const,
  name: "Sam",
  email: "sam@x.test",
  locale: "en-CA",
};

describe("users repository", () => {
  it("creates the user on first sight, then refreshes the profile and lastSeenAt", async () => {
    const { db } = database;
    const first = await upsertUser(db, "a", sam, 100);
    const again = await upsertUser(db, "a", { ...sam, role: "manager", locale: "fr-CA", email: null }, 200);
    expect(again).toEqual({ ...first, role: "manager", locale: "fr-CA", email: null, lastSeenAt: 200 });
    expect(await findUser(db, "a", first.id)).toEqual(again);
  });

  it("the same POS user id in two accounts is two users, each found only in its account", async () => {
    const { db } = database;
    const inA = await upsertUser(db, "a", sam, 100);
    const inB = await upsertUser(db, "b", sam, 100);
    expect(inA.id).not.toBe(inB.id);
    expect(await findUser(db, "b", inA.id)).toBeUndefined();
  });
});
