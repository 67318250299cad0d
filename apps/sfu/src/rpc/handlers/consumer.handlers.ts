import type { MediaSource } from '@teleconsult/protocol';
import { SfuError, asMediaParameterError } from '../sfu-error';
import type { HandlerTable } from '../handler-context';
import { bitratePriority } from '../../rooms/bitrate-priority';

type ConsumerRequests =
  'consumer:create' | 'consumer:resume' | 'consumer:setPreferredLayers' | 'consumer:close';

export const consumerHandlers: HandlerTable<ConsumerRequests> = {
  'consumer:create': async ({ transportId, producerId, rtpCapabilities }, { rooms }) => {
    const { handle: transport, roomId, peerId } = rooms.transport(transportId);
    const producer = rooms.producers.get(producerId);
    // A producer of another room is reported exactly like a missing one: rooms do not leak ids.
    if (!producer || producer.roomId !== roomId)
      throw new SfuError('NOT_FOUND', 'no such producer in this room', 'producerId');
    const { router } = rooms.room(roomId);
    if (!router.canConsume({ producerId, rtpCapabilities: rtpCapabilities as never })) {
      throw new SfuError(
        'INVALID_MEDIA_PARAMETERS',
        'these rtpCapabilities cannot receive this producer',
        'rtpCapabilities',
      );
    }
    const consumer = await asMediaParameterError(
      // Created paused: the client resumes once its track is wired, so no keyframe is wasted.
      () =>
        transport.consume({
          producerId,
          rtpCapabilities: rtpCapabilities as never,
          paused: true,
          appData: { roomId, peerId },
        }),
      'consume rejected',
    );
    rooms.addConsumer(consumer, roomId, peerId);
    if (consumer.kind === 'video') {
      await consumer.setPriority(bitratePriority(producer.handle.appData.source as MediaSource | undefined));
    }
    return {
      consumerId: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as never,
      type: consumer.type as 'simple' | 'simulcast' | 'svc' | 'pipe',
      producerPaused: consumer.producerPaused,
    };
  },
  'consumer:resume': async ({ consumerId }, { rooms }) => {
    await rooms.consumer(consumerId).handle.resume();
    return {};
  },
  'consumer:setPreferredLayers': async ({ consumerId, spatialLayer, temporalLayer }, { rooms }) => {
    const { handle } = rooms.consumer(consumerId);
    if (handle.type !== 'simulcast' && handle.type !== 'svc') {
      throw new SfuError('INVALID_MEDIA_PARAMETERS', 'this consumer has no layers', 'consumerId');
    }
    await handle.setPreferredLayers(
      temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer },
    );
    return {};
  },
  'consumer:close': async ({ consumerId }, { rooms }) => {
    rooms.consumer(consumerId).handle.close();
    return {};
  },
};
