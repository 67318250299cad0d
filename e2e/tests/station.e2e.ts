import { expect, test } from '@playwright/test';
import { type BedFleet, createLogger, startBeds } from '@teleconsult/bedside-sim';
import { newTrackedPage, signIn } from '../support/flows';
import { enrolWard, stripFingerprints, tileMedia } from '../support/icu';

const BEDS = 8;
let fleet: BedFleet | undefined;

test.afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

test('the central station shows 8 live beds and switches a focused bed to the high layer', async ({
  browser,
}, testInfo) => {
  const baseUrl = process.env.E2E_BASE_URL!;
  const ward = await enrolWard(baseUrl, 'ICU E2E', BEDS);
  // Eight headless bedside units: numerics, waveforms over the SFU, and a VP8 simulcast camera each.
  fleet = startBeds(
    ward.beds.map((bed, i) => ({ ...bed, scenario: 'stable' as const, seed: i + 1 })),
    { apiUrl: baseUrl, video: { fps: 10 }, logger: createLogger('warn') },
  );
  await Promise.all(fleet.beds.map((bed) => bed.welcomed));

  const { page } = await newTrackedPage(browser);
  await signIn(page);
  await expect(page.getByTestId('header-nav-station')).toBeVisible();
  await page.goto(`/station/${ward.wardId}`);
  await expect(page.getByTestId('bed-tile')).toHaveCount(BEDS);

  // Every tile decodes its bed's video, on the thumbnail layer.
  await expect
    .poll(async () => (await tileMedia(page)).filter((t) => t.framesDecoded > 0).length, { timeout: 60_000 })
    .toBe(BEDS);
  for (const tile of await tileMedia(page)) expect(tile.frameWidth).toBeLessThanOrEqual(320);

  // Every tile's waveforms move: samples keep arriving and the ECG strips repaint.
  const before = await tileMedia(page);
  const stripsBefore = await stripFingerprints(page);
  await page.waitForTimeout(2_000);
  const after = await tileMedia(page);
  const stripsAfter = await stripFingerprints(page);
  for (const bed of after) {
    const earlier = before.find((b) => b.bedId === bed.bedId)!;
    // Two seconds of ECG at 250 Hz is 500 samples; allow for scheduling jitter, not for stalls.
    expect(bed.ecgSamples - earlier.ecgSamples, bed.label).toBeGreaterThan(350);
  }
  expect(stripsAfter.filter((strip, i) => strip !== stripsBefore[i] && strip !== '')).toHaveLength(BEDS);
  await page.screenshot({ path: testInfo.outputPath('station-8-beds.png') });

  // Focus bed 3: the station asks for spatial layer 2, the bedside starts encoding 640×360.
  const bed3 = ward.beds[2]!;
  await page.getByTestId('bed-tile').filter({ hasText: 'Bed 3' }).locator('.bed-tile__label').click();
  await expect(page.getByTestId('focus-view')).toBeVisible();
  await expect
    .poll(async () => (await tileMedia(page)).find((t) => t.bedId === bed3.bedId)?.frameWidth, {
      timeout: 30_000,
    })
    .toBe(640);
  await page.screenshot({ path: testInfo.outputPath('station-focus.png') });

  // Leaving focus drops it back to a thumbnail layer.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('focus-view')).toHaveCount(0);
  await expect
    .poll(async () => (await tileMedia(page)).find((t) => t.bedId === bed3.bedId)?.frameWidth, {
      timeout: 30_000,
    })
    .toBeLessThanOrEqual(320);
});
