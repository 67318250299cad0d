import type { ConsultImage, Notification, ViewerSession } from '@teleconsult/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDicom } from '@teleconsult/imaging';
import { ViewerSync, type ViewerTransport } from './viewer-sync';

const IMAGE = '6f1c1e0a-6a47-4d7c-9d3e-0b6a7f9e2a11';
const info: ConsultImage = {
  id: IMAGE,
  consultId: 'c',
  kind: 'dicom',
  fileName: 'a.dcm',
  byteSize: 1,
  sha256: 'x',
  uploadedAt: '2026-01-01T00:00:00Z',
  deidentified: true,
  rows: 8,
  columns: 8,
  frames: 4,
  modality: 'US',
  windowCenter: 2048,
  windowWidth: 4096,
  pixelSpacingMm: [0.5, 0.5],
};

vi.mock('./imaging-api', () => ({
  imagingApi: {
    list: vi.fn(async () => [info]),
    bytes: vi.fn(async () => makeDicom({ frames: 4 })),
    upload: vi.fn(),
  },
}));

function fakeTransport(selfPeerId: string) {
  const sent: { name: string; payload: unknown }[] = [];
  const listeners = new Set<(n: Notification) => void>();
  let session: ViewerSession = { presenter: null, state: null, version: 0 };
  const transport: ViewerTransport & {
    sent: typeof sent;
    push(n: Notification): void;
    session(s: ViewerSession): void;
  } = {
    sent,
    send: (async (name: string, payload: unknown) => {
      sent.push({ name, payload });
      if (name === 'viewer:get') return session;
      if (name === 'viewer:takeOver') {
        session = {
          ...session,
          presenter: { peerId: selfPeerId, displayName: 'me' },
          version: session.version + 1,
        };
        return session;
      }
      session = { ...session, version: session.version + 1 };
      return { version: session.version };
    }) as ViewerTransport['send'],
    addNotificationListener: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    subscribe: () => () => undefined,
    getSnapshot: () => ({
      self: { peerId: selfPeerId, displayName: 'me', role: 'clinician', joinedAt: '' },
      admission: 'admitted',
    }),
    push: (n) => listeners.forEach((l) => l(n)),
    session: (s) => {
      session = s;
    },
  };
  return transport;
}

const settle = () => new Promise((r) => setTimeout(r, 80));

describe('ViewerSync', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.clearAllMocks());

  it('presenter: opening and scrolling are sent, coalesced to the latest state', async () => {
    const transport = fakeTransport('me');
    const sync = new ViewerSync(transport, { kind: 'clinician', consultId: 'c' });
    sync.start();
    await settle();
    await sync.open(IMAGE);
    for (let i = 0; i < 10; i += 1) sync.dispatch({ type: 'frameBy', delta: 1 });
    await settle();
    await settle();
    const updates = transport.sent.filter((s) => s.name === 'viewer:update');
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(updates.at(-1)?.payload).toMatchObject({ state: { imageId: IMAGE, frame: 3 } });
    expect(sync.getSnapshot()).toMatchObject({ presenting: true, image: { facts: { frames: 4 } } });
    sync.stop();
  });

  it('follower: renders what arrives, ignores its own actions, and takes over on request', async () => {
    const transport = fakeTransport('me');
    const sync = new ViewerSync(transport, { kind: 'patient', joinToken: 't' });
    sync.start();
    await settle();
    const state = {
      imageId: IMAGE,
      frame: 2,
      windowCenter: 100,
      windowWidth: 50,
      zoom: 2,
      panX: 1,
      panY: 2,
      pointer: { x: 3, y: 4 },
      measurements: [],
    };
    transport.push({
      type: 'viewer:changed',
      session: { presenter: { peerId: 'other', displayName: 'Dr Other' }, state, version: 5 },
    });
    await settle();
    expect(sync.getSnapshot()).toMatchObject({
      presenting: false,
      state,
      version: 5,
      image: { info: { id: IMAGE } },
    });
    sync.dispatch({ type: 'frame', frame: 0 });
    expect(sync.getSnapshot().state?.frame).toBe(2);
    // An older version arriving late changes nothing.
    transport.push({
      type: 'viewer:changed',
      session: {
        presenter: { peerId: 'other', displayName: 'Dr Other' },
        state: { ...state, frame: 1 },
        version: 4,
      },
    });
    expect(sync.getSnapshot().state?.frame).toBe(2);
    transport.session({ presenter: { peerId: 'other', displayName: 'Dr Other' }, state, version: 5 });
    await sync.takeOver();
    sync.dispatch({ type: 'frame', frame: 0 });
    await settle();
    expect(sync.getSnapshot()).toMatchObject({ presenting: true, state: { frame: 0 } });
    expect(transport.sent.at(-1)).toMatchObject({ name: 'viewer:update', payload: { state: { frame: 0 } } });
    sync.stop();
  });

  it('a late joiner starts from the server session', async () => {
    const transport = fakeTransport('me');
    transport.session({
      presenter: { peerId: 'other', displayName: 'Dr Other' },
      state: {
        imageId: IMAGE,
        frame: 3,
        windowCenter: 1,
        windowWidth: 2,
        zoom: 1,
        panX: 0,
        panY: 0,
        pointer: null,
        measurements: [],
      },
      version: 9,
    });
    const sync = new ViewerSync(transport, { kind: 'patient', joinToken: 't' });
    sync.start();
    await settle();
    expect(sync.getSnapshot()).toMatchObject({ version: 9, presenting: false, state: { frame: 3 } });
    sync.stop();
  });
});
