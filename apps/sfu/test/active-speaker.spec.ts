import { createSocket, type Socket } from 'node:dgram';
import type { RunningSfu } from '../src/sfu-server';
import { connectRpc, startTestSfu, type RpcClient } from './support/sfu-harness';

const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const OPUS_PT = 111;

let sfu: RunningSfu;
let rpc: RpcClient;

beforeAll(async () => {
  sfu = await startTestSfu(1);
  rpc = await connectRpc(sfu.rpcUrl);
});

afterAll(async () => {
  rpc.close();
  await sfu.close();
});

const opusWithLevel = (ssrc: number) => ({
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }],
  headerExtensions: [{ uri: AUDIO_LEVEL_URI, id: 1 }],
  encodings: [{ ssrc }],
  rtcp: { cname: `mic-${ssrc}`, reducedSize: true },
});

/**
 * An Opus RTP packet carrying the RFC 6464 audio level a browser adds to each microphone packet
 * (one-byte header extension, id 1): 0 is the loudest, 127 silence; the top bit flags voice.
 */
function opusPacket(ssrc: number, sequence: number, timestamp: number, level: number): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x90; // version 2, extension present
  header[1] = OPUS_PT;
  header.writeUInt16BE(sequence & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  const voice = level < 127 ? 0x80 : 0;
  const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, 0x10, voice | level, 0x00, 0x00]);
  const payload = Buffer.from([0xfc, 0xff, 0xfe, ...new Array(20).fill(0x42)]);
  return Buffer.concat([header, extension, payload]);
}

/**
 * The level of packet `sequence` of someone talking: loud (10), with a short dip (80) every 8th
 * packet. The observer learns each microphone's noise floor from its quietest packets and counts
 * a 100 ms stretch (5 packets) as speech only when all of it is above that floor, so speech must
 * be mostly loud with some quieter packets — a steady level reads as background noise, and a
 * 50/50 loud/quiet pattern makes the result depend on how packets fall into those stretches
 * (which is what made this test flaky under load). Driven by the packet count, not the clock.
 */
const speech = (sequence: number) => (sequence % 8 === 0 ? 80 : 10);
const SILENCE = 127;

/** A microphone sending 20 ms Opus packets at the level `levelOf(sequence)` gives, until stopped. */
function sendMicrophone(
  target: { ip: string; port: number },
  ssrc: number,
  levelOf: (sequence: number) => number,
) {
  const socket: Socket = createSocket('udp4');
  let sequence = 0;
  const timer = setInterval(() => {
    sequence += 1;
    socket.send(opusPacket(ssrc, sequence, sequence * 960, levelOf(sequence)), target.port, target.ip);
  }, 20);
  return () => {
    clearInterval(timer);
    socket.close();
  };
}

const speakerEvents = (roomId: string) =>
  rpc.notifications.filter(
    (n): n is Extract<typeof n, { type: 'room:activeSpeaker' }> =>
      n.type === 'room:activeSpeaker' && n.roomId === roomId,
  );

describe('active speaker detection (real mediasoup ActiveSpeakerObserver)', () => {
  it('announces the peer whose microphone is loud, and follows when another peer takes over', async () => {
    const roomId = 'speaker-room';
    await rpc.ok('router:ensure', { roomId });
    const speaking: Record<string, boolean> = { alice: true, bob: false };
    const levelOf = (peerId: string, sequence: number) => (speaking[peerId] ? speech(sequence) : SILENCE);
    const stops: Array<() => void> = [];
    const producers: Record<string, string> = {};
    try {
      for (const [index, peerId] of ['alice', 'bob'].entries()) {
        const ssrc = 7000 + index;
        const ingress = await rpc.ok('transport:createPlain', { roomId, peerId });
        const { producerId } = await rpc.ok('producer:create', {
          transportId: ingress.transportId,
          kind: 'audio',
          rtpParameters: opusWithLevel(ssrc),
          source: 'microphone',
        });
        producers[peerId] = producerId;
        stops.push(sendMicrophone(ingress, ssrc, (sequence) => levelOf(peerId, sequence)));
      }

      // The first pick may be either (both start at once); a loud microphone wins within seconds.
      await rpc.waitFor(
        (n) => n.type === 'room:activeSpeaker' && n.roomId === roomId && n.peerId === 'alice',
        15_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(speakerEvents(roomId).at(-1)).toMatchObject({ peerId: 'alice', producerId: producers.alice });

      const before = speakerEvents(roomId).length;
      speaking.alice = false;
      speaking.bob = true;
      const deadline = Date.now() + 15_000;
      while (
        !speakerEvents(roomId)
          .slice(before)
          .some((e) => e.peerId === 'bob')
      ) {
        if (Date.now() > deadline) throw new Error('bob never became the active speaker');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(speakerEvents(roomId).at(-1)).toMatchObject({ peerId: 'bob', producerId: producers.bob });
    } finally {
      stops.forEach((stop) => stop());
      await rpc.ok('router:close', { roomId });
    }
  }, 40_000);

  it('does not listen to cameras or screens, only microphones', async () => {
    const roomId = 'speaker-room-2';
    await rpc.ok('router:ensure', { roomId });
    const ingress = await rpc.ok('transport:createPlain', { roomId, peerId: 'carol' });
    await rpc.ok('producer:create', {
      transportId: ingress.transportId,
      kind: 'audio',
      rtpParameters: opusWithLevel(7100),
      source: 'screen',
    });
    const stop = sendMicrophone(ingress, 7100, speech);
    try {
      await new Promise((r) => setTimeout(r, 2000));
      expect(speakerEvents(roomId)).toEqual([]);
    } finally {
      stop();
      await rpc.ok('router:close', { roomId });
    }
  });
});
