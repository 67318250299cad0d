import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from '../auth/entities/user.entity';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { AvailabilityRow } from './entities/availability.entity';

/** Demo mode only: clinicians without hours get 07:00–21:00 every day, so a newcomer can book at once. */
@Injectable()
export class DemoAvailabilityService implements OnApplicationBootstrap {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(AvailabilityRow) private readonly rows: Repository<AvailabilityRow>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_MODE) return;
    for (const clinician of await this.users.find({ where: { role: 'clinician' } })) {
      if (await this.rows.exist({ where: { clinicianId: clinician.id } })) continue;
      await this.rows.insert({
        clinicianId: clinician.id,
        timeZone: 'Europe/London',
        slotMinutes: 20,
        weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '21:00' })),
        exceptions: [],
        updatedAt: new Date(),
      });
    }
  }
}
