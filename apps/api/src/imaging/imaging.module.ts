import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ConsultsModule } from '../consults/consults.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { ConsultParticipant } from '../lobby/entities/consult-participant.entity';
import { ConsultImageRow } from './entities/consult-image.entity';
import { ImageStore } from './image-store.service';
import { ConsultImagesController, PatientImagesController } from './images.controller';

/** Images shared in a consult: validated, de-identified DICOM and PNG/JPEG, for admitted participants only. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsultImageRow, ConsultParticipant]),
    AuditModule,
    AuthModule,
    ConsultsModule,
    InvitationsModule,
  ],
  controllers: [ConsultImagesController, PatientImagesController],
  providers: [ImageStore],
  // The consult signalling checks that the synced viewer shows one of the consult's own images.
  exports: [ImageStore],
})
export class ImagingModule {}
