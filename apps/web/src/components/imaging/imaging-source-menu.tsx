import { useEffect, useState } from 'react';

interface ImagingSourceMenuProps {
  /** The camera the consult already uses, left out of the list. */
  cameraDeviceId: string | undefined;
  onChoose: (track: MediaStreamTrack) => void;
  onError: (message: string) => void;
}

/**
 * Picks an imaging source: a second camera (an ultrasound or endoscope capture device) at its
 * highest resolution, or a screen or window. Both are published tuned for detail.
 */
export function ImagingSourceMenu({ cameraDeviceId, onChoose, onError }: ImagingSourceMenuProps) {
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((devices) =>
        setCameras(devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== cameraDeviceId)),
      )
      .catch(() => setCameras([]));
  }, [cameraDeviceId]);

  const capture = async (constraints: () => Promise<MediaStream>) => {
    try {
      const track = (await constraints()).getVideoTracks()[0];
      if (track) onChoose(track);
    } catch (error) {
      onError(error instanceof Error ? error.message : 'the source could not be opened');
    }
  };

  return (
    <div className="imaging-menu" role="menu" data-testid="imaging-source-menu">
      <p className="imaging-menu__title">Share an imaging source</p>
      <button
        type="button"
        role="menuitem"
        className="imaging-menu__item"
        onClick={() =>
          void capture(() =>
            navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false }),
          )
        }
      >
        Screen or window
        <small>a PACS workstation, an ultrasound console on screen</small>
      </button>
      {cameras.map((camera, index) => (
        <button
          key={camera.deviceId || index}
          type="button"
          role="menuitem"
          className="imaging-menu__item"
          onClick={() =>
            void capture(() =>
              navigator.mediaDevices.getUserMedia({
                video: {
                  deviceId: { exact: camera.deviceId },
                  width: { ideal: 1920 },
                  height: { ideal: 1080 },
                  frameRate: { ideal: 30 },
                },
              }),
            )
          }
        >
          {camera.label || `Capture device ${index + 1}`}
          <small>ultrasound, endoscope or document camera</small>
        </button>
      ))}
    </div>
  );
}
