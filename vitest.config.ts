import { defineConfig } from "vitest/config";

const env = { TZ: "UTC", OBSERVABLE_TELEMETRY_DISABLE: "true" };

// Two projects: `unit` (everything but the browser) and `browser`, which builds the site once (test/browser/setup.ts)
// and drives Debian's Chromium through playwright-core. `npm run test:unit` (vitest run --project unit) skips the
// browser; `npm run test:browser` runs it alone.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // two test files at a time on a 2-core machine (Vitest's default is one fewer worker than cores)
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/*.test.ts"],
          env,
          testTimeout: 60_000,
          // the files of a worker share its loaded modules (DuckDB, the parsers) instead of each loading them again:
          // no test mocks a module, and the CLI tests restore the environment they change (test/helpers/cli.ts)
          isolate: false,
        },
      },
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
