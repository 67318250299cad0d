import { type Page, expect, test } from '@playwright/test';
import { type BedFleet, createLogger, startBeds } from '@teleconsult/bedside-sim';
import { newTrackedPage, signIn } from '../support/flows';
import { enrolWard, tileMedia } from '../support/icu';
import { inboundTotals } from '../support/webrtc-stats';

/** The bedside page's read-only debug handle (apps/web/src/client/bedside-debug.ts), the part used here. */
declare global {
  interface Window {
    __bedside?: { microphoneProducerId: string | null };
  }
}

let fleet: BedFleet | undefined;

test.afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

/** Inbound audio bytes of the page now and a second later: growing means the voice is arriving. */
async function audioFlowing(page: Page): Promise<boolean> {
  const before = (await inboundTotals(page)).audioBytesReceived;
  await page.waitForTimeout(1_000);
  const after = (await inboundTotals(page)).audioBytesReceived;
  return before > 0 && after > before;
}

test('talk-down: a browser bedside unit’s camera reaches the station, and with talk on each side hears the other; a headless unit receives it as RTP', async ({
  browser,
}, testInfo) => {
  const baseUrl = process.env.E2E_BASE_URL!;
  const ward = await enrolWard(baseUrl, 'ICU Talk-down E2E', 2);
  const [tabletBed, headlessBed] = ward.beds as [(typeof ward.beds)[0], (typeof ward.beds)[0]];
  // Bed 2 is a headless unit (numerics only here): it consumes talk-down on a plain RTP transport.
  fleet = startBeds([{ ...headlessBed, scenario: 'stable' }], {
    apiUrl: baseUrl,
    video: false,
    logger: createLogger('warn'),
  });
  await fleet.beds[0]!.welcomed;

  // Bed 1 is a tablet: the /bedside page in its own browser context with a fake camera and microphone.
  const tablet = await newTrackedPage(browser);
  await tablet.page.goto('/bedside');
  await tablet.page.getByLabel('Device token').fill(tabletBed.deviceToken);
  await tablet.page.getByRole('button', { name: 'Connect this tablet' }).click();
  await expect(tablet.page.getByTestId('bedside-bed')).toHaveText('Bed 1');
  await expect(tablet.page.getByTestId('bedside-connection')).toHaveAttribute('data-state', 'connected');
  await expect(tablet.page.getByTestId('bedside-camera')).toHaveAttribute('data-state', 'live');
  await tablet.page.screenshot({ path: testInfo.outputPath('bedside-unit.png') });

  // The station sees the tablet's camera exactly like a headless bed's.
  const { page } = await newTrackedPage(browser);
  await signIn(page);
  await expect(page.getByTestId('header-nav-station')).toBeVisible();
  await page.goto(`/station/${ward.wardId}`);
  await expect(page.getByTestId('bed-tile')).toHaveCount(2);
  await expect
    .poll(async () => (await tileMedia(page)).find((t) => t.bedId === tabletBed.bedId)?.framesDecoded ?? 0, {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);

  // Focus the tablet's bed and talk: the bedside plays the station, the station hears the bedside.
  await page.getByTestId('bed-tile').filter({ hasText: 'Bed 1' }).locator('.bed-tile__label').click();
  const focus = page.getByTestId('focus-view');
  await expect(focus).toBeVisible();
  await expect(tablet.page.getByTestId('talk-banner')).toHaveCount(0);
  await focus.getByRole('button', { name: 'Talk to bedside' }).click();
  await expect(focus.getByRole('button', { name: 'Stop talking' })).toBeVisible();
  await expect(tablet.page.getByTestId('talk-banner')).toContainText('Station is talking');
  await expect.poll(() => audioFlowing(tablet.page), { timeout: 20_000 }).toBe(true);
  await expect(focus.getByTestId('talk-control')).toContainText('hearing the bedside', { timeout: 20_000 });
  await expect.poll(() => audioFlowing(page), { timeout: 20_000 }).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('station-focus-talking.png') });
  await tablet.page.screenshot({ path: testInfo.outputPath('bedside-unit-talking.png') });

  // Hanging up: the banner goes, and the tablet's microphone is closed again.
  await focus.getByRole('button', { name: 'Stop talking' }).click();
  await expect(tablet.page.getByTestId('talk-banner')).toHaveCount(0);
  await expect
    .poll(() => tablet.page.evaluate(() => window.__bedside?.microphoneProducerId ?? null))
    .toBeNull();

  // The headless unit: talk to bed 2, its plain RTP transport counts the station's packets.
  await page.keyboard.press('Escape');
  await expect(focus).toHaveCount(0);
  await page.getByTestId('bed-tile').filter({ hasText: 'Bed 2' }).locator('.bed-tile__label').click();
  await expect(focus).toBeVisible();
  await focus.getByRole('button', { name: 'Talk to bedside' }).click();
  const headless = fleet.beds[0]!;
  await expect.poll(() => headless.talk().rtpPackets, { timeout: 20_000 }).toBeGreaterThan(25);
  expect(headless.talk().talks).toBe(1);
  await focus.getByRole('button', { name: 'Stop talking' }).click();
  await expect(focus.getByRole('button', { name: 'Talk to bedside' })).toBeVisible();
});
