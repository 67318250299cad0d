import { expect, test } from '@playwright/test';
import {
  admitPatient,
  createConsult,
  expectConnected,
  joinAsPatient,
  newTrackedPage,
  signIn,
} from '../support/flows';
import { PHANTOM, phantomDicom, viewerPixel, viewerState } from '../support/imaging';

const synced = (s: Awaited<ReturnType<typeof viewerState>>) =>
  s && {
    imageId: s.imageId,
    frame: s.frame,
    windowCenter: s.windowCenter,
    windowWidth: s.windowWidth,
    zoom: s.zoom,
    panX: s.panX,
    panY: s.panY,
    measurements: s.measurements,
  };

test('the presenter drives the viewer; the other participant sees the same state and pixels, and can take over', async ({
  browser,
}, testInfo) => {
  // Two browsers, a DICOM decode and many mouse steps: generous on a loaded 2-core CI machine.
  test.setTimeout(300_000);
  const clinician = await newTrackedPage(browser);
  const patient = await newTrackedPage(browser);
  await clinician.page.setViewportSize({ width: 1440, height: 900 });
  await patient.page.setViewportSize({ width: 1100, height: 760 });
  await signIn(clinician.page);
  const link = await createConsult(clinician.page, 'Shoulder ultrasound review', 'Ada Byron');
  await clinician.page.getByTestId('start-consult').click();
  await expectConnected(clinician.page);
  await joinAsPatient(patient.page, link, 'Ada Byron');
  await admitPatient(clinician.page, 'Ada Byron');
  await expectConnected(patient.page);

  // The clinician shares a multi-frame DICOM made by the test; it opens for everyone.
  await clinician.page.getByTestId('imaging-upload').setInputFiles({
    name: 'shoulder-us.dcm',
    mimeType: 'application/dicom',
    buffer: phantomDicom(),
  });
  await expect(clinician.page.getByTestId('image-viewer')).toBeVisible();
  await expect(patient.page.getByTestId('image-viewer')).toBeVisible();
  await expect(patient.page.getByTestId('viewer-presenter')).toContainText('Following Dr Ada Lovelace');

  // Window/level by dragging on the image (right: wider; up: higher level), then frame 8 by the slider.
  const canvas = clinician.page.getByTestId('viewer-canvas');
  const box = (await canvas.boundingBox())!;
  await clinician.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await clinician.page.mouse.down();
  await clinician.page.mouse.move(box.x + box.width / 2 - 40, box.y + box.height / 2 - 15, { steps: 8 });
  await clinician.page.mouse.up();
  await clinician.page.getByTestId('viewer-frame-slider').fill('7');
  const driven = await viewerState(clinician.page);
  expect(driven).toMatchObject({ frame: 7, presenting: true });
  expect(driven!.windowWidth).toBeLessThan(3000);
  expect(driven!.windowCenter).toBeGreaterThan(1500);

  // Zoom in around the lesion, then measure across it.
  await clinician.page.getByTestId('viewer-tool-zoom').click();
  await clinician.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await clinician.page.mouse.down();
  await clinician.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60, { steps: 5 });
  await clinician.page.mouse.up();
  await clinician.page.getByTestId('viewer-tool-measure').click();
  const measureFrom = await imagePointOnScreen(
    clinician.page,
    PHANTOM.lesion.x - PHANTOM.lesion.r,
    PHANTOM.lesion.y,
  );
  const measureTo = await imagePointOnScreen(
    clinician.page,
    PHANTOM.lesion.x + PHANTOM.lesion.r,
    PHANTOM.lesion.y,
  );
  await clinician.page.mouse.move(measureFrom.x, measureFrom.y);
  await clinician.page.mouse.down();
  await clinician.page.mouse.move(measureTo.x, measureTo.y, { steps: 6 });
  await clinician.page.mouse.up();
  // Off the image: the presenter's pointer disappears, so followers' pixels show only the image.
  await clinician.page.mouse.move(5, 5);

  const presenter = synced(await viewerState(clinician.page));
  expect(presenter!.measurements).toHaveLength(1);
  // 52 image pixels at 0.25 mm: 13 mm, within the screen-to-image rounding of the mouse.
  expect(presenter!.measurements[0]!.lengthMm).toBeGreaterThan(12);
  expect(presenter!.measurements[0]!.lengthMm).toBeLessThan(14);
  await expect
    .poll(async () => synced(await viewerState(patient.page)), { timeout: 10_000 })
    .toEqual(presenter);

  // Same pixels where the image is flat: the reference disc, the lesion (frame-dependent), the background.
  const points: [number, number][] = [
    [PHANTOM.reference.x, PHANTOM.reference.y],
    // Below the measurement line and its label.
    [PHANTOM.lesion.x, PHANTOM.lesion.y + 14],
    [8, 250],
  ];
  for (const [x, y] of points) {
    const expected = await viewerPixel(clinician.page, x, y);
    await expect.poll(() => viewerPixel(patient.page, x, y)).toEqual(expected);
  }
  // Frame 8's lesion (stored 700 + 7·180 = 1960) is rendered through the dragged window, not the default.
  const lesionGrey = (await viewerPixel(patient.page, PHANTOM.lesion.x, PHANTOM.lesion.y + 14))![0]!;
  const { windowCenter: c, windowWidth: w } = presenter!;
  const expectedGrey = Math.round(Math.min(1, Math.max(0, (1960 - (c - 0.5)) / (w - 1) + 0.5)) * 255);
  expect(Math.abs(lesionGrey - expectedGrey)).toBeLessThanOrEqual(1);

  await clinician.page.screenshot({ path: testInfo.outputPath('viewer-presenter.png') });
  await patient.page.mouse.move(10, 10);
  await clinician.page.mouse.move(measureTo.x + 40, measureTo.y + 30);
  await patient.page.waitForTimeout(300);
  await patient.page.screenshot({ path: testInfo.outputPath('viewer-follower.png') });

  // The patient takes over and scrolls back a frame; the clinician follows.
  await patient.page.getByTestId('viewer-take-over').click();
  await expect(clinician.page.getByTestId('viewer-presenter')).toContainText('Following Ada Byron');
  await patient.page.getByTestId('viewer-frame-slider').fill('2');
  await expect.poll(async () => (await viewerState(clinician.page))?.frame).toBe(2);
  await expect(clinician.page.getByTestId('viewer-frame')).toHaveText('Frame 3 / 12');
  // The follower's controls do nothing until they take over again.
  await expect(clinician.page.getByTestId('viewer-frame-slider')).toBeDisabled();

  await clinician.context.close();
  await patient.context.close();
});

/** Where an image point is on this page's screen (page coordinates). */
async function imagePointOnScreen(page: import('@playwright/test').Page, x: number, y: number) {
  const box = (await page.getByTestId('viewer-canvas').boundingBox())!;
  const state = (await viewerState(page))!;
  const scale = Math.min(box.width / PHANTOM.columns, box.height / PHANTOM.rows) * state.zoom;
  return {
    x: box.x + box.width / 2 + (x - (PHANTOM.columns / 2 + state.panX)) * scale,
    y: box.y + box.height / 2 + (y - (PHANTOM.rows / 2 + state.panY)) * scale,
  };
}
