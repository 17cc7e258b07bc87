import type { Locator, Page } from 'playwright-core';

/** Picks an option of the Ant Design select whose input has `id`, by the option's visible text. */
export async function chooseOption(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Opens an action of the issue page, fills it with `fill`, submits it and waits for the dialog to close. */
export async function runAction(page: Page, action: string, fill: (dialog: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.locator('.ant-modal:visible');
  // Filled and submitted once its opening animation has ended, as a person would: on a loaded
  // machine the animation can outlast the whole fill-and-click.
  await page.locator('.ant-modal:visible:not(.ant-zoom-appear)').waitFor();
  await fill(dialog);
  await page.locator('#action-ok').click();
  // A dialog that stays open says why (a refusal, a field left empty): the failure names it.
  await dialog.waitFor({ state: 'hidden', timeout: 60_000 }).catch(async (e: unknown) => {
    const shown = (await dialog.textContent().catch(() => null)) ?? '(dialog gone)';
    // A refusal from the API shows as a toast outside the dialog.
    const toast =
      (await page
        .locator('.ant-message')
        .textContent()
        .catch(() => null)) ?? '';
    throw new Error(`the ${action} dialog stayed open: ${shown.replace(/\s+/g, ' ').slice(0, 400)} / message: ${toast.slice(0, 300)}`, { cause: e });
  });
}

/** The smallest valid PNG (1×1), for an attachment the API's sniffing accepts. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
