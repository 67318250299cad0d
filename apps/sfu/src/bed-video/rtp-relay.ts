import { createSocket, type Socket } from 'node:dgram';

/**
 * Funnels every layer's RTP and RTCP, sent by ffmpeg to one local port, into the SFU from that one
 * socket: a comedia PlainTransport locks onto the first source address it hears, so all layers
 * must come from the same ip:port. What the SFU sends back (receiver reports, PLI, NACK) is
 * dropped: ffmpeg's RTP muxer cannot act on it.
 */
export interface RtpRelay {
  /** The local port ffmpeg should send to. */
  port: number;
  /** Datagrams forwarded so far. */
  forwarded(): number;
  /** Resolves when the first datagram has been relayed. */
  firstPacket: Promise<void>;
  close(): void;
}

export async function startRtpRelay(target: { ip: string; port: number }): Promise<RtpRelay> {
  const socket: Socket = createSocket('udp4');
  let forwarded = 0;
  let closed = false;
  let onFirst: () => void = () => undefined;
  const firstPacket = new Promise<void>((resolve) => (onFirst = resolve));
  socket.on('message', (message, from) => {
    // Only ffmpeg on this host feeds the relay; anything else (including the SFU's feedback) is dropped.
    if (from.address !== '127.0.0.1' || (from.address === target.ip && from.port === target.port)) return;
    forwarded += 1;
    if (forwarded === 1) onFirst();
    socket.send(message, target.port, target.ip);
  });
  socket.on('error', () => {
    // A transient send error (e.g. ICMP port unreachable while the SFU restarts) must not crash the host.
  });
  const bindAddress = target.ip === '127.0.0.1' ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, bindAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    forwarded: () => forwarded,
    firstPacket,
    close: () => {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
}
