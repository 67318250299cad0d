import { AppHeader } from '../app-header';

/** The clinician turned the patient away: say so plainly, with their message, and what to do. */
export function AdmissionDeniedView({ message }: { message: string }) {
  return (
    <div className="page page--center">
      <AppHeader />
      <section className="card card--narrow notice" data-testid="admission-denied" role="alert">
        <div className="notice__icon" aria-hidden="true">
          !
        </div>
        <h1>The clinician could not see you in this call</h1>
        <p data-testid="admission-denied-message">{message}</p>
        <p className="muted">If you are unsure what to do next, contact the clinic that sent you the link.</p>
      </section>
    </div>
  );
}
