import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { User, type UserRole } from './entities/user.entity';
import { hashPassword } from './password-hasher';

/** Demo accounts, named in README; created only when DEMO_MODE is on. */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  password: string;
  displayName: string;
  role: UserRole;
}> = [
  {
    email: 'dr.ada@demo.teleconsult',
    password: 'consult-demo-2026',
    displayName: 'Dr Ada Lovelace',
    role: 'clinician',
  },
  {
    email: 'admin@demo.teleconsult',
    password: 'admin-demo-2026',
    displayName: 'Demo Administrator',
    role: 'admin',
  },
];

@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_MODE) return;
    for (const account of DEMO_ACCOUNTS) {
      if (await this.users.exists({ where: { email: account.email } })) continue;
      await this.users.insert({
        id: randomUUID(),
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        passwordHash: await hashPassword(account.password),
        createdAt: new Date(),
      });
      this.logger.log(`seeded demo ${account.role} ${account.email}`);
    }
  }
}
