import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CLOCK_QUEUE } from '@huiyin/timers';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { openTestBackend } from '../support/queue-backend.ts';
import { sharedDatabaseUrl, sharedRedisPrefix } from '../support/run-scope.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;
// On the suite's backend: bull-board reads either.
const backend = await openTestBackend(sharedRedisPrefix(), sharedDatabaseUrl());
const clockQueue = backend.queue(CLOCK_QUEUE);
afterAll(async () => {
  await clockQueue.close();
  await backend.close();
});

// The board renders under the API's content security policy (scripts from its own origin only).
useOwnConsole('browser_queue_board', (own) => ({ server, d, browser } = own), { boardQueues: [clockQueue] });

describe('the queue board (bull-board)', () => {
  it('renders for an admin signed in to the console, listing the timer queue', async () => {
    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/admin/queues');
    await page.getByText(CLOCK_QUEUE).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'admin-queue-board');
    // Its own scripts and styles load; only its Google Fonts stylesheet is refused (the policy keeps
    // the console off third-party hosts), and it falls back to the system font.
    expect(errors.filter((e) => /Content Security Policy|Refused/.test(e) && !e.includes('fonts.googleapis.com'))).toEqual([]);
  }, 90_000);
});
