import { SfuError, asMediaParameterError } from '../sfu-error';
import type { HandlerTable } from '../handler-context';

type DataRequests =
  | 'dataProducer:create'
  | 'dataProducer:createDirect'
  | 'dataProducer:send'
  | 'dataProducer:close'
  | 'dataConsumer:create'
  | 'dataConsumer:close';

/**
 * Data channels: waveforms and telemetry. Browsers produce over SCTP on their WebRTC transport;
 * headless publishers go through the api, which feeds a DirectTransport producer over this RPC.
 * Each receiver chooses its own delivery: unordered without retransmission for waveforms.
 */
export const dataHandlers: HandlerTable<DataRequests> = {
  'dataProducer:create': async ({ transportId, sctpStreamParameters, label, protocol }, { rooms }) => {
    const { handle: transport, roomId, peerId } = rooms.transport(transportId);
    const dataProducer = await asMediaParameterError(
      () => transport.produceData({ sctpStreamParameters, label, protocol, appData: { roomId, peerId } }),
      'data producer rejected (is SCTP enabled on this transport?)',
    );
    rooms.addDataProducer(dataProducer, roomId, peerId);
    return { dataProducerId: dataProducer.id };
  },
  'dataProducer:createDirect': async ({ roomId, peerId, label, protocol }, { rooms }) => {
    const direct = await rooms.directTransport(roomId);
    const dataProducer = await direct.produceData({ label, protocol, appData: { roomId, peerId } });
    rooms.addDataProducer(dataProducer, roomId, peerId);
    return { dataProducerId: dataProducer.id };
  },
  'dataProducer:send': async ({ dataProducerId, message }, { rooms }) => {
    const { handle } = rooms.dataProducer(dataProducerId);
    if (handle.type !== 'direct')
      throw new SfuError(
        'INVALID_MEDIA_PARAMETERS',
        'only direct data producers take messages over the RPC',
        'dataProducerId',
      );
    handle.send(message);
    return {};
  },
  'dataProducer:close': async ({ dataProducerId }, { rooms }) => {
    rooms.dataProducer(dataProducerId).handle.close();
    return {};
  },
  'dataConsumer:create': async ({ transportId, dataProducerId, ordered, maxRetransmits }, { rooms }) => {
    const { handle: transport, roomId, peerId } = rooms.transport(transportId);
    const producer = rooms.dataProducers.get(dataProducerId);
    // Another room's producer is reported exactly like a missing one.
    if (!producer || producer.roomId !== roomId)
      throw new SfuError('NOT_FOUND', 'no such data producer in this room', 'dataProducerId');
    const dataConsumer = await asMediaParameterError(
      () =>
        transport.consumeData({
          dataProducerId,
          ...(ordered === undefined ? {} : { ordered }),
          ...(maxRetransmits === undefined ? {} : { maxRetransmits }),
          appData: { roomId, peerId },
        }),
      'data consumer rejected (is SCTP enabled on this transport?)',
    );
    rooms.addDataConsumer(dataConsumer, roomId, peerId);
    return {
      dataConsumerId: dataConsumer.id,
      dataProducerId,
      label: dataConsumer.label,
      protocol: dataConsumer.protocol,
      // The worker's dump leaves out a zero maxRetransmits although it was given (and is used), so
      // the receiver is told what was asked for.
      sctpStreamParameters: {
        ...dataConsumer.sctpStreamParameters,
        ...(maxRetransmits === undefined || ordered === true ? {} : { maxRetransmits }),
      } as never,
    };
  },
  'dataConsumer:close': async ({ dataConsumerId }, { rooms }) => {
    rooms.dataConsumer(dataConsumerId).handle.close();
    return {};
  },
};
