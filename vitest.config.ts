import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["tests/**/*.test.ts"],
          // tests/worker/ runs in workerd, except its *.node.test.ts (the wrangler bundle); tests/browser/
          // in the browser project.
          exclude: [...configDefaults.exclude, "tests/worker/**/!(*.node).test.ts", "tests/browser/**"],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // wrangler.toml's vars, plus the secrets `wrangler secret put` gives a deployment.
              bindings: {
                POS_CLIENT_SECRET: "workers-test-client-secret-0123456789",
                TOKEN_ENCRYPTION_KEY: "d29ya2Vycy10ZXN0LWVuY3J5cHRpb24ta2V5LTMyYiE=",
                COOKIE_SECRET: "workers-test-cookie-secret-0123456789",
                TEST_MIGRATIONS: await readD1Migrations("migrations"),
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["tests/worker/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/worker/**/*.node.test.ts"],
          setupFiles: ["tests/worker/setup.ts"],
        },
      },
      {
        // The real server (tsx server/node.ts) and Chromium; the extension is built once beforehand.
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          // After the other projects: the real server and Chromium want the machine's cores to themselves.
          sequence: { groupOrder: 1 },
          globalSetup: ["tests/browser/support/globalSetup.ts"],
          setupFiles: ["tests/browser/support/showOnFailure.ts"],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
