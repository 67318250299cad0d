import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/api-client';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  it('asks for an email before calling the server', () => {
    const onSignIn = vi.fn();
    render(<LoginPage onSignIn={onSignIn} />);
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(screen.getByRole('alert').textContent).toMatch(/email address/);
    expect(onSignIn).not.toHaveBeenCalled();
  });

  it('shows the server’s message when the credentials are wrong', async () => {
    const onSignIn = vi
      .fn()
      .mockRejectedValue(new ApiRequestError(401, 'UNAUTHENTICATED', 'email or password is not correct'));
    render(<LoginPage onSignIn={onSignIn} />);
    fireEvent.change(screen.getByTestId('login-email'), { target: { value: 'dr@x.org' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('email or password is not correct'),
    );
    expect(onSignIn).toHaveBeenCalledWith('dr@x.org', 'nope');
  });
});
