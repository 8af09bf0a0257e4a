// The extension's pages under /app (DESIGN §1): the single-page app's index.html for every page path,
// with the POS origin it may talk to written in, and its hashed assets. The POS frames these pages
// (app.ts sends `frame-ancestors` for the POS origin only); the data comes from /api with the session
// token, so the pages themselves hold nothing of any account.
import { Hono } from "hono";
import { POS_ORIGIN_META } from "../../shared/embed";
import type { Env } from "../env";
import type { ExtensionAssets } from "./assets";

const escapeAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function extensionRoutes(env: Pick<Env, "posOrigin">, assets: ExtensionAssets | undefined) {
  const app = new Hono();
  const meta = `<meta name="${POS_ORIGIN_META}" content="${escapeAttribute(env.posOrigin)}">`;

  app.get("/assets/*", async (c) => {
    const file = await assets?.file(c.req.path.replace(/^\/app/, ""));
    if (!file) return c.notFound();
    const response = new Response(file.body, file);
    // File names carry a hash of their content.
    response.headers.set("Cache-Control", "public, max-age=31536000, immutable");
    return response;
  });

  app.get("/", (c) => {
    const query = new URL(c.req.url).search;
    return c.redirect(`/app/days${query}`, 302);
  });

  app.get("*", async (c) => {
    const index = await assets?.file("/index.html");
    if (!index)
      return c.text("The extension is not built: run `npm run build:extension` (npm start does).", 503);
    const page = (await index.text()).replace("</head>", `${meta}</head>`);
    // The first load carries the session token in its query: never send it on as a Referer.
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
    return c.html(page);
  });
  return app;
}
