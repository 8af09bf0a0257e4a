// Random identifiers, nonces and PKCE (RFC 7636) values from the platform's CSPRNG.
import { toBase64Url, toHex } from "./base64";

export function newId(): string {
  return crypto.randomUUID();
}

/** `bytes` random bytes as lowercase hex (OAuth state: 32 bytes). */
export function randomHex(bytes: number): string {
  return toHex(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A PKCE code verifier: 32 random bytes, 43 base64url characters. */
export function pkceVerifier(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return toBase64Url(new Uint8Array(digest));
}
