import { expect, test } from '@playwright/test';
import { type BedFleet, createLogger, startBeds } from '@teleconsult/bedside-sim';
import { newTrackedPage, signIn } from '../support/flows';
import { ADMIN, enrolWard } from '../support/icu';

let fleet: BedFleet | undefined;

test.afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

test('ward staff: a clinician sees a ward only once an admin adds them, and loses the live board the moment they are removed', async ({
  browser,
}, testInfo) => {
  const baseUrl = process.env.E2E_BASE_URL!;
  const ward = await enrolWard(baseUrl, 'ICU Staff E2E', 2, []);
  fleet = startBeds(
    ward.beds.map((bed, i) => ({ ...bed, scenario: 'stable' as const, seed: i + 1 })),
    { apiUrl: baseUrl, video: false, logger: createLogger('warn') },
  );
  await Promise.all(fleet.beds.map((bed) => bed.welcomed));

  // Not on the staff: the ward is not listed, and opening it directly shows why instead of beds.
  const clinician = await newTrackedPage(browser);
  await signIn(clinician.page);
  await expect(clinician.page.getByTestId('header-nav-station')).toBeVisible();
  await clinician.page.goto('/station');
  await expect(
    clinician.page.getByTestId('ward-list').or(clinician.page.getByTestId('no-wards')),
  ).toBeVisible();
  await expect(clinician.page.getByText('ICU Staff E2E')).toHaveCount(0);
  await clinician.page.goto(`/station/${ward.wardId}`);
  await expect(clinician.page.getByTestId('station-access-denied')).toContainText('ask an administrator');
  await expect(clinician.page.getByTestId('bed-tile')).toHaveCount(0);

  // The admin puts them on the ward's staff from the admin page.
  const admin = await newTrackedPage(browser);
  await signIn(admin.page, ADMIN);
  const panel = admin.page.getByTestId('admin-ward-staff');
  const card = panel.locator(`[data-ward="${ward.wardId}"]`);
  await expect(card).toContainText('Nobody yet');
  await card
    .getByLabel('Clinician to add to ICU Staff E2E')
    .selectOption({ label: 'Dr Ada Lovelace (dr.ada@demo.teleconsult)' });
  await card.getByRole('button', { name: 'Add' }).click();
  await expect(panel.getByRole('status')).toHaveText('Dr Ada Lovelace now sees ICU Staff E2E.');
  await expect(card.getByTestId('ward-staff-member')).toHaveCount(1);
  await panel.screenshot({ path: testInfo.outputPath('admin-ward-staff.png') });

  // Now the clinician watches the ward live.
  await clinician.page.goto('/station');
  await expect(clinician.page.getByTestId('ward-list')).toContainText('ICU Staff E2E');
  await clinician.page.goto(`/station/${ward.wardId}`);
  await expect(clinician.page.getByTestId('bed-tile')).toHaveCount(2);

  // Removed: the open board gives way to a clear message at once, without a reload.
  await card.getByRole('button', { name: 'Remove Dr Ada Lovelace from ICU Staff E2E' }).click();
  await expect(panel.getByRole('status')).toContainText('no longer sees ICU Staff E2E');
  await expect(clinician.page.getByTestId('station-access-denied')).toContainText(
    'removed you from this ward’s staff',
  );
  await expect(clinician.page.getByTestId('bed-tile')).toHaveCount(0);
  await clinician.page.screenshot({ path: testInfo.outputPath('station-access-revoked.png') });
});
