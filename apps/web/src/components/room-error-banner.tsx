import type { ErrorCode, ProtocolError } from '@teleconsult/protocol';

const PLAIN: Partial<Record<ErrorCode, string>> = {
  SFU_UNAVAILABLE: 'The video service is not answering. We keep trying to reconnect you.',
  INVALID_MEDIA_PARAMETERS:
    'Your browser’s camera or microphone settings were not accepted. Reload the page, or try another browser.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment; the call carries on.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to rejoin the consult.',
  FORBIDDEN: 'You are not allowed to join this consult.',
};

/** A problem during the call, said plainly; the server's technical text stays available on hover. */
export function RoomErrorBanner({ error }: { error: ProtocolError }) {
  const text = PLAIN[error.code] ?? 'Part of the call had a problem. We are trying to restore it.';
  return (
    <p className="room__error" role="alert" data-code={error.code} title={error.message}>
      {text}
    </p>
  );
}
