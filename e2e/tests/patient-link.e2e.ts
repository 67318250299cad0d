import { expect, test } from '@playwright/test';

test('a forged patient link shows a clear page instead of a consult', async ({ page }) => {
  await page.goto('/join/forged-token-0000000000000000000000000000');
  const error = page.getByTestId('link-error');
  await expect(error).toHaveAttribute('data-code', 'LINK_INVALID');
  await expect(error).toBeVisible();
  await expect(page.getByTestId('join-submit')).toHaveCount(0);
});
