import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <div className="page page--center">
      <section className="card card--narrow notice">
        <h1>Page not found</h1>
        <p>
          <Link href="/">Go to the start page</Link>
        </p>
      </section>
    </div>
  );
}
