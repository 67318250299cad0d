import { Route, Switch } from 'wouter';
import { ClinicianRoomPage } from './pages/clinician-room-page';
import { HomePage } from './pages/home-page';
import { NotFoundPage } from './pages/not-found-page';
import { PatientJoinPage } from './pages/patient-join-page';

export function App() {
  return (
    <Switch>
      <Route path="/" component={HomePage} />
      <Route path="/consults/:id">{(params) => <ClinicianRoomPage consultId={params.id} />}</Route>
      <Route path="/join/:token">{(params) => <PatientJoinPage token={params.token} />}</Route>
      <Route component={NotFoundPage} />
    </Switch>
  );
}
