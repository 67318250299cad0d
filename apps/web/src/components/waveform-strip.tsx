import { useEffect, useRef } from 'react';
import type { WaveformBuffer } from '../station/waveform-buffer';
import { type StripStyle, paintStrip, registerPainter } from '../station/strip-painter';

/** A sweeping waveform (ECG, pleth, respiration) drawn from a buffer the data channel fills. */
export function WaveformStrip({
  buffer,
  style,
  label,
  height = 48,
}: {
  buffer: WaveformBuffer;
  style: StripStyle;
  label: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    // Draw at device pixels so thin traces stay sharp.
    const scale = window.devicePixelRatio || 1;
    element.width = Math.round(element.clientWidth * scale);
    element.height = Math.round(height * scale);
    return registerPainter(() => paintStrip(context, buffer, style));
  }, [buffer, style, height]);
  return (
    <canvas
      ref={canvas}
      className="waveform-strip"
      style={{ width: '100%', height }}
      aria-label={label}
      role="img"
    />
  );
}
