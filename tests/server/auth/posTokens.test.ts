import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { posCredentials, purgePosTokens, sealPosTokens } from "../../../server/auth/posTokens";
import { openSecret } from "../../../server/crypto/secretBox";
import type { Deps } from "../../../server/deps";
import { PosAuthError, PosUnavailableError } from "../../../server/pos/port";
import { upsertInstalledAccount } from "../../../server/repos/accounts";
import { findConnection, upsertConnection } from "../../../server/repos/connections";
import { revokeSandboxTokens, sandboxAccessTokenOwner } from "../../../server/sandbox/pos/oauth";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import {
  createPlatform,
  grantTokens,
  manualClock,
  type ManualClock,
  type Platform,
} from "../../support/installPlatform";

let database: TestDatabase;
let time: ManualClock;
let platform: Platform;
let issued: { access_token: string; refresh_token: string };
/** Status of every answer of the token endpoint to a refresh. */
let refreshAnswers: number[];

const MINUTE = 60_000;

beforeEach(async () => {
  database = await createTestDatabase();
  time = manualClock();
  platform = createPlatform(database.db, time.clock);
  refreshAnswers = [];
  const { tokens } = await grantTokens(platform);
  issued = tokens;
  const { db } = database;
  await upsertInstalledAccount(
    db,
    { id: "acc", posAccountId: "1001", name: "Demo", syncStartDate: "2026-03-02" },
    1,
  );
  await upsertConnection(
    db,
    "acc",
    "pos",
    { ...(await sealPosTokens(platform.deps, tokens)), scopes: "" },
    1,
  );
});
afterEach(() => database.close());

/** Deps whose fetch records the token endpoint's answers; with `barrier`, requests wait until
 *  `barrier.size` of them have arrived, so that concurrent refreshes really meet at the POS. */
function depsWith(barrier?: Barrier): Pick<Deps, "env" | "db" | "clock" | "fetch"> {
  return {
    ...platform.deps,
    fetch: async (input, init) => {
      if (barrier) await barrier.arrive();
      const response = await platform.deps.fetch(input, init);
      refreshAnswers.push(response.status);
      return response;
    },
  };
}

interface Barrier {
  size: number;
  arrive(): Promise<void>;
}

function barrier(size: number): Barrier {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    size,
    arrive() {
      arrived += 1;
      if (arrived === size) open();
      return opened;
    },
  };
}

async function stored() {
  const connection = await findConnection(database.db, "acc", "pos");
  const key = platform.deps.env.tokenEncryptionKey;
  return {
    connection,
    access: connection?.accessToken ? await openSecret(key, connection.accessToken) : null,
    refresh: connection?.refreshToken ? await openSecret(key, connection.refreshToken) : null,
  };
}

const ownerOf = (token: string) => sandboxAccessTokenOwner(database.db, time.clock, token);

describe("posCredentials", () => {
  it("returns the stored access token while it has more than 5 minutes left", async () => {
    time.advance(54 * MINUTE);
    expect(await posCredentials(depsWith(), "acc").accessToken()).toBe(issued.access_token);
    expect(refreshAnswers).toEqual([]);
  });

  it("refreshes a token expiring within 5 minutes and stores the rotated refresh token every time", async () => {
    time.advance(56 * MINUTE);
    const credentials = posCredentials(depsWith(), "acc");
    const fresh = await credentials.accessToken();
    expect(fresh).not.toBe(issued.access_token);
    expect(await ownerOf(fresh)).toBe("1001");
    const afterFirst = await stored();
    expect(afterFirst.access).toBe(fresh);
    expect(afterFirst.refresh).not.toBe(issued.refresh_token);
    expect(afterFirst.connection?.expiresAt).toBe(time.now() + 60 * MINUTE);

    // The old refresh token is dead; only the stored one can refresh again.
    time.advance(56 * MINUTE);
    const second = await credentials.accessToken();
    expect(second).not.toBe(fresh);
    expect((await stored()).refresh).not.toBe(afterFirst.refresh);
    expect(refreshAnswers).toEqual([200, 200]);
  });

  it("one adapter refreshing twice at once sends one refresh", async () => {
    const credentials = posCredentials(depsWith(), "acc");
    const [a, b] = await Promise.all([credentials.refresh(), credentials.refresh()]);
    expect(a).toBe(b);
    expect(refreshAnswers).toEqual([200]);
  });

  it("two instances refreshing with the same refresh token: one wins, both get its valid token", async () => {
    const meeting = barrier(2);
    const first = posCredentials(depsWith(meeting), "acc").refresh();
    const second = posCredentials(depsWith(meeting), "acc").refresh();
    const [a, b] = await Promise.all([first, second]);

    expect(refreshAnswers.sort()).toEqual([200, 400]);
    expect(a).toBe(b);
    expect(await ownerOf(a)).toBe("1001");
    const after = await stored();
    expect(after.connection?.status).toBe("connected");
    expect(after.access).toBe(a);
    // The winner's refresh token was kept: it still refreshes.
    expect(await ownerOf(await posCredentials(depsWith(), "acc").refresh())).toBe("1001");
  });

  it("a refused refresh marks the connection reconnect_required and throws PosAuthError", async () => {
    await revokeSandboxTokens(database.db, "1001");
    const credentials = posCredentials(depsWith(), "acc");
    await expect(credentials.refresh()).rejects.toThrow(PosAuthError);
    const { connection } = await stored();
    expect(connection?.status).toBe("reconnect_required");
    expect(connection?.lastError).toMatch(/refused.*invalid_grant.*reconnect/);

    // From now on the adapter is told at once, without asking the POS again.
    time.advance(56 * MINUTE);
    await expect(credentials.accessToken()).rejects.toThrow(/invalid_grant/);
    expect(refreshAnswers).toEqual([400]);
  });

  it("a POS that cannot be reached is a retryable failure that keeps the connection", async () => {
    const credentials = posCredentials(
      { ...platform.deps, fetch: async () => new Response("down", { status: 503 }) },
      "acc",
    );
    await expect(credentials.refresh()).rejects.toThrow(PosUnavailableError);
    expect((await stored()).connection?.status).toBe("connected");
  });

  it("revoke marks the connection reconnect_required with the reason", async () => {
    await posCredentials(depsWith(), "acc").revoke("the POS answered 401 twice");
    expect((await stored()).connection).toMatchObject({
      status: "reconnect_required",
      lastError: "the POS answered 401 twice",
    });
    await expect(posCredentials(depsWith(), "acc").accessToken()).rejects.toThrow(
      "the POS answered 401 twice",
    );
  });

  it("an account without a POS connection gets PosAuthError", async () => {
    await expect(posCredentials(depsWith(), "no-such-account").accessToken()).rejects.toThrow(
      /not connected: reconnect Daybook to the POS/,
    );
  });

  it("purgePosTokens forgets the tokens; the account is then not connected", async () => {
    await purgePosTokens(database.db, "acc", time.now());
    expect((await stored()).connection).toMatchObject({
      status: "disconnected",
      accessToken: null,
      refreshToken: null,
      expiresAt: null,
    });
    await expect(posCredentials(depsWith(), "acc").accessToken()).rejects.toThrow(PosAuthError);
  });
});
