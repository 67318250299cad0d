import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { SfuModule } from '../sfu/sfu.module';
import { AlarmEngine } from './alarm-engine.service';
import { BedVideoService } from './bed-video.service';
import { BedsideGateway } from './bedside.gateway';
import { BedsideMediaService } from './bedside-media.service';
import { AdmissionRow } from './entities/admission.entity';
import { AlarmRecordRow } from './entities/alarm-record.entity';
import { BedRow } from './entities/bed.entity';
import { VitalTrendRow } from './entities/vital-trend.entity';
import { WardRow } from './entities/ward.entity';
import { WardStaffRow } from './entities/ward-staff.entity';
import { IcuController } from './icu.controller';
import { IcuDemoSeed } from './icu-demo-seed.service';
import { LiveBeds } from './live-beds.service';
import { StationGateway } from './station.gateway';
import { TalkDownService } from './talk-down.service';
import { TrendsService } from './trends.service';
import { VitalsIngest } from './vitals-ingest.service';
import { WardAccess } from './ward-access.service';
import { WardStaffController } from './ward-staff.controller';
import { WardStaffService } from './ward-staff.service';
import { WardsService } from './wards.service';
import { WaveformRelay } from './waveform-relay.service';

/** Remote ICU: wards, their staff and beds, bedside devices, the alarm engine, trends, the central station. */
@Module({
  imports: [
    TypeOrmModule.forFeature([WardRow, BedRow, AdmissionRow, VitalTrendRow, AlarmRecordRow, WardStaffRow]),
    AuditModule,
    AuthModule,
    SfuModule,
  ],
  controllers: [IcuController, WardStaffController],
  providers: [
    LiveBeds,
    AlarmEngine,
    TrendsService,
    VitalsIngest,
    WaveformRelay,
    BedVideoService,
    BedsideMediaService,
    TalkDownService,
    WardsService,
    WardAccess,
    WardStaffService,
    BedsideGateway,
    StationGateway,
    IcuDemoSeed,
  ],
})
export class IcuModule {}
