import type { HandlerTable } from '../handler-context';

export const routerHandlers: HandlerTable<'router:ensure' | 'router:close' | 'peer:close' | 'sfu:status'> = {
  'router:ensure': async ({ roomId }, { rooms }) => {
    const room = await rooms.ensure(roomId);
    return { rtpCapabilities: room.router.rtpCapabilities as never, workerPid: rooms.worker(room).worker.pid };
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
    workers: await Promise.all(
      pool.all().map(async ({ index, worker, udpPort, tcpPort }) => ({
        index,
        pid: worker.pid,
        routers: rooms.routerCount(index),
        transports: [...rooms.transports.values()].filter((t) => rooms.room(t.roomId).workerIndex === index).length,
        webRtcServer: { udpPort, tcpPort },
      })),
    ),
  }),
};
