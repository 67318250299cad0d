import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoSeedService } from './demo-seed.service';
import { User } from './entities/user.entity';
import { TokenService } from './token.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), AuditModule],
  controllers: [AuthController],
  providers: [AuthService, TokenService, AuthGuard, DemoSeedService],
  exports: [TokenService, AuthGuard, TypeOrmModule],
})
export class AuthModule {}
