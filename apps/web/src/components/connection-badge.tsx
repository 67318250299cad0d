import type { ConnectionState } from '../client/connection-state';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Connection failed',
  closed: 'Call ended',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span
      className={`badge badge--${state}`}
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="badge__dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
