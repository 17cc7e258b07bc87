import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD, type SmallDistrict } from '../support/district.ts';
import { screenshot, signIn } from './support/browser.ts';
import type { ConsoleServer } from './support/console-server.ts';
import { useOwnConsole } from './support/own-console.ts';
import { chooseOption } from './support/ui.ts';

let server: ConsoleServer;
let d: SmallDistrict;
let browser: Browser;

// Its own database: the page lists every robot and failed message of the district.
useOwnConsole('browser_notice_channels', (own) => ({ server, d, browser } = own));

const POLL = { timeout: 30_000 };

describe('the notice channels page (admin)', () => {
  it('lists the group robots with their health and the failed messages, and sets a robot for a unit', async () => {
    const hook = await server.db
      .insertInto('notice_webhooks')
      .values({ owner_kind: 'leader', owner_id: d.leaderA, vendor: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret: 'SEC-x', updated_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.db
      .insertInto('notice_channel_health')
      .values({ channel: `webhook:${hook.id}`, consecutive_failures: 3, last_error: 'DingTalk errcode 310000: sign not match', last_failed_at: new Date() })
      .execute();
    await server.db
      .insertInto('outbox')
      .values({
        topic: 'dingtalk',
        issue_id: null,
        payload: JSON.stringify({ kind: 'red', subject: '【红牌超期】浏览器测试', text: '超期', link: null, hook: hook.id }),
        attempts: 3,
        last_error: 'DingTalk errcode 310000: sign not match',
        available_at: new Date(Date.now() + 3_600_000),
      })
      .execute();

    const { page } = await signIn(browser, server.baseUrl, d.people.admin.login, PASSWORD);
    await page.getByRole('menuitem', { name: '通知渠道' }).click();
    const hooks = page.getByTestId('notice-webhooks');
    await expect.poll(() => hooks.textContent(), POLL).toContain('甲领导工作群（钉钉机器人）');
    const text = (await hooks.textContent()) ?? '';
    expect(text).toContain('连续失败 3 次');
    expect(text).toContain('access_token=abcd…');
    expect(text).not.toContain('abcdef123456');
    await expect.poll(() => page.getByTestId('notice-failures').textContent(), POLL).toContain('【红牌超期】浏览器测试');

    await chooseOption(page, 'ownerId', '乙局');
    await page.locator('#url').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=unit-b-key-0001');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => hooks.textContent(), POLL).toContain('乙局工作群（企业微信机器人）');
    const saved = await server.db.selectFrom('notice_webhooks').select(['vendor', 'url', 'secret']).where('owner_id', '=', d.unitB).executeTakeFirstOrThrow();
    expect(saved).toEqual({ vendor: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=unit-b-key-0001', secret: null });
    // The reload after saving settles with both robots and the failed message listed.
    await expect.poll(async () => `${await hooks.textContent()} ${await page.getByTestId('notice-failures').textContent()}`, POLL).toMatch(/甲领导工作群.*乙局工作群|乙局工作群.*甲领导工作群/);
    await expect.poll(() => page.getByTestId('notice-failures').textContent(), POLL).toContain('【红牌超期】浏览器测试');
    await screenshot(page, 'admin-notice-channels');
  }, 120_000);
});
