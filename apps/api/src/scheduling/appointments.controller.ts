import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  type Appointment,
  type AppointmentLink,
  type BookAppointmentResponse,
  appointmentLinkSchema,
  appointmentListSchema,
  appointmentSchema,
  appointmentsQuerySchema,
  bookAppointmentRequestSchema,
  bookAppointmentResponseSchema,
  cancelAppointmentRequestSchema,
  rescheduleAppointmentRequestSchema,
} from '@teleconsult/protocol';
import type { z } from 'zod';
import { AuthGuard, CurrentUser, Roles } from '../auth/auth.guard';
import type { AccessClaims } from '../auth/token.service';
import { requestIp } from '../common/request-ip';
import { ZodPipe } from '../common/zod-body.pipe';
import { ApiDoc } from '../openapi/api-doc.decorator';
import { appointmentCalendar } from './appointment-calendar';
import { AppointmentsService, type StaffActor } from './appointments.service';
import { uuidParam } from './availability.controller';

const actorOf = (user: AccessClaims, request: Request): StaffActor => ({
  userId: user.userId,
  ip: requestIp(request),
});
const doc = (summary: string, rest: Omit<Parameters<typeof ApiDoc>[0], 'summary'> = {}) =>
  ApiDoc({ summary, tags: ['appointments'], auth: 'bearer', ...rest });
const appointmentId = uuidParam('id');

@Controller('api/appointments')
@UseGuards(AuthGuard)
@Roles('clinician')
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  @Post()
  @doc('Book a slot for a patient (yourself or a colleague); returns the patient link once', {
    body: bookAppointmentRequestSchema,
    response: bookAppointmentResponseSchema,
    status: 201,
    errors: ['SLOT_UNAVAILABLE', 'NOT_FOUND'],
  })
  book(
    @CurrentUser() user: AccessClaims,
    @Body(new ZodPipe(bookAppointmentRequestSchema)) body: z.output<typeof bookAppointmentRequestSchema>,
    @Req() request: Request,
  ): Promise<BookAppointmentResponse> {
    return this.appointments.book(actorOf(user, request), body);
  }

  @Get()
  @doc("Appointments in [from, to): the caller's own, or a colleague's that the caller booked", {
    query: appointmentsQuerySchema,
    response: appointmentListSchema,
  })
  list(
    @CurrentUser() user: AccessClaims,
    @Query(new ZodPipe(appointmentsQuerySchema)) query: z.output<typeof appointmentsQuerySchema>,
    @Req() request: Request,
  ): Promise<Appointment[]> {
    return this.appointments.list(
      actorOf(user, request),
      new Date(query.from),
      new Date(query.to),
      query.clinicianId,
    );
  }

  @Get(':id')
  @doc('One appointment', { response: appointmentSchema, errors: ['NOT_FOUND'] })
  get(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Req() request: Request,
  ): Promise<Appointment> {
    return this.appointments.get(actorOf(user, request), id);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @doc('Move a booked appointment to another free slot; the patient link keeps working, its window moves', {
    body: rescheduleAppointmentRequestSchema,
    response: appointmentSchema,
    errors: ['SLOT_UNAVAILABLE', 'CONFLICT', 'NOT_FOUND'],
  })
  reschedule(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Body(new ZodPipe(rescheduleAppointmentRequestSchema))
    body: z.output<typeof rescheduleAppointmentRequestSchema>,
    @Req() request: Request,
  ): Promise<Appointment> {
    return this.appointments.reschedule(actorOf(user, request), id, body.startsAt);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @doc('Cancel a booked appointment; its patient link then says so', {
    body: cancelAppointmentRequestSchema,
    response: appointmentSchema,
    errors: ['CONFLICT', 'NOT_FOUND'],
  })
  cancel(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Body(new ZodPipe(cancelAppointmentRequestSchema)) body: z.output<typeof cancelAppointmentRequestSchema>,
    @Req() request: Request,
  ): Promise<Appointment> {
    return this.appointments.cancel(actorOf(user, request), id, body.reason);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @doc('Mark a started appointment as a no-show', {
    response: appointmentSchema,
    errors: ['CONFLICT', 'NOT_FOUND'],
  })
  noShow(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Req() request: Request,
  ): Promise<Appointment> {
    return this.appointments.markNoShow(actorOf(user, request), id);
  }

  @Post(':id/patient-link')
  @doc('Issue a new patient link (the previous one stops working)', {
    response: appointmentLinkSchema,
    status: 201,
    errors: ['CONFLICT', 'NOT_FOUND'],
  })
  reissue(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Req() request: Request,
  ): Promise<AppointmentLink> {
    return this.appointments.reissueLink(actorOf(user, request), id);
  }

  @Get(':id/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @doc('The appointment as an iCalendar file (no join link in it)', {
    produces: 'text/calendar',
    errors: ['NOT_FOUND'],
  })
  async calendar(
    @CurrentUser() user: AccessClaims,
    @Param('id', appointmentId) id: string,
    @Req() request: Request,
  ): Promise<string> {
    const appointment = await this.appointments.get(actorOf(user, request), id);
    request.res?.setHeader('content-disposition', `attachment; filename="appointment-${id.slice(0, 8)}.ics"`);
    return appointmentCalendar(appointment);
  }
}
