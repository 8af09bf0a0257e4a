// The POS failing while a day loads, through the sandbox's fault orders: a refused token is
// refreshed once; a connection the POS keeps refusing asks the merchant to reconnect, and the load
// is not retried in a loop; nothing half-loaded is left behind.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connections, executions, snapshots, storeDays } from "../../../server/db/schema";
import { runNightly } from "../../../server/services/nightly";
import { createFullStack, type FullStack } from "../../support/fullStack";

let stack: FullStack;
beforeEach(async () => {
  stack = await createFullStack(Date.parse("2026-11-20T15:00:00Z"));
  await stack.install();
  stack.clock.set(Date.parse("2026-11-21T15:00:00Z"));
});
afterEach(() => stack.close());

describe("POS faults during a load", () => {
  it("a 401 is answered by refreshing the token once, and the load goes on", async () => {
    const [before] = await stack.db.select().from(connections);
    stack.faults.order({ target: "pos", fault: "401", count: 1 });
    await runNightly(stack.deps);
    await stack.drain();
    const days = await stack.db.select().from(storeDays);
    expect(days.map((day) => day.status)).toEqual(["hold", "hold", "hold"]); // loaded; no mapping yet
    const [after] = await stack.db.select().from(connections);
    expect(after?.status).toBe("connected");
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
  });

  it("a POS that keeps refusing the token marks the connection reconnect_required and stops retrying", async () => {
    stack.faults.order({ target: "pos", fault: "401", count: 100 });
    await runNightly(stack.deps);
    expect(await stack.drain(3600)).toBe(3);
    const [pos] = await stack.db.select().from(connections);
    expect(pos?.status).toBe("reconnect_required");
    const days = await stack.db.select().from(storeDays);
    expect(days.every((day) => day.status === "missing" && day.lastError === "pos_reconnect_required")).toBe(
      true,
    );
    expect(await stack.db.select().from(snapshots)).toEqual([]);
    const failed = await stack.db.select().from(executions);
    expect(failed.filter((run) => run.action === "load").every((run) => run.status === "failed")).toBe(true);
  });
});
