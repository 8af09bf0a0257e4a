// Response headers. Extension pages may be framed by the POS back office only: a per-origin
// `frame-ancestors`, and no X-Frame-Options (SAMEORIGIN would refuse the POS). Everything else
// refuses to be framed at all.
import { secureHeaders } from "hono/secure-headers";

export function embeddedPageHeaders(posOrigin: string) {
  return secureHeaders({
    xFrameOptions: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      frameAncestors: [posOrigin],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  });
}

export function unframedHeaders() {
  return secureHeaders({ contentSecurityPolicy: { frameAncestors: ["'none'"] } });
}
