import type { StripStyle } from './strip-painter';

/** Monitor colours and scales; constants, so a strip's painter is registered once. */
export const STRIP_STYLES = {
  ecg: { colour: '#3ddc84', min: -1, max: 2 },
  pleth: { colour: '#4fc3f7', min: -0.1, max: 1.1 },
  resp: { colour: '#fff176', min: -1.2, max: 1.2 },
} as const satisfies Record<string, StripStyle>;
