export interface AuditFilterForm {
  actorId: string;
  action: string;
  consultId: string;
  /** Local date "YYYY-MM-DD" from an <input type="date">. */
  fromDate: string;
  toDate: string;
}

export const EMPTY_FILTERS: AuditFilterForm = {
  actorId: '',
  action: '',
  consultId: '',
  fromDate: '',
  toDate: '',
};

/** The audit query for a filter form: empty fields dropped, dates as local-midnight instants, the end day included. */
export function auditQuery(
  form: AuditFilterForm,
  cursor?: string | null,
  limit = 50,
): Record<string, string> {
  const query: Record<string, string> = { limit: String(limit) };
  if (form.actorId.trim()) query.actorId = form.actorId.trim();
  if (form.action.trim()) query.action = form.action.trim();
  if (form.consultId.trim()) query.consultId = form.consultId.trim();
  if (form.fromDate) query.from = new Date(`${form.fromDate}T00:00:00`).toISOString();
  if (form.toDate) {
    const end = new Date(`${form.toDate}T00:00:00`);
    end.setDate(end.getDate() + 1);
    query.to = end.toISOString();
  }
  if (cursor) query.cursor = cursor;
  return query;
}
