// app.manifest.json, what the POS marketplace reads (scopes, OAuth paths, webhook topics, extension
// targets), imported as a module so it bundles on Workers, and checked once at load.
import { z } from "zod";
import manifestJson from "../app.manifest.json" with { type: "json" };
import { ROLES } from "./db/schema";

const Path = z.string().regex(/^\/[^\s]*$/, "must be a path starting with /");

const AppManifest = z.object({
  name: z.string().min(1),
  handle: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  scopes: z.array(z.string().min(1)).min(1),
  oauth: z.object({ install: Path, redirect: Path }),
  webhooks: z.object({ endpoint: Path, topics: z.array(z.string().min(1)).min(1) }),
  extensions: z.array(
    z.object({
      target: z.string().min(1),
      label: z.string().min(1),
      path: Path,
      roles: z.array(z.enum(ROLES)),
    }),
  ),
});
export type AppManifest = z.infer<typeof AppManifest>;

export const manifest: AppManifest = AppManifest.parse(manifestJson);

/** The manifest as the POS reads it from a running app: every path made absolute on `appUrl`. */
export function publishedManifest(appUrl: string) {
  const at = (path: string) => `${appUrl}${path}`;
  return {
    ...manifest,
    oauth: { install: at(manifest.oauth.install), redirect: at(manifest.oauth.redirect) },
    webhooks: { ...manifest.webhooks, endpoint: at(manifest.webhooks.endpoint) },
    extensions: manifest.extensions.map((extension) => ({ ...extension, url: at(extension.path) })),
  };
}
