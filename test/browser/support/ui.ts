import type { Locator, Page } from 'playwright-core';

/**
 * Picks the option shown as `text` of a single Ant Design select (`select` is its `.ant-select`),
 * as a person does: once the list has opened, and again if the pick did not take. On a loaded
 * machine the list can still be placed while it opens: a press on one option and its release on
 * the next (the list moved under the pointer) select nothing, and the select stays empty.
 * `search`: what to type into a searchable select before picking (typed again on each attempt).
 */
export async function pickOption(page: Page, select: Locator, text: string, options: { search?: string } = {}): Promise<void> {
  const input = select.locator('input').first();
  for (let attempt = 1; ; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click();
    await select.locator('input[aria-expanded=true]').waitFor({ state: 'attached' });
    // A searchable select lists what its search found: typed again on every attempt, as a pick
    // that did not take may have closed the list and cleared the search.
    if (options.search !== undefined && (await input.inputValue()) !== options.search) {
      await input.fill('');
      await input.pressSequentially(options.search);
    }
    // This select's own list (another's may still be closing), once its opening motion has ended.
    const listId = await input.getAttribute('aria-controls');
    const list = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) });
    await list.and(page.locator('.ant-select-dropdown:not([class*="-appear"]):not([class*="-enter"])')).waitFor();
    const option = list.locator('.ant-select-item-option', { hasText: text }).first();
    const label = ((await option.getAttribute('title')) ?? (await option.textContent()) ?? text).trim();
    await option.click();
    // Taken once the select shows exactly that option's label, not merely one it showed before.
    const took = await select
      .locator('.ant-select-content-has-value')
      .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (took) return;
    if (attempt === 3) throw new Error(`the option ${text} did not take in three picks`);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks an option of the Ant Design select whose input has `id`, by the option's visible text. */
export async function chooseOption(page: Page, id: string, text: string): Promise<void> {
  await pickOption(page, page.locator('.ant-select', { has: page.locator(`#${id}`) }), text);
}

/**
 * The dialog now open, once its opening motion has ended. Ant Design zooms a dialog in from the
 * pointer, so its buttons move while it opens: on a loaded machine a click aimed at one mid-motion
 * can land beside it, on the mask, which closes the dialog unsent. A first opening is an `appear`
 * motion and a dialog opened again an `enter`: both are waited for, by class and by animation.
 */
export async function openedDialog(page: Page): Promise<Locator> {
  await page.locator('.ant-modal:visible:not([class*="ant-zoom-"])').waitFor();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)));
  return dialog;
}

/** Opens an action of the issue page, fills it with `fill`, submits it and waits for the dialog to close. */
export async function runAction(page: Page, action: string, fill: (dialog: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
  // Filled and submitted once its opening animation has ended, as a person would: on a loaded
  // machine the animation can outlast the whole fill-and-click.
  const dialog = await openedDialog(page);
  await fill(dialog);
  // A dialog that stays open says why (a refusal shown as an error toast, a field left empty), and
  // a refusal ends the wait at once: the failure names it, well inside the test's own ceiling.
  // Only a toast that comes after the submit counts: the page may still show an earlier one.
  const refused = page.locator('.ant-message-error');
  const earlier = await refused.count();
  await page.locator('#action-ok').click();
  const outcome = await Promise.race([
    dialog.waitFor({ state: 'hidden', timeout: 60_000 }).then(() => 'closed' as const),
    refused
      .nth(earlier)
      .waitFor({ timeout: 60_000 })
      .then(() => 'refused' as const),
  ]).catch(() => 'open' as const);
  if (outcome === 'closed') return;
  const shown = (await dialog.textContent().catch(() => null)) ?? '(dialog gone)';
  const toast = (await refused.allTextContents().catch(() => [])).join(' | ');
  throw new Error(`the ${action} dialog stayed open (${outcome}): ${shown.replace(/\s+/g, ' ').slice(0, 400)} / message: ${toast.slice(0, 300)}`);
}

/** The smallest valid PNG (1×1), for an attachment the API's sniffing accepts. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
