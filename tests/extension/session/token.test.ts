// The session token as the POS hands it over: kept while it has time left, renewed from the parent frame
// by postMessage, and only from the POS origin and the parent frame; one request for concurrent callers.
import { describe, expect, it } from "vitest";
import {
  createTokenSource,
  expiryOf,
  NoSessionError,
  takeInitialToken,
} from "../../../extension/src/session/token";

const POS = "http://localhost:8787";
const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, "")}.s`;

/** A frame inside a parent: what the extension posts to its parent is recorded; `answer` replies. */
function framedWindow() {
  const events = new EventTarget();
  const sent: { message: { type: string; requestId: string }; origin: string }[] = [];
  const parent = { postMessage: (message: never, origin: string) => sent.push({ message, origin }) };
  const view = {
    parent,
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: number) => clearTimeout(id),
  };
  const answer = (data: unknown, from: { origin?: string; source?: unknown } = {}) =>
    events.dispatchEvent(
      Object.assign(new Event("message"), {
        data,
        origin: from.origin ?? POS,
        source: from.source ?? parent,
      }),
    );
  return { view: view as unknown as Window, sent, answer };
}

describe("the session token source", () => {
  it("keeps the first token while it has more than a few seconds left", async () => {
    const { view, sent } = framedWindow();
    const source = createTokenSource({ initial: jwt(100), posOrigin: POS, window: view, now: () => 50_000 });
    expect(await source.current()).toBe(jwt(100));
    expect(sent).toEqual([]);
  });

  it("asks the POS for a fresh one near expiry, to the POS origin only, and takes the matching answer", async () => {
    const { view, sent, answer } = framedWindow();
    const source = createTokenSource({ initial: jwt(100), posOrigin: POS, window: view, now: () => 95_000 });
    const first = source.current();
    const second = source.current();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.origin).toBe(POS);
    const { requestId } = sent[0]!.message;
    expect(sent[0]!.message.type).toBe("daybook:token-request");
    answer({ type: "daybook:token", requestId: "someone-else", token: "wrong" });
    answer({ type: "daybook:token", requestId, token: "forged" }, { origin: "https://evil.example" });
    answer({ type: "daybook:token", requestId, token: "other-frame" }, { source: {} });
    answer({ type: "daybook:token", requestId, token: jwt(200) });
    expect(await first).toBe(jwt(200));
    expect(await second).toBe(jwt(200));
  });

  it("gives up when the POS does not answer, and outside a frame at once", async () => {
    const { view } = framedWindow();
    const silent = createTokenSource({ initial: null, posOrigin: POS, window: view, timeoutMs: 20 });
    await expect(silent.current()).rejects.toBeInstanceOf(NoSessionError);
    const top = { parent: null } as unknown as Window;
    (top as unknown as { parent: Window }).parent = top;
    const alone = createTokenSource({ initial: null, posOrigin: POS, window: top });
    await expect(alone.refresh()).rejects.toBeInstanceOf(NoSessionError);
  });

  it("reads expiry without trusting the token, and takes the token out of the address", () => {
    expect(expiryOf(jwt(1234))).toBe(1_234_000);
    expect(expiryOf("not-a-jwt")).toBeUndefined();
    let replaced = "";
    const view = {
      location: { href: "http://127.0.0.1:8787/app/days?id_token=abc&store=1#top" },
      history: { state: null, replaceState: (_: unknown, __: string, url: string) => (replaced = url) },
    } as unknown as Window;
    expect(takeInitialToken(view, "id_token")).toBe("abc");
    expect(replaced).toBe("/app/days?store=1#top");
  });
});
