import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { BedsideNotification } from '@teleconsult/protocol';
import type { BedsideSocket } from './bedside-client';
import { fakeTransportOptions, scriptedSocket } from './fake-scripted-socket';

/** Test helpers: a scripted /bedside namespace, a welcome and a tablet's camera and microphone. */
export const welcome = {
  type: 'welcome',
  bed: { bedId: 'bed-1', wardId: 'ward-1', label: 'Bed 7', kind: 'bed' },
} satisfies BedsideNotification;

/** The api's /bedside namespace as a script: answers like the gateway and records requests. */
export function fakeBedside() {
  let producers = 0;
  const reply = (name: string, payload: Record<string, unknown>): unknown => {
    switch (name) {
      case 'media:capabilities':
        return { rtpCapabilities: fakeParameters.generateRouterRtpCapabilities() };
      case 'transport:create':
        return fakeTransportOptions();
      case 'producer:create':
        producers += 1;
        return { producerId: `${String(payload.source)}-${producers}` };
      case 'consumer:create': {
        const p = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'audio/opus' });
        return {
          consumerId: p.id,
          producerId: payload.producerId,
          peerId: 'station',
          kind: 'audio',
          source: 'microphone',
          rtpParameters: p.rtpParameters,
          type: 'simple',
          producerPaused: false,
        };
      }
      default:
        return {};
    }
  };
  return scriptedSocket<BedsideSocket, BedsideNotification>(reply);
}

export function tabletMedia() {
  const audio = new FakeMediaStreamTrack({ kind: 'audio' }) as unknown as MediaStreamTrack;
  const video = new FakeMediaStreamTrack({ kind: 'video' }) as unknown as MediaStreamTrack;
  const stream = {
    getAudioTracks: () => [audio],
    getVideoTracks: () => [video],
    getTracks: () => [audio, video],
  } as unknown as MediaStream;
  return { audio, video, stream };
}
