import { type Page, expect, test } from '@playwright/test';
import {
  admitPatient,
  createConsult,
  expectConnectedSlowly,
  joinAsPatient,
  newTrackedPage,
  signIn,
} from '../support/flows';
import { createSpecialist, inviteAndJoin } from '../support/specialist';

/** Inbound video streams of the page that have decoded at least one frame (getStats). */
const decodingVideoStreams = (page: Page) =>
  page.evaluate(async () => {
    let decoding = 0;
    const connections =
      (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video' && Number(stat.framesDecoded ?? 0) > 0)
          decoding += 1;
      });
    }
    return decoding;
  });

test.setTimeout(240_000);

test("an invited specialist, the owner and the patient all receive each other's video", async ({
  browser,
  baseURL,
}, testInfo) => {
  const specialistAccount = await createSpecialist(baseURL!, 'Dr Rosalind Franklin');
  const owner = await newTrackedPage(browser);
  const specialist = await newTrackedPage(browser);
  const patient = await newTrackedPage(browser);

  await signIn(owner.page);
  const link = await createConsult(owner.page, 'MDT: chest CT review', 'Ada Patient');
  await owner.page.getByTestId('start-consult').click();
  await expectConnectedSlowly(owner.page);

  // The owner invites a colleague from the room; they join from their dashboard, no waiting room.
  await inviteAndJoin(owner.page, specialist.page, specialistAccount);

  await joinAsPatient(patient.page, link, 'Ada Patient');
  await admitPatient(owner.page, 'Ada Patient');
  await expectConnectedSlowly(patient.page);

  for (const { page } of [owner, specialist, patient]) {
    await expect(page.getByTestId('remote-video')).toHaveCount(2, { timeout: 60_000 });
    await expect.poll(() => decodingVideoStreams(page), { timeout: 60_000 }).toBe(2);
  }
  await expect(owner.page.getByTestId('peer-name')).toHaveCount(2);
  // The fake microphone's tone makes somebody the active speaker.
  await expect(owner.page.locator('.tile--speaking')).toHaveCount(1, { timeout: 20_000 });
  await owner.page.screenshot({ path: testInfo.outputPath('three-party-owner.png') });
  await specialist.page.screenshot({ path: testInfo.outputPath('three-party-specialist.png') });

  for (const { context } of [owner, specialist, patient]) await context.close();
});
