import { type Page, expect, test } from '@playwright/test';
import {
  admitPatient,
  createConsult,
  expectConnected,
  expectConnectedSlowly,
  joinAsPatient,
  newTrackedPage,
  signIn,
} from '../support/flows';
import { installCanvasImagingSource } from '../support/imaging';
import { createSpecialist, inviteAndJoin } from '../support/specialist';

const WIDTH = 1280;
const HEIGHT = 720;

interface InboundVideo {
  /** The stream carries the track shown in the page's imaging view (not a camera). */
  imaging: boolean;
  frameWidth: number;
  frameHeight: number;
  framesDecoded: number;
  bytesReceived: number;
  codec: string;
}

/** Every inbound video stream of the page, from the browser's own getStats. */
async function inboundVideos(page: Page): Promise<InboundVideo[]> {
  return page.evaluate(async () => {
    const list: InboundVideo[] = [];
    const shown = document.querySelector<HTMLVideoElement>('[data-testid="imaging-video"]')?.srcObject;
    const imagingTrack = shown instanceof MediaStream ? shown.getVideoTracks()[0]?.id : undefined;
    const connections =
      (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      const codecs = new Map<string, string>();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'codec') codecs.set(String(s.id), String(s.mimeType));
      });
      report.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        list.push({
          imaging: imagingTrack !== undefined && s.trackIdentifier === imagingTrack,
          frameWidth: Number(s.frameWidth ?? 0),
          frameHeight: Number(s.frameHeight ?? 0),
          framesDecoded: Number(s.framesDecoded ?? 0),
          bytesReceived: Number(s.bytesReceived ?? 0),
          codec: codecs.get(String(s.codecId)) ?? '',
        });
      });
    }
    return list;
  });
}

// The camera's top simulcast layer may be 1280×720 too (the fake camera's size): tell them apart by
// track, then check the imaging stream's size.
const isImaging = (v: InboundVideo) => v.imaging;
const atFullResolution = (v: InboundVideo) => v.imaging && v.frameWidth === WIDTH && v.frameHeight === HEIGHT;

test('an imaging source arrives at full resolution at the patient and an invited specialist while cameras keep flowing', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(300_000);
  // The colleague exists before the room opens: the invite list is the directory at that time.
  const specialistAccount = await createSpecialist(baseURL!, 'Dr Marie Curie');
  const clinician = await newTrackedPage(browser);
  await installCanvasImagingSource(clinician.page, WIDTH, HEIGHT);
  await clinician.page.setViewportSize({ width: 1440, height: 900 });
  await signIn(clinician.page);
  const link = await createConsult(clinician.page, 'Live ultrasound: liver', 'Mary Somerville');
  await clinician.page.getByTestId('start-consult').click();
  await expectConnected(clinician.page);

  // The receivers: a specialist the clinician invites (a second account) and the patient.
  const specialist = await newTrackedPage(browser);
  await specialist.page.setViewportSize({ width: 1280, height: 800 });
  await inviteAndJoin(clinician.page, specialist.page, specialistAccount);
  const patient = await newTrackedPage(browser);
  await patient.page.setViewportSize({ width: 1280, height: 800 });
  await joinAsPatient(patient.page, link, 'Mary Somerville');
  await admitPatient(clinician.page, 'Mary Somerville');
  await expectConnectedSlowly(patient.page);
  const receivers = [
    { name: 'specialist', page: specialist.page },
    { name: 'patient', page: patient.page },
  ];

  // Cameras first: each receiver decodes the clinician's camera.
  for (const { page } of receivers)
    await expect
      .poll(async () => (await inboundVideos(page)).some((v) => v.framesDecoded > 0), { timeout: 60_000 })
      .toBe(true);

  // The clinician shares the imaging source ("Screen or window" is a 1280×720 canvas in this test).
  await clinician.page.getByTestId('imaging-share').click();
  await clinician.page.getByRole('menuitem', { name: /Screen or window/ }).click();
  await expect(clinician.page.getByTestId('imaging-local-preview')).toBeVisible();

  for (const { page } of receivers) {
    await expect(page.getByTestId('imaging-stream')).toBeVisible({ timeout: 60_000 });
    // Full resolution, as the browser decoded it, and held: no downscaled layer reaches anyone.
    await expect
      .poll(async () => (await inboundVideos(page)).some(atFullResolution), { timeout: 60_000 })
      .toBe(true);
    await expect(page.getByTestId('imaging-resolution')).toHaveText(`${WIDTH}×${HEIGHT}`, {
      timeout: 30_000,
    });
    const imaging = (await inboundVideos(page)).find(isImaging)!;
    expect(imaging.codec).toBe('video/VP9');
  }

  // Both streams keep flowing: imaging and camera frames grow between two samples, at full size.
  const before = await Promise.all(receivers.map(({ page }) => inboundVideos(page)));
  await clinician.page.waitForTimeout(3_000);
  const after = await Promise.all(receivers.map(({ page }) => inboundVideos(page)));
  receivers.forEach((_, i) => {
    const imagingBefore = before[i]!.find(isImaging)!;
    const imagingAfter = after[i]!.find(isImaging)!;
    expect(atFullResolution(imagingAfter)).toBe(true); // held, not downscaled under way
    expect(imagingAfter.framesDecoded).toBeGreaterThan(imagingBefore.framesDecoded);
    const cameraBefore = before[i]!.filter((v) => !isImaging(v)).reduce((n, v) => n + v.framesDecoded, 0);
    const cameraAfter = after[i]!.filter((v) => !isImaging(v)).reduce((n, v) => n + v.framesDecoded, 0);
    expect(cameraAfter).toBeGreaterThan(cameraBefore);
  });
  // The clinician still receives the patient's camera too.
  const clinicianBefore = (await inboundVideos(clinician.page)).reduce((n, v) => n + v.framesDecoded, 0);
  await clinician.page.waitForTimeout(1_500);
  expect((await inboundVideos(clinician.page)).reduce((n, v) => n + v.framesDecoded, 0)).toBeGreaterThan(
    clinicianBefore,
  );

  await patient.page.screenshot({ path: testInfo.outputPath('imaging-stream-receiver.png') });
  await specialist.page.screenshot({ path: testInfo.outputPath('imaging-stream-specialist.png') });
  await clinician.page.screenshot({ path: testInfo.outputPath('imaging-stream-publisher.png') });

  // Stopping the source removes it everywhere.
  await clinician.page.getByTestId('imaging-stop').click();
  for (const { page } of receivers) await expect(page.getByTestId('imaging-stream')).toHaveCount(0);

  await clinician.context.close();
  await specialist.context.close();
  await patient.context.close();
});
