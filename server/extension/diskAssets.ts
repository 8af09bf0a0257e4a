// The built extension read from disk: how Node serves it.
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { getMimeType } from "hono/utils/mime";
import type { ExtensionAssets } from "./assets";

/** Where Vite writes the build (extension/vite.config.ts), whatever the working directory. */
export const EXTENSION_BUILD_DIR = fileURLToPath(new URL("../../extension/dist", import.meta.url));

/** Node: files under `root`; a path that would leave it is simply not found. */
export function diskAssets(root: string = EXTENSION_BUILD_DIR): ExtensionAssets {
  return {
    async file(path) {
      const relative = normalize(path).replace(/^(\.\.[/\\])+/, "");
      if (relative.split(/[/\\]/).includes("..")) return null;
      try {
        const body = await readFile(join(root, relative));
        const type = getMimeType(`x${extname(relative)}`) ?? "application/octet-stream";
        return new Response(body, { headers: { "Content-Type": type } });
      } catch {
        return null;
      }
    },
  };
}
