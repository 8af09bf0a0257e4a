import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  hmacSha256Base64,
  hmacSha256Hex,
  timingSafeEqualText,
  verifyHmacBase64,
} from "../../../server/crypto/hmac";

const SECRET = "sandbox-client-secret-not-for-production-use";
const BODY = '{"deliveryId":"d-1","topic":"sale.voided","data":{"note":"café"}}';

describe("HMAC-SHA256", () => {
  it("signs like Node's createHmac, as padded standard base64 and as hex", async () => {
    expect(await hmacSha256Base64(SECRET, BODY)).toBe(
      createHmac("sha256", SECRET).update(BODY).digest("base64"),
    );
    expect(await hmacSha256Hex(SECRET, BODY)).toBe(createHmac("sha256", SECRET).update(BODY).digest("hex"));
  });

  it("verifies a signature over the raw body bytes", async () => {
    const raw = new TextEncoder().encode(BODY);
    const signature = createHmac("sha256", SECRET).update(raw).digest("base64");
    expect(await verifyHmacBase64(SECRET, raw, signature)).toBe(true);
    expect(await verifyHmacBase64(SECRET, raw.buffer, signature)).toBe(true);
  });

  it("refuses another body, another secret, a truncated, malformed or missing signature", async () => {
    const signature = await hmacSha256Base64(SECRET, BODY);
    expect(await verifyHmacBase64(SECRET, BODY.replace("d-1", "d-2"), signature)).toBe(false);
    expect(await verifyHmacBase64(`${SECRET}x`, BODY, signature)).toBe(false);
    expect(await verifyHmacBase64(SECRET, BODY, signature.slice(0, 20))).toBe(false);
    expect(await verifyHmacBase64(SECRET, BODY, "not base64 at all")).toBe(false);
    expect(await verifyHmacBase64(SECRET, BODY, await hmacSha256Hex(SECRET, BODY))).toBe(false);
    expect(await verifyHmacBase64(SECRET, BODY, "")).toBe(false);
    expect(await verifyHmacBase64(SECRET, BODY, undefined)).toBe(false);
  });

  it("compares texts by content", async () => {
    expect(await timingSafeEqualText("a".repeat(64), "a".repeat(64))).toBe(true);
    expect(await timingSafeEqualText("a".repeat(64), `${"a".repeat(63)}b`)).toBe(false);
    expect(await timingSafeEqualText("abc", "abcd")).toBe(false);
    expect(await timingSafeEqualText("", "")).toBe(true);
  });
});
