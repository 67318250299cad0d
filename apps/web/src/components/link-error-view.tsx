import { AppHeader } from './app-header';

const EXPLANATIONS: Record<string, { title: string; advice: string }> = {
  LINK_INVALID: {
    title: 'This link does not work',
    advice:
      'Check that you opened the whole link from your message. If it still does not work, contact the clinic for a new one.',
  },
  LINK_EXPIRED: {
    title: 'This link has expired',
    advice:
      'Links work for a limited time around your appointment. Contact the clinic and ask for a new link.',
  },
  LINK_REVOKED: {
    title: 'This link has been replaced',
    advice:
      'Your clinician sent a newer link. Use the most recent message you received, or contact the clinic.',
  },
  CONSULT_ENDED: {
    title: 'This consultation has ended',
    advice:
      'The clinician has closed this consultation. If you still need to talk, contact the clinic to book another.',
  },
  LINK_NOT_YET_VALID: {
    title: 'It is a little early',
    advice:
      'Your link opens shortly before your appointment. Come back to this page then — the same link will work.',
  },
  APPOINTMENT_CANCELLED: {
    title: 'This appointment was cancelled',
    advice: 'Contact the clinic if you still need to be seen; they will book a new time and send a new link.',
  },
  NETWORK: {
    title: 'We cannot reach the service',
    advice: 'Check your internet connection, then reload this page.',
  },
};

/** A clear page for a link that cannot be used: what happened, and what to do now. */
export function LinkErrorView({ code, message }: { code: string; message?: string }) {
  const explanation = EXPLANATIONS[code] ?? {
    title: 'Something went wrong',
    advice: message ?? 'Reload the page to try again. If it keeps happening, contact the clinic.',
  };
  return (
    <div className="page page--center">
      <AppHeader />
      <section className="card card--narrow notice" data-testid="link-error" data-code={code} role="alert">
        <div className="notice__icon" aria-hidden="true">
          !
        </div>
        <h1>{explanation.title}</h1>
        <p>{explanation.advice}</p>
      </section>
    </div>
  );
}
