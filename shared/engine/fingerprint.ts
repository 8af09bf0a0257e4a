import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import canonicalize from "canonicalize";

/** sha256 of the RFC 8785 canonical JSON of a value: the same content gives the same hash whatever
 *  the key order. Synchronous and runtime-neutral, so the engine stays pure. */
export function fingerprintOf(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalize(value) ?? "")));
}
