import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { ConsultImageRow } from '../imaging/entities/consult-image.entity';
import { LobbyModule } from '../lobby/lobby.module';
import { NotesModule } from '../notes/notes.module';
import { ConsultReportController } from './consult-report.controller';
import { ConsultsModule } from './consults.module';

/** The consult summary draws on the room's records; its own module keeps ConsultsModule free of them. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsultImageRow]),
    AuditModule,
    AuthModule,
    ConsultsModule,
    LobbyModule,
    NotesModule,
    ChatModule,
  ],
  controllers: [ConsultReportController],
})
export class ConsultReportModule {}
