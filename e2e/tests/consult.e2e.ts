import { expect, test } from '@playwright/test';
import {
  admitPatient,
  createConsult,
  expectConnected,
  joinAsPatient,
  newTrackedPage,
  signIn,
} from '../support/flows';
import { inboundTotals, remoteVideoWidth } from '../support/webrtc-stats';

test('a clinician and a patient see and hear each other through the SFU', async ({ browser }, testInfo) => {
  const clinician = await newTrackedPage(browser);
  const patient = await newTrackedPage(browser);

  await signIn(clinician.page);
  const link = await createConsult(clinician.page, 'Follow-up: knee arthroscopy', 'Grace Hopper');
  await clinician.page.screenshot({ path: testInfo.outputPath('clinician-dashboard.png') });
  await clinician.page.getByTestId('start-consult').click();
  await expectConnected(clinician.page);

  await joinAsPatient(patient.page, link, 'Grace Hopper', testInfo.outputPath('patient-join.png'));
  await admitPatient(clinician.page, 'Grace Hopper');
  await expectConnected(patient.page);

  for (const { page } of [clinician, patient]) {
    await expect.poll(() => remoteVideoWidth(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await inboundTotals(page)).videoFramesDecoded, { timeout: 30_000 })
      .toBeGreaterThan(0);
  }

  // Media keeps flowing both ways: bytes grow between two samples on each side.
  const before = await Promise.all([inboundTotals(clinician.page), inboundTotals(patient.page)]);
  await clinician.page.waitForTimeout(2_000);
  const after = await Promise.all([inboundTotals(clinician.page), inboundTotals(patient.page)]);
  for (const side of [0, 1] as const) {
    expect(after[side]!.videoBytesReceived).toBeGreaterThan(before[side]!.videoBytesReceived);
    expect(after[side]!.audioBytesReceived).toBeGreaterThan(before[side]!.audioBytesReceived);
    expect(after[side]!.videoFramesDecoded).toBeGreaterThan(before[side]!.videoFramesDecoded);
  }

  await expect(clinician.page.getByTestId('peer-name').first()).toContainText('Grace Hopper');
  await clinician.page.screenshot({ path: testInfo.outputPath('clinician-room.png') });
  await patient.page.screenshot({ path: testInfo.outputPath('patient-room.png') });

  // Leaving ends the patient's media; the clinician sees the room empty again.
  await patient.page.getByTestId('leave').click();
  await expect(clinician.page.getByTestId('remote-video')).toHaveCount(0);

  await clinician.context.close();
  await patient.context.close();
});

test('muting stops the remote side receiving new audio packets', async ({ browser }) => {
  const clinician = await newTrackedPage(browser);
  const patient = await newTrackedPage(browser);
  await signIn(clinician.page);
  const link = await createConsult(clinician.page, 'Mute check', 'Alan Turing');
  await clinician.page.getByTestId('start-consult').click();
  await joinAsPatient(patient.page, link, 'Alan Turing');
  await admitPatient(clinician.page, 'Alan Turing');
  await expectConnected(patient.page);
  await expect.poll(async () => (await inboundTotals(clinician.page)).audioBytesReceived).toBeGreaterThan(0);

  await patient.page.getByTestId('toggle-mic').click();
  // A paused producer sends nothing; allow in-flight packets to land, then expect a standstill.
  await clinician.page.waitForTimeout(1_000);
  const settled = (await inboundTotals(clinician.page)).audioBytesReceived;
  await clinician.page.waitForTimeout(1_500);
  expect((await inboundTotals(clinician.page)).audioBytesReceived).toBe(settled);

  await clinician.context.close();
  await patient.context.close();
});
