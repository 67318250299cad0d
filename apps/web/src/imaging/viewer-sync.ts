import type {
  ConsultImage,
  Notification,
  PeerInfo,
  RequestName,
  RequestPayload,
  ResponseMap,
  ViewerSession,
  ViewerState,
} from '@teleconsult/protocol';
import type { DecodedImage } from './decoded-image';
import { type ImagingAccess, imagingApi } from './imaging-api';
import { type ImageFacts, type ViewerAction, viewerReducer } from './viewer-state';

/** The part of ConsultClient the viewer uses (a fake in tests). */
export interface ViewerTransport {
  send<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponseMap[K]>;
  addNotificationListener(listener: (notification: Notification) => void): () => void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): { self: PeerInfo | null; admission: string };
}

export interface LoadedImage {
  info: ConsultImage;
  decoded: DecodedImage;
  facts: ImageFacts;
}

export interface ViewerSnapshot {
  images: ConsultImage[];
  /** The image the viewer state names, once fetched and decoded. */
  image: LoadedImage | null;
  loadError: string | null;
  state: ViewerState | null;
  presenter: ViewerSession['presenter'];
  presenting: boolean;
  version: number;
}

/** Updates go out at most this often; the latest state wins (pointer moves come at mouse rate). */
const SEND_INTERVAL_MS = 33;

export const factsOf = (info: ConsultImage, decoded: DecodedImage): ImageFacts => ({
  id: info.id,
  rows: decoded.rows,
  columns: decoded.columns,
  frames: decoded.frames,
  defaultWindow: decoded.defaultWindow,
  pixelSpacingMm: decoded.pixelSpacingMm ?? info.pixelSpacingMm,
});

/**
 * The consult's shared image viewer, framework-free. The presenter's actions run through the
 * viewer reducer and are sent (coalesced to ~30 per second); everyone else renders what arrives.
 * Images are fetched through the participant's own access (a clinician's session, a patient's
 * link), so a viewer state naming an image of another consult shows nothing.
 */
export class ViewerSync {
  private readonly listeners = new Set<() => void>();
  private readonly cache = new Map<string, Promise<LoadedImage>>();
  private snapshot: ViewerSnapshot = {
    images: [],
    image: null,
    loadError: null,
    state: null,
    presenter: null,
    presenting: false,
    version: 0,
  };
  private stops: (() => void)[] = [];
  private selfPeerId: string | null = null;
  private sendTimer: ReturnType<typeof setTimeout> | null = null;
  private lastSentAt = 0;
  private inFlight = false;
  private dirty = false;
  /** The last view sent, so closing the viewer keeps its settings for a later reopen. */
  private lastState: ViewerState | null = null;

  constructor(
    private readonly transport: ViewerTransport,
    private readonly access: ImagingAccess,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  start(): void {
    this.stops.push(this.transport.addNotificationListener((n) => this.onNotification(n)));
    const follow = () => {
      const { self, admission } = this.transport.getSnapshot();
      const peerId = admission === 'admitted' ? (self?.peerId ?? null) : null;
      if (peerId === this.selfPeerId) return;
      this.selfPeerId = peerId;
      // A (re)join: the server's session is the truth, and the image list may have grown.
      if (peerId) void this.refresh();
    };
    this.stops.push(this.transport.subscribe(follow));
    follow();
  }

  stop(): void {
    this.stops.forEach((stop) => stop());
    this.stops = [];
    if (this.sendTimer) clearTimeout(this.sendTimer);
  }

  async refresh(): Promise<void> {
    // A rejoin may meet a new room (everyone had left): its session starts again at version 0.
    const presented = this.snapshot.presenting ? this.snapshot.state : null;
    this.update({ version: 0 });
    await this.refreshImages();
    const session = await this.transport.send('viewer:get', {}).catch(() => null);
    if (!session) return;
    if (!session.presenter && presented) {
      // We were presenting and nobody took over while we were away: carry on from our view.
      this.update({ presenting: true, presenter: null, state: presented });
      this.scheduleSend();
      return;
    }
    this.apply(session);
  }

  async refreshImages(): Promise<void> {
    const images = await imagingApi.list(this.access).catch(() => null);
    if (images) this.update({ images });
  }

  async upload(file: File): Promise<ConsultImage> {
    const image = await imagingApi.upload(this.access, file, file.name);
    this.update({ images: [...this.snapshot.images.filter((i) => i.id !== image.id), image] });
    return image;
  }

  /** Opens an image for everyone (taking over from another presenter: opening is an explicit act). */
  async open(imageId: string): Promise<void> {
    const loaded = await this.load(imageId);
    if (!this.snapshot.presenting && this.snapshot.presenter) await this.takeOver();
    this.dispatch({ type: 'open', image: loaded.facts });
  }

  close(): void {
    this.dispatch({ type: 'close' });
  }

  async takeOver(): Promise<void> {
    const session = await this.transport.send('viewer:takeOver', {});
    this.apply(session);
  }

  /** A presenter's action (ignored while following someone else). */
  dispatch(action: ViewerAction): void {
    const { presenting, presenter, state, image } = this.snapshot;
    if (!presenting && presenter) return;
    const next = viewerReducer(state, action, image?.facts ?? null);
    if (next === state) return;
    this.update({ state: next, presenting: true });
    if (next?.imageId) void this.ensureLoaded(next.imageId);
    else this.update({ image: null });
    this.scheduleSend();
  }

  private scheduleSend(): void {
    this.dirty = true;
    if (this.sendTimer || this.inFlight) return;
    const wait = Math.max(0, this.lastSentAt + SEND_INTERVAL_MS - Date.now());
    this.sendTimer = setTimeout(() => {
      this.sendTimer = null;
      void this.flush();
    }, wait);
  }

  private async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    this.inFlight = true;
    this.lastSentAt = Date.now();
    const state = this.snapshot.state;
    try {
      if (state) {
        const { version } = await this.transport.send('viewer:update', { state });
        this.update({ version: Math.max(version, this.snapshot.version) });
      } else {
        // Closing is an update with no image: keep the last view, show nothing.
        const { version } = await this.transport.send('viewer:update', {
          state: { ...(this.lastState ?? EMPTY_STATE), imageId: null, pointer: null },
        });
        this.update({ version });
      }
      if (state) this.lastState = state;
    } catch {
      // Someone else took over meanwhile (FORBIDDEN): their state arrives as a notification.
      const session = await this.transport.send('viewer:get', {}).catch(() => null);
      if (session) this.apply(session);
    } finally {
      this.inFlight = false;
      if (this.dirty) this.scheduleSend();
    }
  }

  private onNotification(notification: Notification): void {
    if (notification.type === 'viewer:changed') this.apply(notification.session);
  }

  private apply(session: ViewerSession): void {
    if (session.version < this.snapshot.version) return;
    const presenting = session.presenter !== null && session.presenter.peerId === this.selfPeerId;
    // While presenting, local state is ahead of what the server echoes back.
    const state = presenting && this.snapshot.presenting ? this.snapshot.state : normalise(session.state);
    this.update({ presenter: session.presenter, presenting, version: session.version, state });
    if (state?.imageId) void this.ensureLoaded(state.imageId);
    else this.update({ image: null });
  }

  private async ensureLoaded(imageId: string): Promise<void> {
    if (this.snapshot.image?.info.id === imageId) return;
    try {
      const loaded = await this.load(imageId);
      if (this.snapshot.state?.imageId === imageId) this.update({ image: loaded, loadError: null });
    } catch (error) {
      this.update({ loadError: error instanceof Error ? error.message : String(error) });
    }
  }

  private load(imageId: string): Promise<LoadedImage> {
    let pending = this.cache.get(imageId);
    if (!pending) {
      pending = this.fetchAndDecode(imageId);
      pending.catch(() => this.cache.delete(imageId));
      this.cache.set(imageId, pending);
    }
    return pending;
  }

  private async fetchAndDecode(imageId: string): Promise<LoadedImage> {
    let info = this.snapshot.images.find((i) => i.id === imageId);
    if (!info) {
      await this.refreshImages();
      info = this.snapshot.images.find((i) => i.id === imageId);
    }
    if (!info) throw new Error('this image is not part of the consult');
    const bytes = await imagingApi.bytes(this.access, imageId);
    // The DICOM parser is large: it loads with the first image, not with the consult page.
    const { decodeBitmap, decodeDicom } = await import('./decoded-image');
    const decoded = info.kind === 'dicom' ? decodeDicom(bytes) : await decodeBitmap(info.kind, bytes);
    return { info, decoded, facts: factsOf(info, decoded) };
  }

  private update(change: Partial<ViewerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.forEach((listener) => listener());
  }
}

const EMPTY_STATE: ViewerState = {
  imageId: null,
  frame: 0,
  windowCenter: 128,
  windowWidth: 256,
  zoom: 1,
  panX: 0,
  panY: 0,
  pointer: null,
  measurements: [],
};

const normalise = (state: ViewerState | null): ViewerState | null => (state?.imageId ? state : null);
