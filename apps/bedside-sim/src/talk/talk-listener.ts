import { type Socket as UdpSocket, createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { BedsideRequester } from '../bedside/bedside-request';

/** Opus only: what a headless unit says it can receive (the station's microphone). */
export const TALK_RTP_CAPABILITIES = {
  codecs: [
    { kind: 'audio' as const, mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48_000, channels: 2 },
  ],
  headerExtensions: [],
};

/** An empty RTCP receiver report: the first packet from us teaches the SFU's comedia transport where to send. */
const rtcpHello = (ssrc: number) => {
  const packet = Buffer.alloc(8);
  packet.writeUInt8(0x80, 0); // V=2, no report blocks
  packet.writeUInt8(201, 1); // RR
  packet.writeUInt16BE(1, 2); // length in 32-bit words minus one
  packet.writeUInt32BE(ssrc, 4);
  return packet;
};

/** RTP, not RTCP (RFC 5761: payload types 64–95 after the marker bit are RTCP with rtcp-mux). */
const isRtp = (packet: Buffer) =>
  packet.length >= 12 && (packet[0]! & 0xc0) === 0x80 && ((packet[1]! & 0x7f) < 64 || (packet[1]! & 0x7f) > 95);

export interface TalkCounters {
  /** Talk-downs this unit consumed. */
  talks: number;
  rtpPackets: number;
  rtpBytes: number;
}

/**
 * Talk-down on a headless bedside unit: a plain RTP transport the api opens in the ward room and a
 * consumer of the station's microphone on it. Nothing is played; RTP packets are counted, which is
 * what proves delivery. The transport and UDP socket serve every talk of one connection.
 */
export class TalkListener {
  private socket: UdpSocket | null = null;
  private transport: { transportId: string; ip: string; port: number } | null = null;
  private consumerId: string | null = null;
  private readonly ssrc = Math.floor(Math.random() * 0xfffffff0) + 1;
  private readonly counters: TalkCounters = { talks: 0, rtpPackets: 0, rtpBytes: 0 };

  constructor(private readonly request: BedsideRequester) {}

  stats(): TalkCounters {
    return { ...this.counters };
  }

  get consuming(): string | null {
    return this.consumerId;
  }

  /** Consumes the station's microphone (closing any earlier consumer first). */
  async start(producerId: string): Promise<void> {
    await this.stop();
    const transport = await this.ensureTransport();
    const consumer = await this.request('consumer:create', {
      transportId: transport.transportId,
      producerId,
      rtpCapabilities: TALK_RTP_CAPABILITIES,
    });
    this.consumerId = consumer.consumerId;
    this.hello();
    await this.request('consumer:resume', { consumerId: consumer.consumerId });
    this.counters.talks += 1;
  }

  /** The talk ended: drop the consumer, keep the transport for the next one. */
  async stop(): Promise<void> {
    const consumerId = this.consumerId;
    this.consumerId = null;
    if (consumerId) await this.request('consumer:close', { consumerId }).catch(() => undefined);
  }

  /** The connection went away (the api closed the transport with it). */
  reset(): void {
    this.consumerId = null;
    this.transport = null;
    this.socket?.close();
    this.socket = null;
  }

  private async ensureTransport() {
    if (this.transport && this.socket) return this.transport;
    const transport = await this.request('transport:createPlain', {});
    const socket = createSocket(isIPv6(transport.ip) ? 'udp6' : 'udp4');
    socket.on('message', (packet) => {
      if (!isRtp(packet)) return;
      this.counters.rtpPackets += 1;
      this.counters.rtpBytes += packet.length;
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.bind(0, resolve));
    socket.unref();
    this.socket?.close();
    this.socket = socket;
    this.transport = transport;
    this.hello();
    return transport;
  }

  private hello(): void {
    const { socket, transport } = this;
    if (!socket || !transport) return;
    socket.send(rtcpHello(this.ssrc), transport.port, transport.ip);
  }
}
