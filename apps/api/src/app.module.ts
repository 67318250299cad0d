import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { RestExceptionFilter } from './common/rest-exception.filter';
import type { ApiConfig } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { ChatModule } from './chat/chat.module';
import { ConsultReportModule } from './consults/consult-report.module';
import { ConsultsModule } from './consults/consults.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IcuModule } from './icu/icu.module';
import { ImagingModule } from './imaging/imaging.module';
import { InvitationsModule } from './invitations/invitations.module';
import { ConsultFhirModule } from './fhir/consult-fhir.module';
import { LobbyModule } from './lobby/lobby.module';
import { NotesModule } from './notes/notes.module';
import { OpenApiModule } from './openapi/openapi.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { SignallingModule } from './signalling/signalling.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // Patient links carry their token in the path: never log it.
            serializers: {
              req: (req: { method: string; url: string }) => ({
                method: req.method,
                url: req.url.replace(/\/join\/[^/?]+/, '/join/[token]'),
              }),
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        DatabaseModule.forRoot(config),
        AuditModule,
        AuthModule,
        ConsultsModule,
        HealthModule,
        SignallingModule,
        LobbyModule,
        ChatModule,
        NotesModule,
        SchedulingModule,
        OpenApiModule,
        AdminModule,
        ImagingModule,
        ConsultReportModule,
        DashboardModule,
        IcuModule,
        InvitationsModule,
        ConsultFhirModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: RestExceptionFilter }],
    };
  }
}
