import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { User } from '../auth/entities/user.entity';
import { ConsultsController } from './consults.controller';
import { ConsultsService } from './consults.service';
import { Consult } from './entities/consult.entity';
import { JoinLink } from './entities/join-link.entity';
import { JoinController } from './join.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Consult, JoinLink, User]), AuditModule, AuthModule],
  controllers: [ConsultsController, JoinController],
  providers: [ConsultsService],
  exports: [ConsultsService],
})
export class ConsultsModule {}
