// The session token as the POS hands it over (shared/embed.ts): in the first load's query, then fresh
// ones from the parent frame on request. Tokens live about a minute; a request goes out shortly before
// the current one expires, or when the API turns one down.
import { isTokenMessage, type TokenRequestMessage } from "../../../shared/embed";

/** No token can be had: the page was not opened by the POS, or the POS did not answer. */
export class NoSessionError extends Error {
  override name = "NoSessionError";
}

export interface TokenSource {
  /** A token valid for a few more seconds at least. */
  current(): Promise<string>;
  /** A fresh token from the POS, whatever the current one's age. */
  refresh(): Promise<string>;
}

interface TokenSourceOptions {
  initial: string | null;
  /** The only origin whose messages are trusted and to which requests are sent. */
  posOrigin: string | null;
  window: Window;
  now?: () => number;
  timeoutMs?: number;
}

/** Renew this long before expiry, so a request never leaves with a token about to lapse. */
const RENEW_MARGIN_MS = 10_000;

/** The `exp` of a JWT in milliseconds, read without verifying it: only to know when to renew. The
 *  server verifies every token. */
export function expiryOf(token: string): number | undefined {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const { window: view, posOrigin } = options;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let token = options.initial;
  let pending: Promise<string> | null = null;

  const ask = () =>
    new Promise<string>((resolve, reject) => {
      if (!posOrigin || view.parent === view) {
        reject(new NoSessionError("Daybook must be opened from the POS back office"));
        return;
      }
      const requestId = crypto.randomUUID();
      const timer = view.setTimeout(() => {
        view.removeEventListener("message", listen);
        reject(new NoSessionError("the POS did not renew the session"));
      }, timeoutMs);
      function listen(event: MessageEvent) {
        if (event.origin !== posOrigin || event.source !== view.parent) return;
        if (!isTokenMessage(event.data) || event.data.requestId !== requestId) return;
        view.clearTimeout(timer);
        view.removeEventListener("message", listen);
        resolve(event.data.token);
      }
      view.addEventListener("message", listen);
      const request: TokenRequestMessage = { type: "daybook:token-request", requestId };
      view.parent.postMessage(request, posOrigin);
    });

  const refresh = () => {
    pending ??= ask()
      .then((fresh) => (token = fresh))
      .finally(() => (pending = null));
    return pending;
  };

  return {
    refresh,
    async current() {
      const expiry = token ? expiryOf(token) : undefined;
      if (token && expiry !== undefined && expiry - now() > RENEW_MARGIN_MS) return token;
      return refresh();
    },
  };
}

/** The token in the first load's query, taken out of the address so it is not kept in history. */
export function takeInitialToken(view: Window, param: string): string | null {
  const url = new URL(view.location.href);
  const token = url.searchParams.get(param);
  if (token === null) return null;
  url.searchParams.delete(param);
  view.history.replaceState(view.history.state, "", url.pathname + url.search + url.hash);
  return token;
}

/** The POS origin the server wrote into the page. */
export function posOriginOf(document: Document, name: string): string | null {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || null;
}
