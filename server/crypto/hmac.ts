// HMAC-SHA256 with WebCrypto (Workers and Node): webhook signatures and constant-time comparisons.
// Webhooks are signed with key = the client secret as UTF-8, message = the raw body bytes, and the
// signature is standard padded base64 (what the sandbox sender produces and the POS sends).
import { fromBase64, toBase64, toHex } from "./base64";

export type HmacMessage = string | ArrayBuffer | Uint8Array<ArrayBuffer>;

const importedKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = importedKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    importedKeys.set(secret, key);
  }
  return key;
}

function bytesOf(message: HmacMessage): ArrayBuffer | Uint8Array<ArrayBuffer> {
  return typeof message === "string" ? new TextEncoder().encode(message) : message;
}

async function sign(secret: string, message: HmacMessage): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), bytesOf(message)));
}

export async function hmacSha256Base64(secret: string, message: HmacMessage): Promise<string> {
  return toBase64(await sign(secret, message));
}

export async function hmacSha256Hex(secret: string, message: HmacMessage): Promise<string> {
  return toHex(await sign(secret, message));
}

/** True when `signature` (standard base64) is the HMAC-SHA256 of `message`; false for a missing or
 *  malformed header. crypto.subtle.verify compares in constant time. */
export async function verifyHmacBase64(
  secret: string,
  message: HmacMessage,
  signature: string | null | undefined,
): Promise<boolean> {
  if (!signature) return false;
  let expected: Uint8Array<ArrayBuffer>;
  try {
    expected = fromBase64(signature.trim());
  } catch {
    return false;
  }
  return crypto.subtle.verify("HMAC", await hmacKey(secret), expected, bytesOf(message));
}

/** Compares two texts in constant time (OAuth state, client secrets): both sides are hashed first,
 *  so the comparison runs over 32 bytes whatever the texts and leaks neither content nor length. */
export async function timingSafeEqualText(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all(
    [a, b].map(
      async (text) => new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
    ),
  );
  let difference = 0;
  for (let i = 0; i < 32; i++) difference |= left![i]! ^ right![i]!;
  return difference === 0;
}
