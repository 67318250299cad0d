import { z } from 'zod';

/**
 * Ward staff: the clinicians assigned to a ward (or emergency department). Only they see its beds,
 * vitals, trends and exports; admins assign and remove them.
 */

export const addWardStaffSchema = z.object({ userId: z.uuid({ message: 'must be a UUID' }) });
export type AddWardStaffBody = z.infer<typeof addWardStaffSchema>;

export const wardStaffMemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type WardStaffMember = z.infer<typeof wardStaffMemberSchema>;

export const wardStaffListSchema = z.object({ staff: z.array(wardStaffMemberSchema) });
export type WardStaffList = z.infer<typeof wardStaffListSchema>;
