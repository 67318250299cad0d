import * as fakeParameters from 'mediasoup-client/fakeParameters';
import type { Alarm } from '@teleconsult/clinical';
import type { BedView, StationNotification } from '@teleconsult/protocol';
import { fakeTransportOptions, scriptedSocket } from './fake-scripted-socket';
import type { StationSocket } from './station-client';

/** Test helpers: a scripted /station namespace and bed fixtures. */

export const WARD = '00000000-0000-4000-8000-0000000000a1';
/** A bed as the station sees it, quiet and empty unless `extra` says otherwise. */
export const bedView = (id: string, extra: Partial<BedView> = {}): BedView => ({
  id,
  wardId: WARD,
  label: id,
  kind: 'bed',
  callSign: null,
  admission: null,
  online: true,
  latest: null,
  artefacts: [],
  news2: null,
  alarms: [],
  videoProducerId: null,
  waveformProducerId: null,
  microphoneProducerId: null,
  talk: null,
  thresholds: {},
  spo2Scale: 1,
  handover: null,
  ...extra,
});
export const bed = (n: number, extra: Partial<BedView> = {}): BedView =>
  bedView(`00000000-0000-4000-8000-00000000000${n}`, { label: `Bed ${n}`, ...extra });
export const alarm: Alarm = {
  key: 'spo2',
  kind: 'clinical',
  priority: 'high',
  message: 'SpO₂ low',
  raisedAt: 1,
  escalated: false,
  acknowledgedAt: null,
  acknowledgedBy: null,
  silencedUntil: null,
};

/** The api's /station namespace (test helper) as a script: answers requests like the gateway and records them. */
export function fakeStation(beds: BedView[]) {
  const reply = (name: string, payload: Record<string, unknown>): unknown => {
    switch (name) {
      case 'ward:subscribe':
        return {
          ward: { id: WARD, name: 'ICU 1', kind: 'icu', bedCount: beds.length },
          beds,
          rtpCapabilities: fakeParameters.generateRouterRtpCapabilities(),
        };
      case 'transport:create':
        return fakeTransportOptions({ sctp: true });
      case 'consumer:create': {
        const p = fakeParameters.generateConsumerRemoteParameters({ codecMimeType: 'video/VP8' });
        return {
          consumerId: p.id,
          producerId: p.producerId,
          peerId: String(payload.bedId),
          kind: 'video',
          source: 'camera',
          rtpParameters: p.rtpParameters,
          type: 'simulcast',
          producerPaused: false,
        };
      }
      case 'waveform:consume': {
        const p = fakeParameters.generateDataConsumerRemoteParameters();
        return {
          dataConsumerId: p.id,
          dataProducerId: p.dataProducerId,
          sctpStreamParameters: { streamId: 7, ordered: false, maxRetransmits: 0 },
          label: 'waveforms',
          protocol: 'teleconsult.waveform.v1',
        };
      }
      case 'alarm:acknowledge':
        return { alarm: { ...alarm, acknowledgedAt: 5, acknowledgedBy: 'dr.ada' } };
      default:
        return {};
    }
  };
  return scriptedSocket<StationSocket, StationNotification>(reply);
}
