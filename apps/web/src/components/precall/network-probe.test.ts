import { describe, expect, it, vi } from 'vitest';
import { probeNetwork } from './network-probe';

describe('probeNetwork', () => {
  it('pings a few times, drops the first, and times one upload', async () => {
    let clock = 0;
    const costs = [300, 40, 50, 60, 45, 1_040]; // five pings, then the upload
    const fetchImpl = vi.fn(async () => {
      clock += costs.shift()!;
      return new Response('{}', { status: 200 });
    });
    const result = await probeNetwork('tok', fetchImpl as unknown as typeof fetch, () => clock);
    expect(result.rttMs).toBe(48); // median of 40, 50, 60, 45
    expect(result.uplinkKbps).toBe(Math.round((256 * 1024 * 8) / (1_040 - 47.5)));
    expect(fetchImpl).toHaveBeenLastCalledWith(
      '/api/join/tok/network-test/upload',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('reports unknown figures when the server cannot be reached', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('offline');
    });
    expect(await probeNetwork('tok', fetchImpl as unknown as typeof fetch)).toEqual({
      rttMs: null,
      uplinkKbps: null,
    });
  });
});
