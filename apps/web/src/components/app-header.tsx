import type { UserInfo } from '@teleconsult/protocol';

export function AppHeader({ user, onSignOut }: { user?: UserInfo; onSignOut?: () => void }) {
  return (
    <header className="app-header">
      <span className="brand">
        <span className="brand__mark" aria-hidden="true">
          +
        </span>
        Teleconsult
      </span>
      {user ? (
        <span className="app-header__user">
          {user.displayName}
          <button type="button" className="link-button" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      ) : null}
    </header>
  );
}
