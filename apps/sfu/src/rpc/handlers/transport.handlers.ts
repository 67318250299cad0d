import { SfuError, asMediaParameterError } from '../sfu-error';
import type { HandlerTable } from '../handler-context';

type TransportRequests =
  | 'transport:create'
  | 'transport:createPlain'
  | 'transport:connect'
  | 'transport:restartIce'
  | 'transport:close';

export const transportHandlers: HandlerTable<TransportRequests> = {
  'transport:create': async ({ roomId, peerId, direction, enableSctp }, { rooms }) => {
    const room = rooms.room(roomId);
    const transport = await room.router.createWebRtcTransport({
      webRtcServer: room.worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_500_000,
      ...(enableSctp
        ? {
            enableSctp: true,
            numSctpStreams: { OS: 1024, MIS: 1024 },
          }
        : {}),
      appData: { roomId, peerId, direction },
    });
    rooms.addTransport(transport, roomId, peerId);
    return {
      transportId: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as never,
      dtlsParameters: transport.dtlsParameters as never,
      ...(transport.sctpParameters ? { sctpParameters: transport.sctpParameters } : {}),
    };
  },
  'transport:createPlain': async ({ roomId, peerId }, { rooms, config }) => {
    const room = rooms.room(roomId);
    const transport = await room.router.createPlainTransport({
      listenInfo: {
        protocol: 'udp',
        ip: config.SFU_LISTEN_IP,
        ...(config.SFU_ANNOUNCED_ADDRESS ? { announcedAddress: config.SFU_ANNOUNCED_ADDRESS } : {}),
      },
      rtcpMux: true,
      comedia: true,
      appData: { roomId, peerId, direction: 'plain' },
    });
    rooms.addTransport(transport, roomId, peerId);
    return {
      transportId: transport.id,
      ip: transport.tuple.localAddress ?? config.SFU_LISTEN_IP,
      port: transport.tuple.localPort,
    };
  },
  'transport:connect': async ({ transportId, dtlsParameters }, { rooms }) => {
    const { handle } = rooms.transport(transportId);
    if (handle.type !== 'webrtc')
      throw new SfuError(
        'INVALID_MEDIA_PARAMETERS',
        'a plain transport takes no DTLS parameters',
        'transportId',
      );
    await asMediaParameterError(
      () => handle.connect({ dtlsParameters: dtlsParameters as never }),
      'DTLS parameters rejected',
    );
    return {};
  },
  'transport:restartIce': async ({ transportId }, { rooms }) => {
    const { handle } = rooms.transport(transportId);
    if (handle.type !== 'webrtc')
      throw new SfuError('INVALID_MEDIA_PARAMETERS', 'only WebRTC transports restart ICE', 'transportId');
    return { iceParameters: await handle.restartIce() };
  },
  'transport:close': async ({ transportId }, { rooms }) => {
    rooms.transport(transportId).handle.close();
    return {};
  },
};
