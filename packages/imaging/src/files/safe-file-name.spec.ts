import { describe, expect, it } from 'vitest';
import { safeFileName } from './safe-file-name';

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\\\Windows\\\\evil.dcm', 'evil.dcm'],
    ['scan<script>alert(1)</script>.png', 'script.png'], // the slash is a path separator
    ['.hidden.dcm', 'hidden.dcm'],
    ['report.exe', 'report'],
    ['x\u0000y\u202e.jpg', 'xy.jpg'],
    ['', 'image'],
    ['Ultrasound  knee 2026.DCM', 'Ultrasound knee 2026.dcm'],
  ])('%j → %j', (input, expected) => expect(safeFileName(input)).toBe(expected));

  it('caps the length', () => {
    expect(safeFileName(`${'a'.repeat(300)}.png`).length).toBeLessThanOrEqual(94);
  });
});
