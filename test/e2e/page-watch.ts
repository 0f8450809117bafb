// What an e2e spec watches on its page: the console errors a user's devtools would show, and screenshots at the two
// window sizes every changed view is looked at in.
import type { Page } from '@playwright/test';

const SHOTS = 'test-results/e2e/screenshots';
export const SIZES = [{ width: 1440, height: 900 }, { width: 1024, height: 700 }];

/** Console errors and page errors, as the user's devtools would show them; the array fills as they come. */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** `<name>-1440x900.png` and `<name>-1024x700.png`; the page is left at the larger size. */
export async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize(SIZES[0]!);
}
