import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BedsideClient } from '../client/bedside-client';
import { fakeBedside, tabletMedia, welcome } from '../client/fake-bedside-socket';
import { fakeDevices } from '../client/fake-consult-socket';
import { BedsidePage, DEVICE_TOKEN_KEY } from './bedside-page';

beforeAll(() => {
  // jsdom has no media elements that play.
  HTMLMediaElement.prototype.play = () => Promise.resolve();
  (globalThis as { MediaStream?: unknown }).MediaStream ??= class {
    constructor(readonly tracks: unknown[] = []) {}
  };
});
afterEach(() => localStorage.clear());

function page() {
  const fake = fakeBedside();
  const devices = fakeDevices();
  const media = tabletMedia();
  const tokens: string[] = [];
  render(
    <BedsidePage
      createClient={(options) => {
        tokens.push(options.deviceToken);
        return new BedsideClient({
          ...options,
          openSocket: () => fake.socket,
          createDevice: devices.create,
          getMedia: async () => media.stream,
        });
      }}
    />,
  );
  return { fake, tokens };
}

describe('BedsidePage', () => {
  it('asks for the device token once, keeps it, and connects with it', async () => {
    const { fake, tokens } = page();
    const connect = screen.getByRole('button', { name: 'Connect this tablet' }) as HTMLButtonElement;
    expect(connect.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Device token'), {
      target: { value: '  dev-token-0123456789abcdef \n' },
    });
    fireEvent.click(connect);
    expect(localStorage.getItem(DEVICE_TOKEN_KEY)).toBe('dev-token-0123456789abcdef');
    await waitFor(() => expect(tokens).toEqual(['dev-token-0123456789abcdef']));
    act(() => {
      fake.connect();
      fake.notify(welcome);
    });
    expect(await screen.findByText('Bed 7')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('bedside-camera').dataset.state).toBe('live'));
    expect(screen.getByTestId('bedside-connection').textContent).toBe('Connected to the station');
    expect(screen.getByTestId('bedside-no-vitals').textContent).toContain('does not measure vital signs');
  });

  it('shows “Station is talking” with the clinician while a talk-down lasts, and forgets the token on request', async () => {
    localStorage.setItem(DEVICE_TOKEN_KEY, 'stored-token-0123456789');
    const { fake, tokens } = page();
    await waitFor(() => expect(tokens).toEqual(['stored-token-0123456789']));
    act(() => {
      fake.connect();
      fake.notify(welcome);
    });
    await screen.findByText('Bed 7');
    expect(screen.queryByTestId('talk-banner')).toBeNull();
    act(() => fake.notify({ type: 'talk:incoming', producerId: 'station-mic', clinician: 'Dr Ada' }));
    expect((await screen.findByTestId('talk-banner')).textContent).toContain('Station is talking — Dr Ada');
    act(() => fake.notify({ type: 'talk:ended', producerId: 'station-mic' }));
    await waitFor(() => expect(screen.queryByTestId('talk-banner')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Forget this device token' }));
    expect(localStorage.getItem(DEVICE_TOKEN_KEY)).toBeNull();
    expect(screen.getByTestId('bedside-enrol')).toBeTruthy();
  });
});
