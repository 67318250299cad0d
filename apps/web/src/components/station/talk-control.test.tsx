import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { bed } from '../../client/fake-station-socket';
import { TalkControl } from './talk-control';

const button = () => screen.getByRole('button') as HTMLButtonElement;

describe('TalkControl', () => {
  it('starts a talk-down on an online bed nobody else is talking to', () => {
    const onTalk = vi.fn();
    render(<TalkControl bed={bed(1)} talk={null} onTalk={onTalk} />);
    expect(button().textContent).toBe('Talk to bedside');
    expect(button().getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button());
    expect(onTalk).toHaveBeenCalledWith(true);
  });

  it('shows the talk as on, stops it, and says when the bedside is heard', () => {
    const onTalk = vi.fn();
    const b = bed(1);
    const { rerender } = render(
      <TalkControl bed={b} talk={{ bedId: b.id, state: 'starting', bedAudio: null }} onTalk={onTalk} />,
    );
    expect(button().textContent).toBe('Connecting…');
    rerender(<TalkControl bed={b} talk={{ bedId: b.id, state: 'on', bedAudio: null }} onTalk={onTalk} />);
    expect(button().textContent).toBe('Stop talking');
    expect(button().getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Talking to Bed 1');
    fireEvent.click(button());
    expect(onTalk).toHaveBeenCalledWith(false);
  });

  it('cannot call an offline bed or one another station is talking to, and says why', () => {
    const { rerender } = render(<TalkControl bed={bed(2, { online: false })} talk={null} onTalk={vi.fn()} />);
    expect(button().disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Bedside offline: talk-down unavailable');
    rerender(
      <TalkControl
        bed={bed(2, { talk: { clinician: 'Dr Bo Chen', since: '2026-12-01T10:00:00Z' } })}
        talk={null}
        onTalk={vi.fn()}
      />,
    );
    expect(button().disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('Dr Bo Chen is talking to this bed');
  });
});
