import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { User } from '../auth/entities/user.entity';
import { ConsultsModule } from '../consults/consults.module';
import { JoinLink } from '../consults/entities/join-link.entity';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';
import { AvailabilityController } from './availability.controller';
import { AvailabilityService } from './availability.service';
import { DemoAvailabilityService } from './demo-availability.service';
import { AppointmentRow } from './entities/appointment.entity';
import { AvailabilityRow } from './entities/availability.entity';

/** Clinicians' availability, bookable slots and appointments (each with a consult and a patient link). */
@Module({
  imports: [
    TypeOrmModule.forFeature([AvailabilityRow, AppointmentRow, User, JoinLink]),
    AuditModule,
    AuthModule,
    ConsultsModule,
  ],
  controllers: [AvailabilityController, AppointmentsController],
  providers: [AvailabilityService, AppointmentsService, DemoAvailabilityService],
})
export class SchedulingModule {}
