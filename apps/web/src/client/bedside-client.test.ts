import { afterEach, describe, expect, it } from 'vitest';
import type { ProtocolError } from '@teleconsult/protocol';
import { BEDSIDE_CAMERA_ENCODINGS, BedsideClient } from './bedside-client';
import { fakeBedside, tabletMedia, welcome } from './fake-bedside-socket';
import { fakeDevices } from './fake-consult-socket';

const settle = async () => {
  for (let i = 0; i < 30; i += 1) await new Promise((r) => setTimeout(r, 0));
};

let client: BedsideClient | null = null;
afterEach(() => client?.stop());

async function started(getMedia?: () => Promise<MediaStream>) {
  const fake = fakeBedside();
  const devices = fakeDevices();
  const media = tabletMedia();
  let auth: object | null = null;
  client = new BedsideClient({
    deviceToken: 'device-token-0123456789',
    openSocket: (a) => {
      auth = a;
      return fake.socket;
    },
    createDevice: devices.create,
    getMedia: getMedia ?? (async () => media.stream),
  });
  await client.start();
  return { fake, devices, media, client, auth: () => auth };
}

describe('BedsideClient', () => {
  it('connects with its device token, shows its bed and publishes the camera in three simulcast layers', async () => {
    const { fake, client, devices, media, auth } = await started();
    expect(auth()).toEqual({ deviceToken: 'device-token-0123456789' });
    expect(client.getSnapshot().localStream).toBe(media.stream);
    fake.connect();
    fake.notify(welcome);
    await settle();
    expect(client.getSnapshot()).toMatchObject({ connection: 'connected', bed: welcome.bed, camera: 'live' });
    expect(fake.requested('transport:create')).toEqual([{ direction: 'send' }, { direction: 'recv' }]);
    const [camera] = fake.requested('producer:create');
    expect(camera).toMatchObject({
      kind: 'video',
      source: 'camera',
      transportId: client.transports.send!.id,
    });
    expect((camera!.rtpParameters as { encodings: unknown[] }).encodings).toHaveLength(
      BEDSIDE_CAMERA_ENCODINGS.length,
    );
    expect(client.producers.camera?.track).toBe(media.video);
    // No microphone while nobody talks to the bed.
    expect(client.producers.microphone).toBeNull();
    expect(devices.handlers.map((h) => h.direction)).toEqual(['send', 'recv']);
  });

  it('plays a talk-down and opens the microphone back only while it lasts', async () => {
    const { fake, client, media } = await started();
    fake.connect();
    fake.notify(welcome);
    await settle();
    fake.notify({ type: 'talk:incoming', producerId: 'station-mic', clinician: 'Dr Ada' });
    expect(client.getSnapshot().talk).toEqual({
      clinician: 'Dr Ada',
      producerId: 'station-mic',
      track: null,
    });
    await settle();
    expect(fake.requested('consumer:create')).toEqual([
      {
        transportId: client.transports.recv!.id,
        producerId: 'station-mic',
        rtpCapabilities: expect.any(Object),
      },
    ]);
    const track = client.getSnapshot().talk?.track;
    expect(track?.kind).toBe('audio');
    expect(fake.requested('consumer:resume')).toHaveLength(1);
    const mic = client.producers.microphone!;
    expect(mic.track).toBe(media.audio);
    expect(fake.requested('producer:create').at(-1)).toMatchObject({ kind: 'audio', source: 'microphone' });

    fake.notify({ type: 'talk:ended', producerId: 'station-mic' });
    await settle();
    expect(client.getSnapshot().talk).toBeNull();
    expect(client.producers.microphone).toBeNull();
    expect(mic.closed).toBe(true);
    expect(fake.requested('producer:close')).toEqual([{ producerId: mic.id }]);
    expect(fake.requested('consumer:close')).toHaveLength(1);
    // The tablet's own microphone track stays (for the next talk); only the producer closed.
    expect(media.audio.readyState).toBe('live');
  });

  it('a talk-down announced while the media is still being built is heard once it is ready', async () => {
    const { fake, client } = await started();
    fake.connect();
    fake.notify(welcome);
    fake.notify({ type: 'talk:incoming', producerId: 'station-mic', clinician: 'Dr Ada' });
    await settle();
    expect(fake.requested('consumer:create')).toHaveLength(1);
    expect(client.getSnapshot().talk?.track).not.toBeNull();
  });

  it('fails for good on a refused token, and still connects without a camera', async () => {
    const { fake, client } = await started(async () => {
      throw new Error('Permission denied');
    });
    expect(client.getSnapshot().error?.message).toMatch(/camera and microphone unavailable/);
    const refusal: ProtocolError = { code: 'UNAUTHENTICATED', message: 'unknown or replaced device token' };
    fake.fire('connect_error', Object.assign(new Error('UNAUTHENTICATED'), { data: refusal }));
    expect(client.getSnapshot()).toMatchObject({ connection: 'failed', error: refusal });

    fake.connect();
    fake.notify(welcome);
    await settle();
    expect(client.getSnapshot()).toMatchObject({ connection: 'connected', camera: 'off' });
    expect(fake.requested('producer:create')).toEqual([]);
  });

  it('drops its media and any talk when the socket goes, and rebuilds on the next welcome', async () => {
    const { fake, client } = await started();
    fake.connect();
    fake.notify(welcome);
    await settle();
    fake.notify({ type: 'talk:incoming', producerId: 'station-mic', clinician: 'Dr Ada' });
    await settle();
    const send = client.transports.send!;
    fake.fire('disconnect', 'transport close');
    expect(client.getSnapshot()).toMatchObject({ connection: 'reconnecting', talk: null, camera: 'off' });
    expect(send.closed).toBe(true);
    fake.connect();
    fake.notify(welcome);
    await settle();
    expect(client.getSnapshot().camera).toBe('live');
    expect(fake.requested('transport:create')).toHaveLength(4);
  });
});
