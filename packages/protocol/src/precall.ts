import { z } from 'zod';

/** Largest body the uplink test accepts; a few hundred KB tells a phone link's rate well enough. */
export const NETWORK_TEST_MAX_BYTES = 512 * 1024;

export const networkPingResponseSchema = z.object({ serverTime: z.string() });
export type NetworkPingResponse = z.infer<typeof networkPingResponseSchema>;

export const uplinkTestResponseSchema = z.object({
  receivedBytes: z.number().int().min(0),
  /** Time the server spent receiving the body, from its first to its last byte. */
  receiveMs: z.number().min(0),
});
export type UplinkTestResponse = z.infer<typeof uplinkTestResponseSchema>;
