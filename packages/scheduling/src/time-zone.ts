import { IANAZone } from 'luxon';
import { z } from 'zod';

/** An IANA time-zone name the runtime knows (e.g. "Europe/London"); offsets like "+02:00" are refused. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (zone) => zone.includes('/') && IANAZone.isValidZone(zone),
    'must be an IANA time zone such as "Europe/London"',
  );
