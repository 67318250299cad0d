import { capabilitiesForClients } from '../../rooms/media-codecs';
import type { HandlerTable } from '../handler-context';

export const routerHandlers: HandlerTable<'router:ensure' | 'router:close' | 'peer:close' | 'sfu:status'> = {
  'router:ensure': async ({ roomId }, { rooms }) => {
    const room = await rooms.ensure(roomId);
    return {
      rtpCapabilities: capabilitiesForClients(room.router.rtpCapabilities) as never,
      workerPid: room.worker.worker.pid,
    };
  },
  'router:close': async ({ roomId }, { rooms }) => {
    rooms.closeRoom(roomId);
    return {};
  },
  'peer:close': async ({ roomId, peerId }, { rooms }) => {
    rooms.closePeer(roomId, peerId);
    return {};
  },
  'sfu:status': async (_payload, { rooms, pool }) => ({
    workers: pool.all().map(({ index, worker, udpPort, tcpPort, rooms: routed }) => ({
      index,
      pid: worker.pid,
      routers: routed.size,
      transports: rooms.transportCount(index),
      webRtcServer: { udpPort, tcpPort },
    })),
  }),
};
