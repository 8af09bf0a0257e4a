// The built extension (extension/dist, made by `npm run build:extension`) as the server reads it: from
// disk on Node (diskAssets.ts), through the Worker's assets binding on Cloudflare. Paths are relative to the build's
// root: "/index.html", "/assets/main-1a2b.js".
export interface ExtensionAssets {
  /** The file's response (body and content type), or null when the build has no such file. */
  file(path: string): Promise<Response | null>;
}

/** Workers: the assets binding of wrangler.toml (`[assets] binding = "ASSETS"`). */
export function boundAssets(binding: { fetch(request: Request): Promise<Response> }): ExtensionAssets {
  return {
    async file(path) {
      // The binding serves "/" for index.html (it redirects "/index.html" there).
      const url = new URL(path === "/index.html" ? "/" : path, "https://assets.invalid");
      const response = await binding.fetch(new Request(url));
      return response.ok ? response : null;
    },
  };
}
