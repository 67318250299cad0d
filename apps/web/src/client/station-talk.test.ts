import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import type { BedView } from '@teleconsult/protocol';
import { fakeDevices } from './fake-consult-socket';
import { fakeTransportOptions } from './fake-scripted-socket';
import { WARD, bed, fakeStation } from './fake-station-socket';
import { StationClient } from './station-client';

const settle = async () => {
  for (let i = 0; i < 20; i += 1) await new Promise((r) => setTimeout(r, 0));
};

function talking(beds: BedView[]) {
  const fake = fakeStation(beds);
  const devices = fakeDevices();
  const microphones: MediaStreamTrack[] = [];
  fake.answer('talk:start', () => fakeTransportOptions());
  fake.answer('talk:produce', () => ({ producerId: 'talk-producer' }));
  fake.answer('consumer:create', (payload) => {
    const audio = payload.source === 'microphone';
    const p = fakeParameters.generateConsumerRemoteParameters({
      codecMimeType: audio ? 'audio/opus' : 'video/VP8',
    });
    return {
      consumerId: p.id,
      producerId: p.producerId,
      peerId: String(payload.bedId),
      kind: audio ? 'audio' : 'video',
      source: audio ? 'microphone' : 'camera',
      rtpParameters: p.rtpParameters,
      type: audio ? 'simple' : 'simulcast',
      producerPaused: false,
    };
  });
  const client = new StationClient({
    wardId: WARD,
    accessToken: () => 'token-1',
    openSocket: () => fake.socket,
    createDevice: devices.create,
    getMicrophone: async () => {
      const track = new FakeMediaStreamTrack({ kind: 'audio' }) as unknown as MediaStreamTrack;
      microphones.push(track);
      return track;
    },
  });
  client.start();
  fake.connect();
  return { fake, client, microphones };
}

describe('StationClient talk-down', () => {
  it('opens a send transport for the microphone, produces it through talk:produce, then hears the bedside once it has a microphone', async () => {
    const b = bed(1);
    const { fake, client, microphones } = talking([b]);
    await settle();
    await client.startTalk(b.id);
    expect(fake.requested('talk:start')).toEqual([{ bedId: b.id }]);
    const send = client.talkMedia.sendTransport!;
    expect(send.direction).toBe('send');
    expect(fake.requested('talk:produce')).toEqual([
      { transportId: send.id, rtpParameters: expect.any(Object) },
    ]);
    const [produced] = fake.requested('talk:produce');
    expect((produced!.rtpParameters as { codecs: Array<{ mimeType: string }> }).codecs[0]!.mimeType).toMatch(
      /^audio\//i,
    );
    expect(client.getSnapshot().talk).toEqual({ bedId: b.id, state: 'on', bedAudio: null });

    // The bedside microphone appears (a tablet produced it): consumed on the ward's receive transport.
    fake.notify({
      type: 'bed:changed',
      bed: { ...b, microphoneProducerId: 'bed-mic', talk: { clinician: 'Dr Ada', since: '' } },
    });
    await settle();
    expect(fake.requested('consumer:create').at(-1)).toEqual({
      transportId: client.receiveTransport!.id,
      bedId: b.id,
      rtpCapabilities: expect.any(Object),
      source: 'microphone',
    });
    const bedAudio = client.talkMedia.bedAudio!;
    expect(fake.requested('consumer:resume').at(-1)).toEqual({ consumerId: bedAudio.id });
    expect(client.getSnapshot().talk?.bedAudio).toBe(bedAudio.track);

    await client.stopTalk();
    expect(fake.requested('talk:stop')).toEqual([{ bedId: b.id }]);
    expect(send.closed).toBe(true);
    expect(bedAudio.closed).toBe(true);
    expect(microphones[0]!.readyState).toBe('ended');
    expect(client.getSnapshot().talk).toBeNull();
    client.stop();
  });

  it('cleans up without asking when the api says the talk ended, and surfaces why', async () => {
    const b = bed(2);
    const { fake, client, microphones } = talking([b]);
    await settle();
    await client.startTalk(b.id);
    const send = client.talkMedia.sendTransport!;
    fake.notify({ type: 'talk:ended', bedId: b.id, reason: 'bedside offline' });
    expect(client.getSnapshot().talk).toBeNull();
    expect(send.closed).toBe(true);
    expect(microphones[0]!.readyState).toBe('ended');
    expect(fake.requested('talk:stop')).toEqual([]);
    expect(client.getSnapshot().error?.message).toBe('Talk-down to Bed 2 ended: bedside offline');
    client.stop();
  });

  it('releases the microphone and reports the refusal when another station is talking', async () => {
    const b = bed(3);
    const { fake, client, microphones } = talking([b]);
    // The api refuses with TALK_BUSY: an error ack.
    const socket = fake.socket as unknown as {
      timeout: () => { emitWithAck: (n: string, p: unknown) => Promise<unknown> };
    };
    const original = socket.timeout;
    socket.timeout = () => ({
      emitWithAck: async (name: string, payload: unknown) =>
        name === 'talk:start'
          ? {
              ok: false,
              error: { code: 'TALK_BUSY', message: 'Dr Bo is already talking to this bed', field: 'bedId' },
            }
          : original().emitWithAck(name, payload),
    });
    await settle();
    await expect(client.startTalk(b.id)).rejects.toMatchObject({ error: { code: 'TALK_BUSY' } });
    expect(client.getSnapshot().talk).toBeNull();
    expect(microphones[0]!.readyState).toBe('ended');
    client.stop();
  });

  it('switching beds hangs up the first talk-down before starting the next', async () => {
    const [one, two] = [bed(4), bed(5)];
    const { fake, client } = talking([one, two]);
    await settle();
    await client.startTalk(one.id);
    await client.startTalk(two.id);
    expect(fake.sent.map((s) => s.name).filter((n) => n.startsWith('talk:'))).toEqual([
      'talk:start',
      'talk:produce',
      'talk:stop',
      'talk:start',
      'talk:produce',
    ]);
    expect(client.getSnapshot().talk?.bedId).toBe(two.id);
    client.stop();
    expect(client.getSnapshot().talk).toBeNull();
  });
});
