import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  ECG_HZ,
  type FhirObservation,
  observationBundle,
  vitalSignObservations,
  waveformObservation,
} from '@teleconsult/clinical';
import {
  type AdmissionView,
  type BedView,
  type DeviceTokenIssued,
  type TrendPoint,
  type WardView,
  admitSchema,
  bedSettingsSchema,
  createBedSchema,
  createWardSchema,
  trendsQuerySchema,
  waveformQuerySchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { actorOf, icuDoc as doc, uuidParam as uuid } from './icu-routes';
import { TrendsService } from './trends.service';
import { WardAccess } from './ward-access.service';
import { WardsService } from './wards.service';
import { WaveformRelay } from './waveform-relay.service';

/** What a clinician may get back from a bed route they are not on the ward's staff for. */
const BED_ERRORS = ['NOT_FOUND', 'WARD_NOT_ASSIGNED'] as const;

/**
 * The remote ICU over REST. Admins register wards and beds and enrol bedside devices (they see no
 * patient data); clinicians admit and discharge, tune a bed's thresholds, read trends and export
 * FHIR, only on the wards they are on the staff of (WardAccess). Live data goes over the /station
 * and /bedside sockets.
 */
@Controller('api/icu')
@UseGuards(AuthGuard)
export class IcuController {
  constructor(
    private readonly wards: WardsService,
    private readonly trends: TrendsService,
    private readonly waveforms: WaveformRelay,
    private readonly audit: AuditService,
    private readonly access: WardAccess,
  ) {}

  @Get('wards')
  @Roles('clinician', 'admin')
  @doc('Wards and emergency departments: a clinician’s own (those they staff), every one for an admin')
  async listWards(@CurrentUser() user: AccessClaims): Promise<{ wards: WardView[] }> {
    return { wards: await this.access.visibleWards(user) };
  }

  @Post('wards')
  @Roles('admin')
  @doc('Register a ward (icu) or an emergency department (ed)', { body: createWardSchema, status: 201 })
  createWard(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(createWardSchema)) body: z.output<typeof createWardSchema>,
    @Req() request: Request,
  ): Promise<WardView> {
    return this.wards.createWard(body, actorOf(user, request));
  }

  @Get('wards/:wardId/beds')
  @Roles('admin')
  @doc('A ward’s beds as an admin sees them: no patient, no vitals', { errors: ['NOT_FOUND'] })
  async listBeds(@Param('wardId', uuid('wardId')) wardId: string) {
    await this.wards.ward(wardId);
    const beds = await this.wards.bedsOf(wardId);
    return {
      beds: beds.map((bed) => ({
        id: bed.id,
        label: bed.label,
        kind: bed.kind,
        callSign: bed.callSign,
        deviceEnrolled: bed.deviceTokenHash !== null,
      })),
    };
  }

  @Post('wards/:wardId/beds')
  @Roles('admin')
  @doc('Register a bed, or an ambulance in an emergency department', {
    body: createBedSchema,
    status: 201,
    errors: ['NOT_FOUND', 'CONFLICT'],
  })
  async createBed(
    @CurrentUser() user: AccessClaims,
    @Param('wardId', uuid('wardId')) wardId: string,
    @Body(new ZodPipe(createBedSchema)) body: z.output<typeof createBedSchema>,
    @Req() request: Request,
  ): Promise<{ id: string; label: string; kind: string }> {
    const bed = await this.wards.createBed(wardId, body, actorOf(user, request));
    return { id: bed.id, label: bed.label, kind: bed.kind };
  }

  @Post('beds/:bedId/device-token')
  @Roles('admin')
  @doc('Enrol a bedside device: a new token bound to this bed (shown once; the previous device is cut off)', {
    status: 201,
    errors: ['NOT_FOUND'],
  })
  issueDeviceToken(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Req() request: Request,
  ): Promise<DeviceTokenIssued> {
    return this.wards.issueDeviceToken(bedId, actorOf(user, request));
  }

  @Put('beds/:bedId/settings')
  @Roles('clinician')
  @doc('Alarm thresholds and the NEWS2 SpO2 scale of a bed', {
    body: bedSettingsSchema,
    errors: [...BED_ERRORS],
  })
  async updateSettings(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Body(new ZodPipe(bedSettingsSchema)) body: z.output<typeof bedSettingsSchema>,
    @Req() request: Request,
  ): Promise<BedView> {
    await this.access.bedOf(user.userId, bedId);
    return this.wards.updateSettings(bedId, body, actorOf(user, request));
  }

  @Post('beds/:bedId/admission')
  @Roles('clinician')
  @doc('Admit a patient to a bed (one at a time)', {
    body: admitSchema,
    status: 201,
    errors: [...BED_ERRORS, 'CONFLICT'],
  })
  async admit(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Body(new ZodPipe(admitSchema)) body: z.output<typeof admitSchema>,
    @Req() request: Request,
  ): Promise<AdmissionView> {
    await this.access.bedOf(user.userId, bedId);
    return this.wards.admit(bedId, body, actorOf(user, request));
  }

  @Post('beds/:bedId/discharge')
  @HttpCode(204)
  @Roles('clinician')
  @doc('Discharge the bed’s patient: alarms and settings reset for the next one', {
    status: 204,
    errors: [...BED_ERRORS, 'CONFLICT'],
  })
  async discharge(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Req() request: Request,
  ): Promise<void> {
    await this.access.bedOf(user.userId, bedId);
    await this.wards.discharge(bedId, actorOf(user, request));
  }

  @Get('beds/:bedId/trends')
  @Roles('clinician')
  @doc('Per-minute trends of a bed (means of trustworthy values, worst NEWS2)', {
    query: trendsQuerySchema,
    errors: [...BED_ERRORS],
  })
  async trendsOf(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Query(new ZodPipe(trendsQuerySchema)) query: z.output<typeof trendsQuerySchema>,
    @Req() request: Request,
  ): Promise<{ points: TrendPoint[] }> {
    await this.access.bedOf(user.userId, bedId);
    await this.viewed(user, request, 'icu.trends.viewed', { bedId, hours: query.hours });
    return { points: await this.trends.since(bedId, new Date(Date.now() - query.hours * 3_600_000)) };
  }

  @Get('beds/:bedId/fhir/vitals')
  @Roles('clinician')
  @doc('FHIR R4 Bundle of vital-signs Observations (one set per minute of trends)', {
    query: trendsQuerySchema,
    produces: 'application/fhir+json',
    errors: [...BED_ERRORS],
  })
  async fhirVitals(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Query(new ZodPipe(trendsQuerySchema)) query: z.output<typeof trendsQuerySchema>,
    @Req() request: Request,
  ) {
    const context = await this.fhirContext(user, bedId);
    const points = await this.trends.since(bedId, new Date(Date.now() - query.hours * 3_600_000));
    const observations: FhirObservation[] = points.flatMap((point) =>
      vitalSignObservations(
        {
          bedId,
          at: Date.parse(point.minute),
          ...defined({
            heartRate: point.heartRate,
            spo2: point.spo2,
            respiratoryRate: point.respiratoryRate,
            systolic: point.systolic,
            diastolic: point.diastolic,
            temperature: point.temperature,
          }),
        },
        context,
      ),
    );
    await this.viewed(user, request, 'icu.fhir.exported', {
      bedId,
      hours: query.hours,
      observations: observations.length,
    });
    return observationBundle(observations);
  }

  @Get('beds/:bedId/fhir/waveform')
  @Roles('clinician')
  @doc('The last seconds of ECG lead II as a FHIR R4 Observation with valueSampledData', {
    query: waveformQuerySchema,
    produces: 'application/fhir+json',
    errors: [...BED_ERRORS],
  })
  async fhirWaveform(
    @CurrentUser() user: AccessClaims,
    @Param('bedId', uuid('bedId')) bedId: string,
    @Query(new ZodPipe(waveformQuerySchema)) query: z.output<typeof waveformQuerySchema>,
    @Req() request: Request,
  ): Promise<FhirObservation> {
    const context = await this.fhirContext(user, bedId);
    const history = this.waveforms.ecgHistory(bedId);
    if (!history || history.samples.length === 0)
      throw new ApiError('NOT_FOUND', 'no ECG received from this bed recently');
    const count = Math.min(history.samples.length, query.seconds * ECG_HZ);
    const skipped = history.samples.length - count;
    await this.viewed(user, request, 'icu.fhir.exported', { bedId, waveformSeconds: count / ECG_HZ });
    return waveformObservation(
      {
        startAt: history.startAt + (skipped * 1000) / ECG_HZ,
        sampleRateHz: ECG_HZ,
        samples: history.samples.slice(skipped),
      },
      context,
    );
  }

  private async fhirContext(user: AccessClaims, bedId: string) {
    await this.access.bedOf(user.userId, bedId);
    const admission = await this.wards.openAdmission(bedId);
    return {
      subject: admission ? `Patient/${admission.mrn ?? admission.id}` : `Device/bed-${bedId}`,
      device: `Device/bed-${bedId}`,
    };
  }

  private viewed(user: AccessClaims, request: Request, action: string, detail: Record<string, unknown>) {
    return this.audit.record({
      actorType: 'user',
      actorId: user.userId,
      action,
      ip: requestIp(request),
      detail,
    });
  }
}

/** Drops null values (a parameter not measured in that minute). */
function defined<T extends Record<string, number | null>>(values: T): { [K in keyof T]?: number } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: number;
  };
}
