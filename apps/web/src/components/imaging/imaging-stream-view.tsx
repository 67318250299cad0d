import { useCallback, useEffect, useRef } from 'react';
import type { ConsultClient, RemoteImaging } from '../../client/consult-client';
import { useImagingStats } from '../../hooks/use-imaging-viewer/use-imaging-stats';

const formatBitrate = (bps: number) =>
  bps >= 1_000_000 ? `${(bps / 1_000_000).toFixed(1)} Mbps` : `${Math.round(bps / 1000)} kbps`;

/** A peer's live imaging source, large, with what actually arrives: resolution, frame rate, bitrate. */
export function ImagingStreamView({ client, source }: { client: ConsultClient; source: RemoteImaging }) {
  const ref = useRef<HTMLVideoElement>(null);
  const read = useCallback(() => client.imagingStats(source.producerId), [client, source.producerId]);
  const stats = useImagingStats(read);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([source.track]);
    void video.play().catch(() => undefined);
  }, [source.track]);

  return (
    <figure className="imaging-stream" data-testid="imaging-stream">
      <video
        ref={ref}
        className="imaging-stream__video"
        data-testid="imaging-video"
        autoPlay
        playsInline
        muted
      />
      <figcaption className="imaging-stream__caption">
        <span className="imaging-stream__live">LIVE</span>
        <span>Imaging from {source.peer.displayName}</span>
        {source.paused ? <span>paused</span> : null}
      </figcaption>
      <dl className="imaging-stream__stats" data-testid="imaging-stats">
        <div>
          <dt>Resolution</dt>
          <dd data-testid="imaging-resolution">
            {stats && stats.width ? `${stats.width}×${stats.height}` : '—'}
          </dd>
        </div>
        <div>
          <dt>Frame rate</dt>
          <dd>{stats ? `${stats.framesPerSecond.toFixed(0)} fps` : '—'}</dd>
        </div>
        <div>
          <dt>Bitrate</dt>
          <dd>{stats ? formatBitrate(stats.bitrate) : '—'}</dd>
        </div>
        <div>
          <dt>Codec</dt>
          <dd>{stats?.codec?.replace('video/', '') ?? '—'}</dd>
        </div>
      </dl>
    </figure>
  );
}

/** What this participant is sharing, small, so they can check what the others see. */
export function LocalImagingPreview({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    void video.play().catch(() => undefined);
  }, [track]);
  const { width, height } = track.getSettings();
  return (
    <figure className="imaging-stream imaging-stream--local" data-testid="imaging-local-preview">
      <video ref={ref} className="imaging-stream__video" autoPlay playsInline muted />
      <figcaption className="imaging-stream__caption">
        <span className="imaging-stream__live">SHARING</span>
        <span>Your imaging source{width && height ? ` · ${width}×${height}` : ''}</span>
      </figcaption>
    </figure>
  );
}
