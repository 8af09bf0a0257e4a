// Secrets at rest (OAuth tokens): AES-256-GCM with the key of Env.tokenEncryptionKey. The sealed text
// is self-describing, `v1.<iv>.<ciphertext+tag>` in base64url, so the format can change later
// without guessing. GCM authenticates: altered text or another key fails to open, never decrypts to junk.
import { fromBase64, fromBase64Url, toBase64Url } from "./base64";

const VERSION = "v1";
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

function encryptionKey(keyBase64: string): Promise<CryptoKey> {
  let key = importedKeys.get(keyBase64);
  if (!key) {
    key = importKey(keyBase64);
    importedKeys.set(keyBase64, key);
    key.catch(() => importedKeys.delete(keyBase64));
  }
  return key;
}

async function importKey(keyBase64: string): Promise<CryptoKey> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(keyBase64);
  } catch {
    throw new SecretBoxError("the encryption key is not base64 text");
  }
  if (raw.length !== 32) throw new SecretBoxError(`the encryption key must be 32 bytes, not ${raw.length}`);
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

export async function sealSecret(keyBase64: string, plaintext: string): Promise<string> {
  const key = await encryptionKey(keyBase64);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

export async function openSecret(keyBase64: string, sealed: string): Promise<string> {
  const key = await encryptionKey(keyBase64);
  const [version, ivText, ciphertextText, ...rest] = sealed.split(".");
  if (version !== VERSION || ivText === undefined || ciphertextText === undefined || rest.length > 0) {
    throw new SecretBoxError(`not a sealed secret (expected "${VERSION}.<iv>.<ciphertext>")`);
  }
  let iv: Uint8Array<ArrayBuffer>;
  let ciphertext: Uint8Array<ArrayBuffer>;
  try {
    iv = fromBase64Url(ivText);
    ciphertext = fromBase64Url(ciphertextText);
  } catch {
    throw new SecretBoxError("the sealed secret is not base64url text");
  }
  if (iv.length !== IV_BYTES) throw new SecretBoxError("the sealed secret has a malformed IV");
  try {
    const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, ciphertext);
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new SecretBoxError("the sealed secret cannot be opened: it was altered or sealed with another key");
  }
}
