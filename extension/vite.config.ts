// Builds the extension into extension/dist: index.html and hashed assets under /app/, a manifest of the
// chunks (.vite/manifest.json, read by `npm run bench`), each page in a chunk of its own.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    target: "es2022",
    reportCompressedSize: false,
    // React, Polaris and the router make one ~500 kB (~135 kB gzip) entry chunk; the first screen's
    // budget is gzip size, which `npm run bench` reports.
    chunkSizeWarningLimit: 700,
  },
  logLevel: "warn",
});
