import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AuditEvent } from '../audit/entities/audit-event.entity';
import { AdminAccountsService } from './admin-accounts.service';
import { AdminController } from './admin.controller';
import { AuditLogService } from './audit-log.service';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent]), AuditModule, AuthModule],
  controllers: [AdminController],
  providers: [AdminAccountsService, AuditLogService],
})
export class AdminModule {}
