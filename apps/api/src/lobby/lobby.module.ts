import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ConsultsModule } from '../consults/consults.module';
import { ConsultParticipant } from './entities/consult-participant.entity';
import { NetworkTestController } from './network-test.controller';
import { ParticipantsService } from './participants.service';
import { WaitingRoom } from './waiting-room.service';

@Module({
  imports: [TypeOrmModule.forFeature([ConsultParticipant]), ConsultsModule, AuditModule],
  controllers: [NetworkTestController],
  providers: [ParticipantsService, WaitingRoom],
  exports: [ParticipantsService, WaitingRoom],
})
export class LobbyModule {}
