import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import type { ProducerInfo } from '@teleconsult/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsultClient } from './consult-client';
import { FakeConsultSocket, fakeDevices, type FakeDevices } from './fake-consult-socket';

const clinician = {
  peerId: 'dr',
  displayName: 'Dr Ada',
  role: 'clinician' as const,
  joinedAt: '2026-01-01T00:00:00.000Z',
};
const drCamera: ProducerInfo = {
  producerId: 'dr-cam',
  peerId: 'dr',
  kind: 'video',
  source: 'camera',
  paused: false,
};
const drMic: ProducerInfo = {
  producerId: 'dr-mic',
  peerId: 'dr',
  kind: 'audio',
  source: 'microphone',
  paused: false,
};

function localStream() {
  const audio = new FakeMediaStreamTrack({ kind: 'audio' }) as unknown as MediaStreamTrack;
  const video = new FakeMediaStreamTrack({ kind: 'video' }) as unknown as MediaStreamTrack;
  return {
    audio,
    video,
    stream: { getAudioTracks: () => [audio], getVideoTracks: () => [video] } as unknown as MediaStream,
  };
}

let client: ConsultClient | null = null;
afterEach(() => client?.close('test over'));

function setup(withMedia = true) {
  const socket = new FakeConsultSocket();
  const devices = fakeDevices();
  const media = localStream();
  client = new ConsultClient({
    auth: { kind: 'patient', joinToken: 'x'.repeat(32) },
    displayName: 'Pat',
    localStream: withMedia ? media.stream : null,
    openSocket: () => socket.asSocket(),
    createDevice: devices.create,
  });
  client.start();
  return { socket, devices, media, client };
}

const latestHandler = (devices: FakeDevices, direction: 'send' | 'recv') =>
  devices.handlers.filter((h) => h.direction === direction).at(-1)!.handler;

async function joinAndConnect(socket: FakeConsultSocket, devices: FakeDevices, current: ConsultClient) {
  const joins = socket.requested('room:join').length;
  socket.serverConnect();
  await vi.waitFor(() => expect(socket.requested('room:join')).toHaveLength(joins + 1));
  await vi.waitFor(() =>
    expect(socket.requested('producer:create').length).toBeGreaterThanOrEqual(2 * (joins + 1)),
  );
  latestHandler(devices, 'send').setConnectionState('connected');
  await vi.waitFor(() => expect(current.getSnapshot().state).toBe('connected'));
}

describe('ConsultClient', () => {
  it('joins, sends the microphone and a three-layer simulcast camera, and is connected once the send transport is', async () => {
    const { socket, devices, client } = setup();
    expect(client.getSnapshot().state).toBe('connecting');
    await joinAndConnect(socket, devices, client);

    const [mic, camera] = socket.requested('producer:create');
    expect(mic).toMatchObject({ kind: 'audio', source: 'microphone' });
    expect(camera).toMatchObject({ kind: 'video', source: 'camera' });
    const encodings = (camera?.rtpParameters as { encodings: Array<{ maxBitrate?: number }> }).encodings;
    expect(encodings.map((e) => e.maxBitrate)).toEqual([100_000, 300_000, 900_000]);
    expect(socket.requested('transport:connect')).toHaveLength(1);
  });

  it('consumes producers present at join and announced later, resuming each after its consumer exists', async () => {
    const { socket, devices, client } = setup();
    socket.peers.push(clinician);
    socket.producers.set(drCamera.producerId, drCamera);
    await joinAndConnect(socket, devices, client);
    await vi.waitFor(() => expect(client.getSnapshot().remotes[0]?.video).not.toBeNull());
    expect(client.getSnapshot().remotes[0]?.peer.displayName).toBe('Dr Ada');

    socket.producers.set(drMic.producerId, drMic);
    socket.notify({ type: 'producer:added', producer: drMic });
    await vi.waitFor(() => expect(client.getSnapshot().remotes[0]?.audio).not.toBeNull());

    const order = socket.requests.filter((r) => r.name.startsWith('consumer:')).map((r) => r.name);
    expect(order).toEqual(['consumer:create', 'consumer:resume', 'consumer:create', 'consumer:resume']);
  });

  it('consumes a producer announced while its transports were still being made', async () => {
    const { socket, devices, client } = setup();
    let announced = false;
    socket.answer('transport:create', (payload) => {
      if (!announced) {
        announced = true;
        socket.peers.push(clinician);
        socket.producers.set(drCamera.producerId, drCamera);
        socket.notify({ type: 'peer:joined', peer: clinician });
        socket.notify({ type: 'producer:added', producer: drCamera });
      }
      return socket.reply('transport:create', payload);
    });
    await joinAndConnect(socket, devices, client);
    await vi.waitFor(() => expect(client.getSnapshot().remotes[0]?.video).not.toBeNull());
  });

  it('follows the other side pausing, closing and leaving', async () => {
    const { socket, devices, client } = setup();
    socket.peers.push(clinician);
    socket.producers.set(drCamera.producerId, drCamera);
    await joinAndConnect(socket, devices, client);
    await vi.waitFor(() => expect(client.getSnapshot().remotes[0]?.video).not.toBeNull());

    socket.notify({ type: 'producer:paused', producerId: 'dr-cam' });
    expect(client.getSnapshot().remotes[0]?.videoPaused).toBe(true);
    socket.notify({ type: 'producer:closed', producerId: 'dr-cam' });
    expect(client.getSnapshot().remotes[0]?.video).toBeNull();
    socket.notify({ type: 'peer:left', peerId: 'dr' });
    expect(client.getSnapshot().remotes).toEqual([]);
  });

  it('mutes by pausing the producer at the SFU and disabling the track', async () => {
    const { socket, devices, media, client } = setup();
    await joinAndConnect(socket, devices, client);
    await client.toggleMic();
    expect(client.getSnapshot().micMuted).toBe(true);
    expect(media.audio.enabled).toBe(false);
    expect(socket.requested('producer:pause')).toEqual([{ producerId: 'local-1' }]);
    await client.toggleMic();
    expect(media.audio.enabled).toBe(true);
    expect(socket.requested('producer:resume')).toEqual([{ producerId: 'local-1' }]);
    await client.toggleCamera();
    expect(client.getSnapshot().cameraOff).toBe(true);
    expect(media.video.enabled).toBe(false);
  });

  it('fails for good when the handshake is refused, keeping the server’s code', () => {
    const { socket, client } = setup();
    socket.refuseHandshake('LINK_EXPIRED', 'this link has expired');
    expect(client.getSnapshot().state).toBe('failed');
    expect(client.getSnapshot().error?.code).toBe('LINK_EXPIRED');
  });

  it('shows reconnecting when the socket drops and rejoins when it is back', async () => {
    const { socket, devices, client } = setup();
    await joinAndConnect(socket, devices, client);
    socket.serverDrop();
    expect(client.getSnapshot().state).toBe('reconnecting');
    await joinAndConnect(socket, devices, client);
    // A new socket connection has no peer on the server, so the rejoin does not leave first.
    expect(socket.requested('room:leave')).toHaveLength(0);
  });

  it('restarts ICE when a transport is disconnected, and rejoins when the restart is refused', async () => {
    const { socket, devices, client } = setup();
    await joinAndConnect(socket, devices, client);
    latestHandler(devices, 'send').setConnectionState('disconnected');
    expect(client.getSnapshot().state).toBe('reconnecting');
    await vi.waitFor(() => expect(socket.requested('transport:restartIce')).toHaveLength(1));
    latestHandler(devices, 'send').setConnectionState('connected');
    expect(client.getSnapshot().state).toBe('connected');

    socket.answer('transport:restartIce', () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'transport is gone' },
    }));
    latestHandler(devices, 'send').setConnectionState('failed');
    await vi.waitFor(() => expect(socket.requested('room:join')).toHaveLength(2));
    // The server still holds this socket's peer: leave before joining again.
    expect(socket.requested('room:leave')).toHaveLength(1);
    await vi.waitFor(() => expect(socket.requested('producer:create')).toHaveLength(4));
    latestHandler(devices, 'send').setConnectionState('connected');
    expect(client.getSnapshot().state).toBe('connected');
  });

  it('rejoins without leaving after a media reset, and closes when the consult is closed', async () => {
    const { socket, devices, client } = setup();
    await joinAndConnect(socket, devices, client);
    socket.notify({ type: 'room:mediaReset', reason: 'worker died' });
    await vi.waitFor(() => expect(socket.requested('room:join')).toHaveLength(2));
    expect(socket.requested('room:leave')).toHaveLength(0);

    socket.notify({ type: 'room:closed', reason: 'the clinician ended the consult' });
    expect(client.getSnapshot().state).toBe('closed');
    expect(client.getSnapshot().closedReason).toBe('the clinician ended the consult');
  });

  it('treats a disconnect chosen by the server as the end of the consult, not a drop to retry', async () => {
    const { socket, devices, client } = setup();
    await joinAndConnect(socket, devices, client);
    socket.serverDrop('io server disconnect');
    expect(client.getSnapshot().state).toBe('closed');
  });

  it('is connected without a camera or microphone, and leaves cleanly', async () => {
    const { socket, client } = setup(false);
    socket.serverConnect();
    await vi.waitFor(() => expect(client.getSnapshot().state).toBe('connected'));
    expect(socket.requested('producer:create')).toHaveLength(0);
    await client.leave();
    expect(socket.requested('room:leave')).toHaveLength(1);
    expect(client.getSnapshot().state).toBe('closed');
    expect(socket.connected).toBe(false);
  });
});
