import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { createDistrict, type SmallDistrict } from '../../support/district.ts';
import { ownDatabase } from '../../support/own-database.ts';
import { launchChromium } from './browser.ts';
import { startConsoleServer, type ConsoleServer } from './console-server.ts';

/** What a browser test file drives: its console server, the district seeded in it, and Chromium. */
export type OwnConsole = { server: ConsoleServer; d: SmallDistrict; browser: Browser };

/**
 * Registers the file's beforeAll/afterAll: a database of its own named `huiyin_test_<run>_<suffix>` (for pages
 * that list everything there is), a console server on it, a small district and Chromium; `ready` hands them to
 * the file's variables once all have started. Teardown closes whatever did start, even after a failed start.
 */
export function useOwnConsole(suffix: string, ready: (own: OwnConsole) => void, options: Parameters<typeof startConsoleServer>[1] = {}): void {
  register(suffix, ready, options);
}

/** As {@link useOwnConsole}, on the shared database (test/support/run-scope.ts): for pages that show only what the file made. */
export function useConsole(ready: (own: OwnConsole) => void): void {
  register(undefined, ready, {});
}

function register(suffix: string | undefined, ready: (own: OwnConsole) => void, options: Parameters<typeof startConsoleServer>[1]): void {
  let own: Awaited<ReturnType<typeof ownDatabase>> | undefined;
  let server: ConsoleServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    own = suffix === undefined ? undefined : await ownDatabase(suffix);
    server = await startConsoleServer(own ? { DATABASE_URL: own.url } : {}, options);
    const d = await createDistrict(server.db);
    browser = await launchChromium();
    ready({ server, d, browser });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await own?.drop();
  });
}
