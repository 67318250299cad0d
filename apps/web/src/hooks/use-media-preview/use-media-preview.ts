import { useEffect, useState } from 'react';

export type PreviewStatus =
  'requesting' | 'ready' | 'denied' | 'no-device' | 'busy' | 'unsupported' | 'error';

export interface MediaPreview {
  stream: MediaStream | null;
  status: PreviewStatus;
  /** Plain-language explanation for the patient, when something is wrong. */
  problem: string | null;
}

const PROBLEMS: Record<Exclude<PreviewStatus, 'requesting' | 'ready'>, string> = {
  denied:
    'Your browser blocked the camera and microphone. Allow them in the address bar, then reload this page.',
  'no-device': 'No camera or microphone was found. Connect one, then reload this page.',
  busy: 'Another app is using your camera. Close it (for example another video call), then reload this page.',
  unsupported:
    'This browser cannot make video calls. Open the link in a current Chrome, Edge, Firefox or Safari.',
  error: 'Your camera could not be started. Reload the page to try again.',
};

export function classifyMediaError(error: unknown): Exclude<PreviewStatus, 'requesting' | 'ready'> {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-device';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'error';
}

/** Opens camera + microphone for the preview and the call; stops them when the component goes. */
export function useMediaPreview(enabled = true): MediaPreview {
  const [preview, setPreview] = useState<MediaPreview>({ stream: null, status: 'requesting', problem: null });

  useEffect(() => {
    if (!enabled) return undefined;
    if (!navigator.mediaDevices?.getUserMedia) {
      setPreview({ stream: null, status: 'unsupported', problem: PROBLEMS.unsupported });
      return undefined;
    }
    let cancelled = false;
    let opened: MediaStream | null = null;
    navigator.mediaDevices
      .getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      })
      .then((stream) => {
        opened = stream;
        if (cancelled) stream.getTracks().forEach((t) => t.stop());
        else setPreview({ stream, status: 'ready', problem: null });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const status = classifyMediaError(error);
        setPreview({ stream: null, status, problem: PROBLEMS[status] });
      });
    return () => {
      cancelled = true;
      opened?.getTracks().forEach((t) => t.stop());
    };
  }, [enabled]);

  return preview;
}
