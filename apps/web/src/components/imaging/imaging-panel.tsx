import { useEffect, useRef, useState } from 'react';
import type { ConsultImage } from '@teleconsult/protocol';
import type { ConsultClient, ConsultSnapshot } from '../../client/consult-client';
import { useImagingViewer } from '../../hooks/use-imaging-viewer/use-imaging-viewer';
import type { ImagingAccess } from '../../imaging/imaging-api';
import { DicomViewer } from './dicom-viewer';
import { ImagingSourceMenu } from './imaging-source-menu';
import { ImagingStreamView, LocalImagingPreview } from './imaging-stream-view';
import './imaging.css';

interface ImagingPanelProps {
  client: ConsultClient | null;
  snapshot: ConsultSnapshot;
  access: ImagingAccess | null;
  /** Clinicians share files into the consult; patients view them. */
  canUpload: boolean;
  cameraDeviceId?: string | undefined;
}

type View = 'viewer' | 'stream';

const describeImage = (image: ConsultImage) =>
  [
    image.modality ?? image.kind.toUpperCase(),
    image.columns && image.rows ? `${image.columns}×${image.rows}` : null,
    image.frames > 1 ? `${image.frames} frames` : null,
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * Imaging in the consult: live imaging sources (large, with their measured quality) and the
 * synchronized image viewer. Idle, it is a small bar over the video; active, it takes the stage
 * and the cameras move to a column beside it.
 */
export function ImagingPanel({ client, snapshot, access, canUpload, cameraDeviceId }: ImagingPanelProps) {
  const { sync, snapshot: viewer } = useImagingViewer(
    snapshot.admission === 'admitted' ? client : null,
    access,
  );
  const [menu, setMenu] = useState<'source' | 'images' | null>(null);
  const [localTrack, setLocalTrack] = useState<MediaStreamTrack | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [view, setView] = useState<View>('viewer');
  const fileInput = useRef<HTMLInputElement>(null);
  const stream = snapshot.imaging[0] ?? null;
  const viewerOpen = Boolean(viewer.state?.imageId);

  // Show whatever started last: a new stream, or an image someone opened.
  useEffect(() => setView('stream'), [stream?.producerId]);
  useEffect(() => {
    if (viewer.state?.imageId) setView('viewer');
  }, [viewer.state?.imageId]);

  const share = async (track: MediaStreamTrack) => {
    setMenu(null);
    setLocalTrack(track);
    track.addEventListener('ended', () => void stopSharing(track));
    await client?.publishImaging(track).catch((error: unknown) => setMessage(String(error)));
  };
  const stopSharing = async (track: MediaStreamTrack | null = localTrack) => {
    track?.stop();
    setLocalTrack(null);
    await client?.stopImaging();
  };
  const upload = async (files: FileList | null) => {
    setMenu(null);
    if (!sync || !files) return;
    for (const file of Array.from(files)) {
      try {
        const image = await sync.upload(file);
        setMessage(null);
        await sync.open(image.id);
      } catch (error) {
        setMessage(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const showing: View | null =
    viewerOpen && (view === 'viewer' || !stream)
      ? 'viewer'
      : stream
        ? 'stream'
        : viewerOpen
          ? 'viewer'
          : null;
  const active = showing !== null || localTrack !== null;

  return (
    <section
      className={`imaging ${active ? 'imaging--active' : 'imaging--idle'}`}
      aria-label="Imaging"
      data-testid="imaging-panel"
    >
      <div className="imaging__bar">
        <span className="imaging__label">Imaging</span>
        <div className="imaging__anchor">
          {localTrack ? (
            <button
              type="button"
              className="imaging__button imaging__button--live"
              data-testid="imaging-stop"
              onClick={() => void stopSharing()}
            >
              Stop sharing source
            </button>
          ) : (
            <button
              type="button"
              className="imaging__button"
              data-testid="imaging-share"
              aria-expanded={menu === 'source'}
              onClick={() => setMenu(menu === 'source' ? null : 'source')}
            >
              Share imaging source
            </button>
          )}
          {menu === 'source' ? (
            <ImagingSourceMenu
              cameraDeviceId={cameraDeviceId}
              onChoose={(t) => void share(t)}
              onError={setMessage}
            />
          ) : null}
        </div>
        <div className="imaging__anchor">
          <button
            type="button"
            className="imaging__button"
            data-testid="imaging-images"
            aria-expanded={menu === 'images'}
            onClick={() => {
              if (menu !== 'images') void sync?.refreshImages();
              setMenu(menu === 'images' ? null : 'images');
            }}
          >
            Images{viewer.images.length ? ` (${viewer.images.length})` : ''}
          </button>
          {menu === 'images' ? (
            <div className="imaging-menu" role="menu" data-testid="imaging-image-list">
              <p className="imaging-menu__title">Images in this consult</p>
              {viewer.images.length === 0 ? <p className="imaging-menu__empty">None shared yet.</p> : null}
              {viewer.images.map((image) => (
                <button
                  key={image.id}
                  type="button"
                  role="menuitem"
                  className="imaging-menu__item"
                  data-testid="imaging-open"
                  onClick={() => {
                    setMenu(null);
                    void sync?.open(image.id).catch((error: unknown) => setMessage(String(error)));
                  }}
                >
                  {image.fileName}
                  <small>{describeImage(image)}</small>
                </button>
              ))}
              {canUpload ? (
                <button
                  type="button"
                  className="imaging-menu__item imaging-menu__item--add"
                  onClick={() => fileInput.current?.click()}
                >
                  Add DICOM, PNG or JPEG…
                </button>
              ) : null}
            </div>
          ) : null}
          {canUpload ? (
            <input
              ref={fileInput}
              type="file"
              hidden
              multiple
              accept=".dcm,application/dicom,image/png,image/jpeg"
              data-testid="imaging-upload"
              onChange={(event) => void upload(event.target.files).finally(() => (event.target.value = ''))}
            />
          ) : null}
        </div>
        {viewerOpen && stream ? (
          <div className="imaging__tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={showing === 'stream'}
              onClick={() => setView('stream')}
            >
              Live
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={showing === 'viewer'}
              onClick={() => setView('viewer')}
            >
              Viewer
            </button>
          </div>
        ) : null}
        {viewerOpen ? (
          <div className="imaging__presenter" data-testid="viewer-presenter">
            {viewer.presenting ? (
              <>
                <span className="imaging__dot imaging__dot--me" /> You are presenting
                <button
                  type="button"
                  className="imaging__button"
                  data-testid="viewer-close"
                  onClick={() => sync?.close()}
                >
                  Close for everyone
                </button>
              </>
            ) : (
              <>
                <span className="imaging__dot" /> Following {viewer.presenter?.displayName ?? 'the presenter'}
                <button
                  type="button"
                  className="imaging__button"
                  data-testid="viewer-take-over"
                  onClick={() => void sync?.takeOver()}
                >
                  Take over
                </button>
              </>
            )}
          </div>
        ) : null}
      </div>
      {message ? (
        <p className="imaging__message" role="alert">
          {message}
          <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      ) : null}
      {viewer.loadError && viewerOpen ? (
        <p className="imaging__message">The image could not be shown: {viewer.loadError}</p>
      ) : null}
      {active ? (
        <div className="imaging__body">
          {showing === 'viewer' && sync && viewer.image && viewer.state ? (
            <DicomViewer sync={sync} snapshot={viewer} image={viewer.image} state={viewer.state} />
          ) : null}
          {showing === 'viewer' && !viewer.image && !viewer.loadError ? (
            <p className="imaging__loading">Loading the image…</p>
          ) : null}
          {showing === 'stream' && client && stream ? (
            <ImagingStreamView client={client} source={stream} />
          ) : null}
          {localTrack ? <LocalImagingPreview track={localTrack} /> : null}
        </div>
      ) : null}
    </section>
  );
}
