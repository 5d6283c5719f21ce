import { defineConfig } from "vitest/config";

const env = { TZ: "UTC", OBSERVABLE_TELEMETRY_DISABLE: "true" };

// Two projects: `unit` (everything but the browser) and `browser`, which builds the site once (test/browser/setup.ts)
// and drives Debian's Chromium through playwright-core. `npx vitest run --project unit` skips the browser.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { test: { name: "unit", include: ["test/*.test.ts"], env, testTimeout: 60_000 } },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          env,
          globalSetup: ["test/browser/setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // one Chromium at a time on a 2-core machine
          fileParallelism: false,
        },
      },
    ],
  },
});
