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
  },
  logLevel: "warn",
});
