import { expect, test } from '@playwright/test';
import { expectConnected, joinAsPatient, newTrackedPage, signIn } from '../support/flows';
import { inboundTotals, remoteVideoWidth } from '../support/webrtc-stats';

/**
 * The whole remote-diagnosis visit: book → link → device check → waiting room → admitted →
 * media both ways → chat both ways → notes → end → the appointment shows completed with the note.
 */
test('a booked appointment runs from booking to a completed visit with its note', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const clinician = await newTrackedPage(browser);
  const patient = await newTrackedPage(browser);
  const note = 'Knee stable, swelling down. Continue physio; review in 6 weeks.';

  // Book the first free slot (demo hours are 07:00–21:00 London; after hours, tomorrow's).
  await signIn(clinician.page);
  await clinician.page.getByTestId('nav-book').click();
  const chips = clinician.page.getByTestId('slot-chip');
  await expect(chips.first().or(clinician.page.getByTestId('no-slots'))).toBeVisible();
  if ((await chips.count()) === 0) await clinician.page.getByTestId('book-next-day').click();
  await chips.first().click();
  await clinician.page.getByTestId('book-patient-name').fill('Grace Hopper');
  await clinician.page.getByTestId('book-reason').fill('Knee review after arthroscopy');
  await clinician.page.screenshot({ path: testInfo.outputPath('booking.png') });
  await clinician.page.getByTestId('book-submit').click();
  const link = await clinician.page.getByTestId('booked-patient-link').inputValue();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{20,}$/);
  await clinician.page.screenshot({ path: testInfo.outputPath('booking-confirmation.png') });

  // Back on the dashboard: the appointment is booked; the clinician waits for the patient.
  await clinician.page.goto('/');
  const row = clinician.page.getByTestId('schedule-row').filter({ hasText: 'Grace Hopper' });
  await expect(row).toHaveAttribute('data-status', 'booked');

  await joinAsPatient(patient.page, link, 'Grace Hopper', testInfo.outputPath('patient-precall.png'));
  await patient.page.screenshot({ path: testInfo.outputPath('patient-waiting.png') });
  const waiting = clinician.page.getByTestId('waiting-patient').filter({ hasText: 'Grace Hopper' });
  await expect(waiting).toBeVisible();
  await clinician.page.screenshot({ path: testInfo.outputPath('dashboard-waiting.png') });
  await waiting.getByTestId('admit-patient').click();
  await expect(clinician.page).toHaveURL(/\/consults\/[0-9a-f-]{36}$/);

  await expectConnected(clinician.page);
  await expectConnected(patient.page);
  for (const { page } of [clinician, patient]) {
    await expect.poll(() => remoteVideoWidth(page), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await inboundTotals(page)).videoFramesDecoded, { timeout: 30_000 })
      .toBeGreaterThan(0);
  }

  // Chat both ways.
  await clinician.page.getByTestId('chat-input').fill('Hello Grace, can you see and hear me?');
  await clinician.page.getByTestId('chat-send').click();
  await expect(
    patient.page.getByTestId('chat-message').filter({ hasText: 'can you see and hear me' }),
  ).toBeVisible();
  await patient.page.getByTestId('chat-input').fill('Yes, clearly. Thank you doctor.');
  await patient.page.getByTestId('chat-send').click();
  await expect(clinician.page.getByTestId('chat-message').filter({ hasText: 'Yes, clearly' })).toBeVisible();

  // Private notes save as the clinician types; the patient's page never shows them.
  await clinician.page.getByTestId('notes-input').fill(note);
  await expect(clinician.page.getByTestId('notes-status')).toHaveText('Saved', { timeout: 10_000 });
  await expect(patient.page.getByText(note)).toHaveCount(0);
  await clinician.page.screenshot({ path: testInfo.outputPath('consult-room-chat-notes.png') });

  // End: the room closes for the patient; the appointment is completed and keeps the note.
  clinician.page.once('dialog', (dialog) => void dialog.accept());
  await clinician.page.getByTestId('end-consult').click();
  await expect(patient.page.getByText(/ended/i).first()).toBeVisible({ timeout: 15_000 });
  await clinician.page.goto('/');
  await expect(row).toHaveAttribute('data-status', 'completed');
  await expect(row.getByTestId('appointment-status')).toHaveText('Completed');
  await row.getByTestId('open-summary').click();
  await expect(clinician.page.getByTestId('summary-notes')).toHaveText(note);
  await expect(clinician.page.getByTestId('consult-summary')).toContainText('Grace Hopper');
  await clinician.page.screenshot({ path: testInfo.outputPath('consult-summary.png') });
});
