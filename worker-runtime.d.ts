// For tsconfig.worker.json only. TextEncoder.encode returns a Uint8Array over a fresh ArrayBuffer, never a
// shared one, as TypeScript's DOM lib says; the Workers types say ArrayBufferLike, which the server's
// WebCrypto calls (typed for ArrayBuffer) refuse.
interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
