import type { BedsideResponseMap } from '@teleconsult/protocol';
import type { BedVideoRpc } from '@teleconsult/sfu';
import type { SfuRequestName, SfuRequestPayload, SfuResponseMap } from '@teleconsult/sfu-rpc';
import type { BedsideRequester } from '../bedside/bedside-request';

export type VideoOpened = BedsideResponseMap['video:open'];

export interface SocketVideoRpc extends BedVideoRpc {
  /** `video:open`: the api's plain transport in the bed's ward room (roomId and peerId for startBedVideo). */
  open(): Promise<VideoOpened>;
}

/**
 * startBedVideo's SFU RPC, spoken over the bedside socket: the simulator holds no SFU secret, the
 * api opens the transport in the right room and creates the producer for the bed's token.
 * Call open() first; the next `transport:createPlain` hands out that transport instead of opening another.
 */
export function createSocketVideoRpc(request: BedsideRequester): SocketVideoRpc {
  let opened: VideoOpened | undefined;
  const open = async () => {
    opened = await request('video:open', {});
    return opened;
  };
  const answer = async (name: SfuRequestName, payload: unknown): Promise<unknown> => {
    switch (name) {
      // The api ensures the ward room's router when it opens the transport; startBedVideo ignores the answer.
      case 'router:ensure':
        return { rtpCapabilities: { codecs: [], headerExtensions: [] }, workerPid: 0 };
      case 'transport:createPlain': {
        const transport = opened ?? (await open());
        opened = undefined;
        return { transportId: transport.transportId, ip: transport.ip, port: transport.port };
      }
      case 'producer:create': {
        // Kind and source are the api's to decide (a bed's camera); only the RTP parameters travel.
        const { transportId, rtpParameters } = payload as SfuRequestPayload<'producer:create'>;
        return request('video:produce', { transportId, rtpParameters });
      }
      case 'transport:close': {
        const { transportId } = payload as SfuRequestPayload<'transport:close'>;
        return request('video:close', { transportId });
      }
      default:
        throw new Error(`${name}: not available to a bedside device`);
    }
  };
  return {
    open,
    request: <K extends SfuRequestName>(name: K, payload: SfuRequestPayload<K>) =>
      answer(name, payload) as Promise<SfuResponseMap[K]>,
  };
}
