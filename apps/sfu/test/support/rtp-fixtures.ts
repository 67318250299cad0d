import { createSocket, type Socket } from 'node:dgram';

export const VP8_PT = 101;

/** Hand-built VP8 producer parameters: the shape a browser sends, with 1 or 3 simulcast encodings. */
export function vp8RtpParameters(ssrcs: number[]) {
  return {
    mid: '0',
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PT,
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'ccm', parameter: 'fir' }],
      },
    ],
    headerExtensions: [],
    encodings: ssrcs.map((ssrc) => ({ ssrc })),
    rtcp: { cname: 'test', reducedSize: true },
  };
}

export const opusRtpParameters = {
  mid: '1',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc: 5555 }],
  rtcp: { cname: 'test', reducedSize: true },
};

/** A VP8 keyframe in one RTP packet, with picture id and temporal index so the SFU can switch layers. */
export function vp8KeyframePacket(
  ssrc: number,
  sequence: number,
  timestamp: number,
  pictureId: number,
): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = 0x80 | VP8_PT; // marker: one packet per frame
  header.writeUInt16BE(sequence & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  const descriptor = Buffer.from([
    0x90, // X=1, S=1, partition 0
    0xe0, // I, L, T present
    0x80 | ((pictureId >> 8) & 0x7f),
    pictureId & 0xff,
    pictureId & 0xff, // TL0PICIDX
    0x00, // TID 0
  ]);
  // Frame tag of a shown keyframe, the keyframe start code, 320x240.
  const frame = Buffer.from([
    0x10,
    0x02,
    0x00,
    0x9d,
    0x01,
    0x2a,
    0x40,
    0x01,
    0xf0,
    0x00,
    ...new Array(40).fill(0),
  ]);
  return Buffer.concat([header, descriptor, frame]);
}

/** An RTCP receiver report, enough for a comedia plain transport to learn where to send. */
export function rtcpReceiverReport(ssrc: number): Buffer {
  const packet = Buffer.alloc(8);
  packet[0] = 0x80;
  packet[1] = 201;
  packet.writeUInt16BE(1, 2);
  packet.writeUInt32BE(ssrc, 4);
  return packet;
}

/**
 * An RTCP sender report: maps the stream's RTP clock to wall-clock time. The SFU needs it for
 * every simulcast stream before it will switch between them (to keep timestamps continuous).
 */
export function rtcpSenderReport(ssrc: number, rtpTimestamp: number, packets: number): Buffer {
  const packet = Buffer.alloc(28);
  const ntpMs = Date.now() + 2_208_988_800_000; // NTP epoch is 1900
  packet[0] = 0x80;
  packet[1] = 200;
  packet.writeUInt16BE(6, 2);
  packet.writeUInt32BE(ssrc >>> 0, 4);
  packet.writeUInt32BE(Math.floor(ntpMs / 1000) >>> 0, 8);
  packet.writeUInt32BE(Math.floor(((ntpMs % 1000) / 1000) * 2 ** 32) >>> 0, 12);
  packet.writeUInt32BE(rtpTimestamp >>> 0, 16);
  packet.writeUInt32BE(packets, 20);
  packet.writeUInt32BE(packets * 60, 24);
  return packet;
}

/**
 * Sends keyframes on every SSRC at 30 fps, with a sender report per stream twice a second, until
 * stopped; `drop(ssrc)` stops one stream, as a browser does with a simulcast layer it can no
 * longer afford.
 */
export function sendVp8(
  target: { ip: string; port: number },
  ssrcs: number[],
): { socket: Socket; drop(ssrc: number): void; stop(): void } {
  const socket = createSocket('udp4');
  const started = Date.now();
  const sending = new Set(ssrcs);
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    // RTP time follows the wall clock (90 kHz), as a real encoder's would.
    const rtpTimestamp = Math.round((Date.now() - started) * 90);
    for (const ssrc of sending) {
      socket.send(vp8KeyframePacket(ssrc, frame, rtpTimestamp, frame), target.port, target.ip);
      if (frame % 15 === 1) socket.send(rtcpSenderReport(ssrc, rtpTimestamp, frame), target.port, target.ip);
    }
  }, 33);
  return {
    socket,
    drop: (ssrc) => sending.delete(ssrc),
    stop: () => {
      clearInterval(timer);
      socket.close();
    },
  };
}
