import { describe, expect, it } from "vitest";
import { toBase64 } from "../../../server/crypto/base64";
import { openSecret, sealSecret, SecretBoxError } from "../../../server/crypto/secretBox";

const KEY = toBase64(new Uint8Array(32).map((_, i) => i + 1));
const OTHER_KEY = toBase64(new Uint8Array(32).map((_, i) => 200 - i));

describe("secretBox (AES-256-GCM)", () => {
  it("opens what it sealed, including non-ASCII text", async () => {
    for (const secret of ["sbx_at_0123456789abcdef", "", "jeton d’accès é 🎫"]) {
      expect(await openSecret(KEY, await sealSecret(KEY, secret))).toBe(secret);
    }
  });

  it("writes self-describing text with a fresh 96-bit IV each time", async () => {
    const first = await sealSecret(KEY, "same secret");
    const second = await sealSecret(KEY, "same secret");
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("same secret");
  });

  it("refuses text whose ciphertext, IV or tag was altered", async () => {
    const sealed = await sealSecret(KEY, "refresh-token-value");
    const [version, iv, ciphertext] = sealed.split(".") as [string, string, string];
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    for (const altered of [
      `${version}.${iv}.${flip(ciphertext, 0)}`,
      `${version}.${iv}.${flip(ciphertext, ciphertext.length - 2)}`,
      `${version}.${flip(iv, 3)}.${ciphertext}`,
    ]) {
      await expect(openSecret(KEY, altered)).rejects.toThrow(/altered or sealed with another key/);
    }
  });

  it("refuses text sealed with another key", async () => {
    const sealed = await sealSecret(OTHER_KEY, "access-token");
    await expect(openSecret(KEY, sealed)).rejects.toBeInstanceOf(SecretBoxError);
  });

  it("names what is wrong with text that is not a sealed secret", async () => {
    await expect(openSecret(KEY, "plaintext-token")).rejects.toThrow(/not a sealed secret/);
    await expect(openSecret(KEY, "v2.AAAA.BBBB")).rejects.toThrow(/not a sealed secret/);
    await expect(openSecret(KEY, "v1.@@@.BBBB")).rejects.toThrow(/not base64url/);
    await expect(openSecret(KEY, "v1.AAAA.BBBB")).rejects.toThrow(/malformed IV/);
  });

  it("refuses a key that is not 32 bytes of base64", async () => {
    await expect(sealSecret(toBase64(new Uint8Array(16)), "x")).rejects.toThrow(/must be 32 bytes, not 16/);
    await expect(sealSecret("not base64!", "x")).rejects.toThrow(/not base64/);
  });
});
