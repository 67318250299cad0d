import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { DEMO_ACCOUNTS } from '../auth/demo-seed.service';
import { User } from '../auth/entities/user.entity';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { WardStaffService } from './ward-staff.service';
import { type Actor, WardsService } from './wards.service';

/** Scenarios of the demo ward, bed by bed (see apps/bedside-sim); the cycle repeats past 8 beds. */
const DEMO_SCENARIOS = [
  'stable',
  'sepsis',
  'stable',
  'desaturation',
  'tachyarrhythmia',
  'stable',
  'lead-off',
  'link-drop',
];
const DEMO_PATIENTS = [
  'Alex Morgan',
  'Sam Patel',
  'Jordan Lee',
  'Chris Okafor',
  'Robin Silva',
  'Taylor Nguyen',
  'Casey Brown',
  'Jamie Kowalski',
];
const DEMO_AMBULANCES = [
  { label: 'Ambulance 21', callSign: 'MED-21', scenario: 'sepsis' },
  { label: 'Ambulance 34', callSign: 'MED-34', scenario: 'stable' },
];
const SEED_ACTOR: Actor = { userId: 'system:demo-seed', name: 'Demo seed', ip: '127.0.0.1' };

export const DEMO_BEDSIDE_FILE = 'demo-bedside.json';

/**
 * Demo mode only: an ICU ward of DEMO_BEDS admitted beds and an emergency department with two
 * ambulances, both staffed by the demo clinician(s), and fresh device tokens for all of them written to DATA_DIR/demo-bedside.json, which
 * `npm start` hands to the bedside simulator. Tokens are re-issued at every start (only hashes are
 * stored, so old ones cannot be read back).
 */
@Injectable()
export class IcuDemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('IcuDemoSeed');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly wards: WardsService,
    private readonly staff: WardStaffService,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_MODE || this.config.DEMO_BEDS === 0) return;
    const existing = await this.wards.listWards();
    const icu =
      existing.find((w) => w.kind === 'icu') ??
      (await this.wards.createWard({ name: 'ICU North', kind: 'icu' }, SEED_ACTOR));
    const ed =
      existing.find((w) => w.kind === 'ed') ??
      (await this.wards.createWard({ name: 'Emergency Department', kind: 'ed' }, SEED_ACTOR));
    await this.staffWithDemoClinicians([icu.id, ed.id]);
    const beds: Array<{ bedId: string; label: string; scenario: string; seed: number }> = [];
    let icuBeds = await this.wards.bedsOf(icu.id);
    for (let i = icuBeds.length; i < this.config.DEMO_BEDS; i += 1) {
      const bed = await this.wards.createBed(icu.id, { label: `Bed ${i + 1}`, kind: 'bed' }, SEED_ACTOR);
      await this.wards.admit(
        bed.id,
        { patientName: DEMO_PATIENTS[i % DEMO_PATIENTS.length]!, mrn: `DEMO${1000 + i}` },
        SEED_ACTOR,
      );
    }
    icuBeds = (await this.wards.bedsOf(icu.id)).sort((a, b) =>
      a.label.localeCompare(b.label, undefined, { numeric: true }),
    );
    icuBeds.slice(0, this.config.DEMO_BEDS).forEach((bed, i) =>
      beds.push({
        bedId: bed.id,
        label: bed.label,
        scenario: DEMO_SCENARIOS[i % DEMO_SCENARIOS.length]!,
        seed: i + 1,
      }),
    );
    const edBeds = await this.wards.bedsOf(ed.id);
    for (const [i, ambulance] of DEMO_AMBULANCES.entries()) {
      const bed =
        edBeds.find((b) => b.label === ambulance.label) ??
        (await this.wards.createBed(
          ed.id,
          { label: ambulance.label, kind: 'ambulance', callSign: ambulance.callSign },
          SEED_ACTOR,
        ));
      beds.push({ bedId: bed.id, label: ambulance.label, scenario: ambulance.scenario, seed: 100 + i });
    }
    const withTokens = [];
    for (const bed of beds)
      withTokens.push({
        ...bed,
        deviceToken: (await this.wards.issueDeviceToken(bed.bedId, SEED_ACTOR)).deviceToken,
      });
    const file = join(this.config.DATA_DIR, DEMO_BEDSIDE_FILE);
    await writeFile(file, `${JSON.stringify({ beds: withTokens }, null, 2)}\n`, { mode: 0o600 });
    this.logger.log(`demo ward ready: ${beds.length} bedside units, device tokens in ${file}`);
  }

  /** The demo clinicians (seeded by the auth module, which boots first) watch both demo wards. */
  private async staffWithDemoClinicians(wardIds: string[]): Promise<void> {
    const emails = DEMO_ACCOUNTS.filter((a) => a.role === 'clinician').map((a) => a.email);
    const clinicians = await this.users.findBy({ email: In(emails), role: 'clinician' });
    if (clinicians.length === 0) this.logger.warn('no demo clinician to put on the demo wards’ staff');
    for (const wardId of wardIds) {
      const onStaff = new Set((await this.staff.list(wardId)).map((m) => m.userId));
      for (const clinician of clinicians)
        if (!onStaff.has(clinician.id) && !clinician.disabledAt)
          await this.staff.add(wardId, clinician.id, SEED_ACTOR);
    }
  }
}
