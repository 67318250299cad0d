import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, auditQuery } from './audit-filters';

describe('auditQuery', () => {
  it('drops empty filters and keeps the page size', () => {
    expect(auditQuery(EMPTY_FILTERS)).toEqual({ limit: '50' });
  });

  it('includes the whole end day and passes the cursor', () => {
    const query = auditQuery(
      { ...EMPTY_FILTERS, action: ' notes.viewed ', fromDate: '2026-11-01', toDate: '2026-11-01' },
      'abc',
    );
    expect(query.action).toBe('notes.viewed');
    expect(Date.parse(query.to!) - Date.parse(query.from!)).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(query.cursor).toBe('abc');
  });
});
