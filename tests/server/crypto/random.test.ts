import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newId, pkceChallenge, pkceVerifier, randomHex } from "../../../server/crypto/random";

describe("random values", () => {
  it("gives hex of the requested size and distinct ids", () => {
    expect(randomHex(32)).toMatch(/^[0-9a-f]{64}$/);
    expect(randomHex(32)).not.toBe(randomHex(32));
    expect(newId()).not.toBe(newId());
  });

  it("makes RFC 7636 verifiers and their S256 challenges", async () => {
    const verifier = pkceVerifier();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await pkceChallenge(verifier)).toBe(createHash("sha256").update(verifier).digest("base64url"));
    // The example of RFC 7636, appendix B.
    expect(await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });
});
