import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoSeedService } from './demo-seed.service';
import { SessionRow } from './entities/session.entity';
import { User } from './entities/user.entity';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, SessionRow]), AuditModule],
  controllers: [AuthController],
  providers: [AuthService, TokenService, SessionService, AuthGuard, DemoSeedService],
  exports: [TokenService, SessionService, AuthGuard, TypeOrmModule],
})
export class AuthModule {}
