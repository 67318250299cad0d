import { z } from 'zod';
import { timeZoneSchema } from './time-zone';

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour local time "HH:mm"');
const localDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date "YYYY-MM-DD"');

export const minutesOfDay = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

const window = z
  .object({ start: localTime, end: localTime })
  .refine((w) => minutesOfDay(w.end) > minutesOfDay(w.start), {
    message: 'must end after it starts',
    path: ['end'],
  });

/** A recurring weekly window of local wall-clock time; weekday 1 = Monday … 7 = Sunday (ISO 8601). */
export const weeklyWindowSchema = z.intersection(
  z.object({ weekday: z.number().int().min(1).max(7) }),
  window,
);

/** A one-day change: the whole day off (no times) or different hours that replace the weekly ones. */
export const availabilityExceptionSchema = z.object({
  date: localDate,
  windows: z.array(window).max(8),
});

export const availabilitySchema = z.object({
  timeZone: timeZoneSchema,
  slotMinutes: z.number().int().min(5).max(240),
  weekly: z.array(weeklyWindowSchema).max(56),
  exceptions: z.array(availabilityExceptionSchema).max(366).default([]),
});

export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;
export type AvailabilityException = z.infer<typeof availabilityExceptionSchema>;
export type Availability = z.infer<typeof availabilitySchema>;
