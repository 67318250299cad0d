import { asMediaParameterError } from '../sfu-error';
import type { HandlerTable } from '../handler-context';

export const producerHandlers: HandlerTable<
  'producer:create' | 'producer:pause' | 'producer:resume' | 'producer:close'
> = {
  'producer:create': async ({ transportId, kind, rtpParameters, source }, { rooms }) => {
    const { handle: transport, roomId, peerId } = rooms.transport(transportId);
    const producer = await asMediaParameterError(
      () =>
        transport.produce({
          kind,
          rtpParameters: rtpParameters as never,
          appData: { roomId, peerId, source },
        }),
      'rtpParameters rejected',
    );
    rooms.addProducer(producer, roomId, peerId);
    if (kind === 'audio' && source === 'microphone') await rooms.observeSpeaker(producer, roomId);
    return { producerId: producer.id };
  },
  'producer:pause': async ({ producerId }, { rooms }) => {
    await rooms.producer(producerId).handle.pause();
    return {};
  },
  'producer:resume': async ({ producerId }, { rooms }) => {
    await rooms.producer(producerId).handle.resume();
    return {};
  },
  'producer:close': async ({ producerId }, { rooms }) => {
    rooms.producer(producerId).handle.close();
    return {};
  },
};
