import { describe, expect, it } from 'vitest';
import { validationError } from './errors';
import { dtlsParametersSchema, rtpParametersSchema } from './media';
import { isRequestName, requestSchemas } from './signalling';

const opus = { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 };

describe('rtpParametersSchema', () => {
  it('accepts what a browser sends for opus', () => {
    const parsed = rtpParametersSchema.safeParse({
      mid: '0',
      codecs: [{ ...opus, parameters: { minptime: 10, useinbandfec: 1 }, rtcpFeedback: [{ type: 'transport-cc' }] }],
      headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 }],
      encodings: [{ ssrc: 1234, dtx: false }],
      rtcp: { cname: 'abc', reducedSize: true },
    });
    expect(parsed.success).toBe(true);
  });

  it('names the field of an out-of-range payload type', () => {
    const parsed = rtpParametersSchema.safeParse({ codecs: [{ ...opus, payloadType: 300 }] });
    expect(parsed.success).toBe(false);
    expect(validationError(parsed.error!).field).toBe('codecs.0.payloadType');
  });

  it('rejects parameters without codecs', () => {
    const parsed = rtpParametersSchema.safeParse({ codecs: [] });
    expect(parsed.success).toBe(false);
    expect(validationError(parsed.error!).field).toBe('codecs');
  });

  it('rejects a mime type that is not audio/ or video/', () => {
    expect(rtpParametersSchema.safeParse({ codecs: [{ ...opus, mimeType: 'text/html' }] }).success).toBe(false);
  });
});

describe('dtlsParametersSchema', () => {
  it('rejects a fingerprint that is not hex', () => {
    const parsed = dtlsParametersSchema.safeParse({
      role: 'client',
      fingerprints: [{ algorithm: 'sha-256', value: 'not-a-fingerprint' }],
    });
    expect(parsed.success).toBe(false);
    expect(validationError(parsed.error!).field).toBe('fingerprints.0.value');
  });
});

describe('request names', () => {
  it('knows every request and nothing else', () => {
    expect(isRequestName('producer:create')).toBe(true);
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('admin:dropDatabase')).toBe(false);
  });

  it('rejects a display name with markup', () => {
    const parsed = requestSchemas['room:join'].safeParse({ displayName: '<script>' });
    expect(parsed.success).toBe(false);
  });
});
