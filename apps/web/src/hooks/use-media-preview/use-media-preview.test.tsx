import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyMediaError, useMediaPreview } from './use-media-preview';

const fakeStream = () => {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
};

afterEach(() => {
  vi.restoreAllMocks();
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
});

describe('useMediaPreview', () => {
  it('opens the camera and stops it on unmount', async () => {
    const { stream, track } = fakeStream();
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: vi.fn().mockResolvedValue(stream) },
      configurable: true,
    });
    const { result, unmount } = renderHook(() => useMediaPreview());
    await waitFor(() => expect(result.current.status).toBe('ready'));
    unmount();
    expect(track.stop).toHaveBeenCalled();
  });

  it('explains a blocked camera in plain language', async () => {
    const denied = new DOMException('Permission denied', 'NotAllowedError');
    Object.defineProperty(navigator, 'mediaDevices', {
      value: { getUserMedia: vi.fn().mockRejectedValue(denied) },
      configurable: true,
    });
    const { result } = renderHook(() => useMediaPreview());
    await waitFor(() => expect(result.current.status).toBe('denied'));
    expect(result.current.problem).toMatch(/Allow them in the address bar/);
  });

  it('says so when the browser cannot do video at all', () => {
    const { result } = renderHook(() => useMediaPreview());
    expect(result.current.status).toBe('unsupported');
  });

  it('classifies device errors', () => {
    expect(classifyMediaError(new DOMException('x', 'NotFoundError'))).toBe('no-device');
    expect(classifyMediaError(new DOMException('x', 'NotReadableError'))).toBe('busy');
    expect(classifyMediaError(new Error('odd'))).toBe('error');
  });
});
