// How the POS back office and the embedded extension talk (DESIGN §7). The POS opens the extension
// in an iframe at the manifest's path with `?id_token=<session token>`; session tokens live about a
// minute, so the extension asks its parent frame for a fresh one by postMessage. The POS gives the frame
// the height of its window: the extension scrolls inside it, so its dialogs and toasts stay in view. Each side checks the
// other's origin (and the frame it came from) before it trusts a message.

/** The meta tag the server writes into the extension's page: the POS origin, the only one trusted. */
export const POS_ORIGIN_META = "daybook:pos-origin";

/** The query parameter that carries the session token on the iframe's first load. */
export const ID_TOKEN_PARAM = "id_token";

/** Extension -> POS: a fresh session token, please. `requestId` comes back with the answer. */
export interface TokenRequestMessage {
  type: "daybook:token-request";
  requestId: string;
}

/** POS -> extension: the fresh token for the person now signed in to the back office. */
export interface TokenMessage {
  type: "daybook:token";
  requestId: string;
  token: string;
}

export function isTokenMessage(data: unknown): data is TokenMessage {
  const message = data as Partial<TokenMessage> | null;
  return (
    typeof message === "object" &&
    message !== null &&
    message.type === "daybook:token" &&
    typeof message.requestId === "string" &&
    typeof message.token === "string"
  );
}
