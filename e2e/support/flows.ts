import { type Browser, type BrowserContext, type Page, expect } from '@playwright/test';
import { trackPeerConnections } from './webrtc-stats';

export const demoClinician = { email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' };

export async function newTrackedPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await trackPeerConnections(page);
  return { context, page };
}

export async function signIn(page: Page, account = demoClinician): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

/** Creates a consult from the dashboard and returns the patient link it shows. */
export async function createConsult(page: Page, title: string, patientName: string): Promise<string> {
  await page.getByTestId('create-consult-title').fill(title);
  await page.getByTestId('create-consult-patient').fill(patientName);
  await page.getByTestId('create-consult-submit').click();
  const link = page.getByTestId('patient-link');
  await expect(link).toHaveValue(/\/join\//);
  return link.inputValue();
}

/** The room says connected; rooms of three browsers on one machine pass a longer `timeout`. */
export async function expectConnected(page: Page, timeout?: number): Promise<void> {
  await expect(page.getByTestId('connection-state')).toHaveAttribute(
    'data-state',
    'connected',
    timeout === undefined ? {} : { timeout },
  );
}

/** Three browsers share the machine: connecting may take longer than one expect timeout. */
export const expectConnectedSlowly = (page: Page) => expectConnected(page, 60_000);

/** Patient side: open the link, pass the pre-call check, enter a name and join the waiting room. */
export async function joinAsPatient(
  page: Page,
  link: string,
  name: string,
  screenshotPath?: string,
): Promise<void> {
  await page.goto(link);
  await expect(page.getByTestId('local-preview')).toBeVisible();
  await page.getByTestId('join-name').fill(name);
  if (screenshotPath) await page.screenshot({ path: screenshotPath });
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('waiting-screen')).toBeVisible();
  await expect(page.getByTestId('waiting-since')).toBeVisible();
}

/** Clinician side (in the room or on the dashboard): admit the named waiting patient. */
export async function admitPatient(page: Page, name: string): Promise<void> {
  const entry = page.getByTestId('waiting-patient').filter({ hasText: name });
  await expect(entry).toBeVisible();
  await entry.getByTestId('admit-patient').click();
  await expect(entry).toHaveCount(0);
}
