import type { UserInfo } from '@teleconsult/protocol';
import { Link, useLocation } from 'wouter';
import './app-nav.css';

const CLINICIAN_NAV: Array<{ href: string; label: string; testId?: string }> = [
  { href: '/', label: 'Dashboard' },
  { href: '/book', label: 'Book' },
  { href: '/availability', label: 'Availability' },
  { href: '/station', label: 'ICU station', testId: 'station' },
];

function ClinicianNav() {
  const [location] = useLocation();
  return (
    <nav className="app-nav" aria-label="Main">
      {CLINICIAN_NAV.map(({ href, label, testId }) => (
        <Link
          key={href}
          href={href}
          className="app-nav__link"
          aria-current={
            location === href || (href !== '/' && location.startsWith(`${href}/`)) ? 'page' : undefined
          }
          data-testid={`header-nav-${testId ?? label.toLowerCase()}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}

export function AppHeader({ user, onSignOut }: { user?: UserInfo; onSignOut?: () => void }) {
  return (
    <header className="app-header">
      <span className="brand">
        <span className="brand__mark" aria-hidden="true">
          +
        </span>
        Teleconsult
      </span>
      {user?.role === 'clinician' ? <ClinicianNav /> : null}
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
