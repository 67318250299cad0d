import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { User } from '../auth/entities/user.entity';
import { ConsultsModule } from '../consults/consults.module';
import { Consult } from '../consults/entities/consult.entity';
import { ConsultAccess } from './consult-access.service';
import { ConsultInvitation } from './entities/consult-invitation.entity';
import { ConsultInvitationsController, MyInvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

/** Clinicians invited into another clinician's consult, and who may open which consult. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsultInvitation, Consult, User]),
    AuditModule,
    AuthModule,
    ConsultsModule,
  ],
  controllers: [ConsultInvitationsController, MyInvitationsController],
  providers: [InvitationsService, ConsultAccess],
  exports: [InvitationsService, ConsultAccess],
})
export class InvitationsModule {}
