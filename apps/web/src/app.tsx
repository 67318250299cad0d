import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { HomePage } from './pages/home-page';
import { InviteRedeemPage } from './pages/invite-redeem-page';
import { AdminPage } from './pages/admin-page';
import { AvailabilityPage } from './pages/availability-page';
import { BookAppointmentPage } from './pages/book-appointment-page';
import { ConsultSummaryPage } from './pages/consult-summary-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignedIn } from './pages/signed-in';

// The call pages carry mediasoup-client and socket.io: load them only when a call is opened,
// so the sign-in page stays small on a phone.
const ClinicianRoomPage = lazy(() =>
  import('./pages/clinician-room-page').then((m) => ({ default: m.ClinicianRoomPage })),
);
const StationPage = lazy(() => import('./pages/station-page').then((m) => ({ default: m.StationPage })));
const BedsidePage = lazy(() => import('./pages/bedside-page').then((m) => ({ default: m.BedsidePage })));
const PatientJoinPage = lazy(() =>
  import('./pages/patient-join-page').then((m) => ({ default: m.PatientJoinPage })),
);

const loading = <p className="page page--center muted">Loading…</p>;

export function App() {
  return (
    <Suspense fallback={loading}>
      <Switch>
        <Route path="/" component={HomePage} />
        <Route path="/admin">
          <SignedIn>{(user, signOut) => <AdminPage user={user} onSignOut={signOut} />}</SignedIn>
        </Route>
        <Route path="/book">
          <SignedIn>{(user, signOut) => <BookAppointmentPage user={user} onSignOut={signOut} />}</SignedIn>
        </Route>
        <Route path="/availability">
          <SignedIn>{(user, signOut) => <AvailabilityPage user={user} onSignOut={signOut} />}</SignedIn>
        </Route>
        <Route path="/station">
          <SignedIn>
            {(user, signOut) => <StationPage user={user} onSignOut={signOut} wardId={null} />}
          </SignedIn>
        </Route>
        <Route path="/station/:wardId">
          {(params) => (
            <SignedIn>
              {(user, signOut) => <StationPage user={user} onSignOut={signOut} wardId={params.wardId} />}
            </SignedIn>
          )}
        </Route>
        {/* A bedside tablet: no sign-in, its device token is its identity. */}
        <Route path="/bedside">
          <BedsidePage />
        </Route>
        <Route path="/consults/:id/summary">
          {(params) => (
            <SignedIn>
              {(user, signOut) => (
                <ConsultSummaryPage consultId={params.id} user={user} onSignOut={signOut} />
              )}
            </SignedIn>
          )}
        </Route>
        <Route path="/consults/:id">{(params) => <ClinicianRoomPage consultId={params.id} />}</Route>
        <Route path="/invite/:token">
          {(params) => <SignedIn>{() => <InviteRedeemPage token={params.token} />}</SignedIn>}
        </Route>
        <Route path="/join/:token">{(params) => <PatientJoinPage token={params.token} />}</Route>
        <Route component={NotFoundPage} />
      </Switch>
    </Suspense>
  );
}
