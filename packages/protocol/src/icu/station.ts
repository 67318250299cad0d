import { z } from 'zod';
import type { Alarm, News2Result, NumericVital, VitalSample } from '@teleconsult/clinical';
import type { Ack, ProtocolError } from '../errors';
import {
  type RtpCapabilities,
  dtlsParametersSchema,
  handleIdSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
} from '../media';
import type { ConsumerOptions, TransportOptions } from '../signalling';
import type { BedView, Handover, WardView } from './wards';

/**
 * The central station namespace (`/station`): a clinician watches one ward (or the emergency
 * department's ambulance board). Snapshot on subscribe, then notifications per bed. Media: one
 * receive transport per ward with SCTP, video consumers (simulcast, a layer per tile size) and one
 * waveform data consumer per bed, unordered without retransmission.
 */
export const stationAuthSchema = z.object({ accessToken: z.string().min(1).max(4096) });

const wardId = z.string().uuid();
const bedId = z.string().uuid();
const alarmKey = z.string().min(1).max(64);

export const stationRequestSchemas = {
  'wards:list': z.object({}),
  'ward:subscribe': z.object({ wardId }),
  'ward:unsubscribe': z.object({ wardId }),
  'transport:create': z.object({ wardId }),
  'transport:connect': z.object({ transportId: handleIdSchema, dtlsParameters: dtlsParametersSchema }),
  /** A bed's camera, or (only for the station talking to it) its microphone. Default: camera. */
  'consumer:create': z.object({
    transportId: handleIdSchema,
    bedId,
    rtpCapabilities: rtpCapabilitiesSchema,
    source: z.enum(['camera', 'microphone']).optional(),
  }),
  'consumer:resume': z.object({ consumerId: handleIdSchema }),
  'consumer:setPreferredLayers': z.object({
    consumerId: handleIdSchema,
    spatialLayer: z.number().int().min(0).max(3),
  }),
  'consumer:close': z.object({ consumerId: handleIdSchema }),
  'waveform:consume': z.object({ transportId: handleIdSchema, bedId }),
  'waveform:close': z.object({ dataConsumerId: handleIdSchema }),
  /** The station looks closely at one bed: the bedside encodes its high layer while anyone does. */
  'bed:focus': z.object({ bedId, on: z.boolean() }),
  'alarm:acknowledge': z.object({ bedId, key: alarmKey }),
  'alarm:silence': z.object({ bedId, key: alarmKey }),
  /**
   * Talk-down: opens a send transport in the bed's ward room for this station's microphone. One
   * station talks to a bed at a time; the bed's device must be online. Audited.
   */
  'talk:start': z.object({ bedId }),
  /** The microphone's producer on that transport (audio); the bed's device is told to play it. */
  'talk:produce': z.object({ transportId: handleIdSchema, rtpParameters: rtpParametersSchema }),
  'talk:stop': z.object({ bedId }),
} as const;

export type StationRequestName = keyof typeof stationRequestSchemas;
export type StationRequestPayload<K extends StationRequestName> = z.infer<(typeof stationRequestSchemas)[K]>;
export const isStationRequestName = (name: string): name is StationRequestName =>
  Object.prototype.hasOwnProperty.call(stationRequestSchemas, name);

type Empty = Record<string, never>;

export interface StationTransportOptions extends TransportOptions {
  sctpParameters: { port: number; OS: number; MIS: number; maxMessageSize: number };
}

export interface WaveformConsumerOptions {
  dataConsumerId: string;
  dataProducerId: string;
  label: string;
  protocol: string;
  sctpStreamParameters: { streamId: number; ordered?: boolean; maxRetransmits?: number };
}

export interface StationResponseMap {
  'wards:list': { wards: WardView[] };
  'ward:subscribe': { ward: WardView; beds: BedView[]; rtpCapabilities: RtpCapabilities };
  'ward:unsubscribe': Empty;
  'transport:create': StationTransportOptions;
  'transport:connect': Empty;
  'consumer:create': ConsumerOptions;
  'consumer:resume': Empty;
  'consumer:setPreferredLayers': Empty;
  'consumer:close': Empty;
  'waveform:consume': WaveformConsumerOptions;
  'waveform:close': Empty;
  'bed:focus': Empty;
  'alarm:acknowledge': { alarm: Alarm };
  'alarm:silence': { alarm: Alarm };
  'talk:start': TransportOptions;
  'talk:produce': { producerId: string };
  'talk:stop': Empty;
}

export type StationNotification =
  | {
      type: 'bed:vitals';
      bedId: string;
      sample: VitalSample;
      artefacts: NumericVital[];
      news2: News2Result;
    }
  /** The bed's active alarms, most urgent first, after any change; `event` says what changed. */
  | {
      type: 'bed:alarms';
      bedId: string;
      alarms: Alarm[];
      event: { type: string; key: string; priority: Alarm['priority'] } | null;
    }
  /** Anything else about a bed changed: admission, discharge, device online/offline, media, handover. */
  | { type: 'bed:changed'; bed: BedView }
  | { type: 'bed:handover'; bedId: string; handover: Handover }
  | { type: 'media:reset'; wardId: string; reason: string }
  /** An administrator removed this clinician from the ward's staff: the subscription has ended. */
  | { type: 'ward:accessRevoked'; wardId: string; message: string }
  /** This station's talk-down to a bed ended without it asking (bed offline, producer closed, reset). */
  | { type: 'talk:ended'; bedId: string; reason: string }
  | {
      type: 'consumer:layersChanged';
      consumerId: string;
      spatialLayer: number | null;
      temporalLayer: number | null;
    }
  | { type: 'error'; error: ProtocolError };

export type StationClientToServerEvents = {
  [K in StationRequestName]: (
    payload: StationRequestPayload<K>,
    ack: (response: Ack<StationResponseMap[K]>) => void,
  ) => void;
};

export interface StationServerToClientEvents {
  notification: (notification: StationNotification) => void;
}
