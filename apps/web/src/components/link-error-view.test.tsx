import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LinkErrorView } from './link-error-view';

describe('LinkErrorView', () => {
  it.each([
    ['LINK_INVALID', /does not work/],
    ['LINK_EXPIRED', /has expired/],
    ['LINK_REVOKED', /has been replaced/],
    ['CONSULT_ENDED', /has ended/],
  ])('explains %s and what to do', (code, title) => {
    render(<LinkErrorView code={code} />);
    const view = screen.getByTestId('link-error');
    expect(view.dataset.code).toBe(code);
    expect(screen.getByRole('heading').textContent).toMatch(title);
    expect(view.textContent).toMatch(/contact the clinic/i);
  });

  it('falls back to a calm generic message, never a stack trace', () => {
    render(<LinkErrorView code="INTERNAL" message="Reload and try again." />);
    expect(screen.getByRole('heading').textContent).toBe('Something went wrong');
  });
});
