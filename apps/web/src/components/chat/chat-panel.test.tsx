import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ChatPanel } from './chat-panel';

describe('ChatPanel', () => {
  it('renders messages as text, never as HTML, and sends trimmed text', async () => {
    const onSend = vi.fn(async () => undefined);
    const { container } = render(
      <ChatPanel
        selfRole="patient"
        onSend={onSend}
        messages={[
          {
            id: '00000000-0000-4000-8000-000000000001',
            consultId: '00000000-0000-4000-8000-000000000002',
            privateTo: null,
            senderRole: 'clinician',
            senderName: 'Dr Ada',
            text: '<img src=x onerror=alert(1)>',
            sentAt: '2026-03-01T09:00:00.000Z',
          },
        ]}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: '  hello  ' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('hello'));
    await waitFor(() => expect((screen.getByTestId('chat-input') as HTMLInputElement).value).toBe(''));
  });
});
