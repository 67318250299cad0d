import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { ConsultsModule } from '../consults/consults.module';
import { ImagingModule } from '../imaging/imaging.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { LobbyModule } from '../lobby/lobby.module';
import { SfuModule } from '../sfu/sfu.module';
import { ConsultGateway } from './consult.gateway';
import { RoomRegistry } from './room-registry.service';
import { SfuNotificationRouter } from './sfu-notification.router';
import { SocketAuthService } from './socket-auth.service';

@Module({
  imports: [
    AuthModule,
    ConsultsModule,
    SfuModule,
    AuditModule,
    LobbyModule,
    ChatModule,
    InvitationsModule,
    ImagingModule,
  ],
  providers: [ConsultGateway, RoomRegistry, SocketAuthService, SfuNotificationRouter],
})
export class SignallingModule {}
