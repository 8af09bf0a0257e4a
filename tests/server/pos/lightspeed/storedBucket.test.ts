// The account's bucket in the database: limiters of two processes (or isolates) on one database share it,
// so their concurrent requests never overflow the POS's bucket.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BucketLimiter } from "../../../../server/pos/lightspeed/bucket";
import { storedBucketLimiter } from "../../../../server/pos/lightspeed/storedBucket";
import { createTestDatabase, type TestDatabase } from "../../../support/database";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const clock = () => Date.now();
let database: TestDatabase;

/** A clock that moves only when the limiter sleeps: what it waited is counted, not timed. */
function manualTime() {
  let now = 1_700_000_000_000;
  let slept = 0;
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
      slept += ms;
    },
    slept: () => slept,
  };
}

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

/** The POS side, as Lightspeed meters it: a request is let in while the bucket is below its size. */
function posBucket(size: number, dripRate: number) {
  let level = 0;
  let at = clock();
  const answered = { ok: 0, refused: 0 };
  return {
    answered,
    answer(): Headers {
      level = Math.max(0, level - ((clock() - at) / 1000) * dripRate);
      at = clock();
      if (level >= size) answered.refused++;
      else {
        level += 1;
        answered.ok++;
      }
      return new Headers({
        "X-LS-Api-Bucket-Level": `${level}/${size}`,
        "X-LS-Api-Drip-Rate": String(dripRate),
        "X-LS-Api-Request-Cost": "1",
      });
    },
  };
}

async function request(limiter: BucketLimiter, pos: ReturnType<typeof posBucket>) {
  const reservation = await limiter.acquire();
  await sleep(5); // on the way to the POS
  const headers = pos.answer();
  await sleep(5); // and back
  await reservation.settle(headers);
}

describe("the bucket in the database", () => {
  it("is shared by the limiters of two processes: their concurrent requests never overflow it", async () => {
    const pos = posBucket(10, 100);
    // Both learn the bucket's size and drip rate from a first answer.
    const a = storedBucketLimiter(database.db, "pos|1001", { clock, sleep });
    const b = storedBucketLimiter(database.db, "pos|1001", { clock, sleep });
    await request(a, pos);
    await Promise.all(Array.from({ length: 40 }, (_, i) => request(i % 2 ? a : b, pos)));
    expect(pos.answered).toEqual({ ok: 41, refused: 0 });
  });

  it("holds every process's requests for a 429's Retry-After", async () => {
    const time = manualTime();
    const a = storedBucketLimiter(database.db, "pos|1001", time);
    const b = storedBucketLimiter(database.db, "pos|1001", time);
    await (await a.acquire()).settle(new Headers());
    await a.pause(0.2);
    await b.acquire();
    expect(time.slept()).toBeGreaterThanOrEqual(200);
  });

  it("keeps the buckets of two accounts apart", async () => {
    const time = manualTime();
    const full = new Headers({ "X-LS-Api-Bucket-Level": "90/90", "X-LS-Api-Drip-Rate": "0.5" });
    const a = storedBucketLimiter(database.db, "pos|1001", time);
    await (await a.acquire()).settle(full);
    const other = storedBucketLimiter(database.db, "pos|2002", time);
    await other.acquire();
    expect(time.slept()).toBe(0);
    // The full one does wait, for its drip.
    await a.acquire();
    expect(time.slept()).toBeGreaterThan(0);
  });
});
