import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BedsideRequester } from '../bedside/bedside-request';
import { TALK_RTP_CAPABILITIES, TalkListener } from './talk-listener';

const sfu = createSocket('udp4');
afterEach(() => sfu.removeAllListeners('message'));

const rtp = (pt: number, seq: number) => {
  const packet = Buffer.alloc(12 + 20);
  packet.writeUInt8(0x80, 0);
  packet.writeUInt8(pt, 1);
  packet.writeUInt16BE(seq, 2);
  return packet;
};

describe('TalkListener', () => {
  it('teaches the comedia transport its address with an RTCP hello, consumes the talk producer and counts RTP only', async () => {
    await new Promise<void>((resolve) => sfu.bind(0, '127.0.0.1', resolve));
    const port = (sfu.address() as AddressInfo).port;
    const hellos: Array<{ packet: Buffer; from: AddressInfo }> = [];
    sfu.on('message', (packet, from) => hellos.push({ packet, from }));
    const requests: Array<{ name: string; payload: unknown }> = [];
    const request = (async (name: string, payload: unknown) => {
      requests.push({ name, payload });
      if (name === 'transport:createPlain') return { transportId: 't-1', ip: '127.0.0.1', port };
      if (name === 'consumer:create') return { consumerId: 'c-1' };
      return {};
    }) as BedsideRequester;

    const listener = new TalkListener(request);
    await listener.start('station-mic');
    expect(requests.map((r) => r.name)).toEqual([
      'transport:createPlain',
      'consumer:create',
      'consumer:resume',
    ]);
    expect(requests[1]!.payload).toEqual({
      transportId: 't-1',
      producerId: 'station-mic',
      rtpCapabilities: TALK_RTP_CAPABILITIES,
    });
    await expect.poll(() => hellos.length).toBeGreaterThan(0);
    // An empty receiver report (V=2, PT 201, length 1): valid RTCP the SFU accepts as the first packet.
    expect([...hellos[0]!.packet.subarray(0, 4)]).toEqual([0x80, 201, 0, 1]);

    // The SFU answers to where the hello came from: opus RTP counts, an RTCP sender report does not.
    const to = hellos[0]!.from;
    for (let seq = 0; seq < 5; seq += 1) sfu.send(rtp(100, seq), to.port, to.address);
    sfu.send(rtp(200, 0), to.port, to.address);
    await expect.poll(() => listener.stats().rtpPackets).toBe(5);
    expect(listener.stats()).toEqual({ talks: 1, rtpPackets: 5, rtpBytes: 5 * 32 });

    // The next talk reuses the transport; stop closes only the consumer.
    await listener.stop();
    await listener.start('station-mic-2');
    expect(requests.map((r) => r.name).slice(3)).toEqual([
      'consumer:close',
      'consumer:create',
      'consumer:resume',
    ]);
    expect(listener.stats().talks).toBe(2);
    listener.reset();
    sfu.close();
  });
});
