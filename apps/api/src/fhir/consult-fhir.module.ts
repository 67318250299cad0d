import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConsultsModule } from '../consults/consults.module';
import { ConsultImageRow } from '../imaging/entities/consult-image.entity';
import { InvitationsModule } from '../invitations/invitations.module';
import { ConsultParticipant } from '../lobby/entities/consult-participant.entity';
import { AppointmentRow } from '../scheduling/entities/appointment.entity';
import { ConsultFhirController } from './consult-fhir.controller';
import { ConsultFhirService } from './consult-fhir.service';

/** FHIR R4 export of a consult's record. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsultImageRow, ConsultParticipant, AppointmentRow]),
    AuditModule,
    AuthModule,
    ConsultsModule,
    InvitationsModule,
  ],
  controllers: [ConsultFhirController],
  providers: [ConsultFhirService],
})
export class ConsultFhirModule {}
