import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { ConsultsModule } from '../consults/consults.module';
import { InvitationsModule } from '../invitations/invitations.module';
import { LobbyModule } from '../lobby/lobby.module';
import { DashboardGateway } from './dashboard.gateway';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [AuthModule, AuditModule, ChatModule, ConsultsModule, LobbyModule, InvitationsModule],
  providers: [DashboardGateway, DashboardService],
})
export class DashboardModule {}
