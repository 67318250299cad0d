import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoomErrorBanner } from './room-error-banner';

describe('RoomErrorBanner', () => {
  it('says a known problem plainly and keeps the technical text out of sight', () => {
    render(<RoomErrorBanner error={{ code: 'SFU_UNAVAILABLE', message: 'Channel closed [method:X]' }} />);
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toMatch(/video service is not answering/);
    expect(banner.textContent).not.toMatch(/Channel closed/);
    expect(banner.title).toBe('Channel closed [method:X]');
  });

  it('has a calm fallback for codes without their own words', () => {
    render(<RoomErrorBanner error={{ code: 'INTERNAL', message: 'rtpParameters rejected' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/trying to restore it/);
  });
});
