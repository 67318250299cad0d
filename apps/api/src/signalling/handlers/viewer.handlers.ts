import type { ViewerSession, ViewerState } from '@teleconsult/protocol';
import { ApiError } from '../../common/api-error';
import { RateLimit } from '../../common/rate-limit';
import type { Peer, Room } from '../room-registry.service';
import { type JoinedContext, type SignalHandlerTable, joined } from '../signalling-context';
import { actorOf } from './room.handlers';

/**
 * The presenter's pointer moves send updates at up to ~30 per second; this allows that with
 * headroom and stops a flood (each update is relayed to every peer of the room).
 */
export const viewerRateLimit = new RateLimit('viewer updates', 120, 2);

interface StoredSession {
  presenterPeerId: string | null;
  state: ViewerState | null;
  version: number;
  /**
   * Ids already found to be images of this consult. Images are never deleted, so once found an id
   * needs no second look-up: at up to 120 updates per 2 s, only a newly named image costs a query.
   */
  consultImages: Set<string>;
  /** The last update being applied; the next one waits for it, so updates apply in arrival order. */
  applying: Promise<unknown>;
}

/**
 * One viewer session per live room. Keyed by the room object, so it lasts exactly as long as the
 * room: when the last peer leaves, the registry drops the room and its session with it.
 */
const sessions = new WeakMap<Room, StoredSession>();

function sessionOf(room: Room): StoredSession {
  let session = sessions.get(room);
  if (!session) {
    session = {
      presenterPeerId: null,
      state: null,
      version: 0,
      consultImages: new Set(),
      applying: Promise.resolve(),
    };
    sessions.set(room, session);
  }
  return session;
}

/** The session as participants see it; a presenter who has left the room is no presenter. */
function describe(room: Room, session: StoredSession): ViewerSession {
  const presenter: Peer | undefined = session.presenterPeerId
    ? room.peers.get(session.presenterPeerId)
    : undefined;
  return {
    presenter: presenter ? { peerId: presenter.peerId, displayName: presenter.displayName } : null,
    state: session.state,
    version: session.version,
  };
}

function broadcast({ socket, room }: JoinedContext, session: StoredSession): void {
  socket
    .to(room.consultId)
    .emit('notification', { type: 'viewer:changed', session: describe(room, session) });
}

/** New measurements are written to the audit trail: who measured what, on which image and frame. */
async function auditNewMeasurements(
  context: JoinedContext,
  before: ViewerState | null,
  after: ViewerState,
): Promise<void> {
  const known = new Set(before?.measurements.map((m) => m.id) ?? []);
  for (const measurement of after.measurements) {
    if (known.has(measurement.id)) continue;
    await context.audit.record({
      ...actorOf(context),
      action: 'image.measured',
      consultId: context.room.consultId,
      detail: {
        imageId: measurement.imageId,
        frame: measurement.frame,
        lengthMm: measurement.lengthMm,
        lengthPx: measurement.lengthPx,
        by: context.peer.displayName,
      },
    });
  }
}

/**
 * Every image the state names (the one shown and those measured on) must be an image of this
 * consult. Each receiver fetches images through its own access check, so nothing would leak, but
 * another consult's id must not be put into everyone's viewer (nor the audit trail). Another
 * consult's image gets the same answer as an id that exists nowhere.
 */
async function assertConsultImages(
  { images, room }: JoinedContext,
  session: StoredSession,
  state: ViewerState,
): Promise<void> {
  const named = [
    ...(state.imageId === null ? [] : [{ id: state.imageId, field: 'state.imageId' }]),
    ...state.measurements.map((m, i) => ({ id: m.imageId, field: `state.measurements.${i}.imageId` })),
  ];
  const unknown = named.filter(({ id }) => !session.consultImages.has(id));
  if (unknown.length === 0) return;
  const found = await images.ofConsult(
    room.consultId,
    unknown.map(({ id }) => id),
  );
  for (const id of found) session.consultImages.add(id);
  const missing = unknown.find(({ id }) => !found.has(id));
  if (missing)
    throw new ApiError('NOT_FOUND', `${missing.field}: no such image in this consult`, missing.field);
}

/** Checks and applies one update; a refused update leaves the session as it was. */
async function applyUpdate(context: JoinedContext, session: StoredSession, state: ViewerState) {
  const { room, peer } = context;
  await assertConsultImages(context, session, state);
  // From here to the change, nothing awaits: a take-over cannot slip in between.
  const presenterHere = session.presenterPeerId !== null && room.peers.has(session.presenterPeerId);
  if (presenterHere && session.presenterPeerId !== peer.peerId)
    throw new ApiError('FORBIDDEN', 'another participant is presenting; take over to drive the viewer');
  const before = session.state;
  session.presenterPeerId = peer.peerId;
  session.state = state;
  session.version += 1;
  broadcast(context, session);
  return { before, version: session.version };
}

export const viewerHandlers: SignalHandlerTable<'viewer:update' | 'viewer:takeOver' | 'viewer:get'> = {
  /**
   * Only the presenter drives the view; when nobody presents (first use, or the presenter left),
   * the first participant to send an update becomes the presenter. Only admitted peers reach here
   * and only the room's admitted peers receive the relay. The images the state names must be this
   * consult's.
   */
  'viewer:update': joined(async ({ state }, context) => {
    await viewerRateLimit.consume(context.socket.id);
    const session = sessionOf(context.room);
    const applied = session.applying.then(() => applyUpdate(context, session, state));
    session.applying = applied.catch(() => undefined);
    const { before, version } = await applied;
    await auditNewMeasurements(context, before, state);
    return { version };
  }),
  'viewer:takeOver': joined(async (_payload, context) => {
    const { socket, room, peer } = context;
    await viewerRateLimit.consume(socket.id);
    const session = sessionOf(room);
    if (session.presenterPeerId !== peer.peerId) {
      session.presenterPeerId = peer.peerId;
      session.version += 1;
      broadcast(context, session);
    }
    return describe(room, session);
  }),
  'viewer:get': joined(async (_payload, { room }) => describe(room, sessionOf(room))),
};
