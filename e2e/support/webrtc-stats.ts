import type { Page } from '@playwright/test';

export interface InboundTotals {
  videoFramesDecoded: number;
  videoBytesReceived: number;
  audioBytesReceived: number;
  videoFrameWidth: number;
}

/**
 * Registers every RTCPeerConnection the page creates so tests can read getStats() — the
 * browser's own account of what was received and decoded, not the app's.
 */
export async function trackPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const connections: RTCPeerConnection[] = [];
    (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = connections;
    class TrackedPeerConnection extends Native {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        connections.push(this);
      }
    }
    window.RTCPeerConnection = TrackedPeerConnection;
  });
}

/** Sums inbound-rtp stats over all open peer connections of the page. */
export async function inboundTotals(page: Page): Promise<InboundTotals> {
  return page.evaluate(async () => {
    const totals = { videoFramesDecoded: 0, videoBytesReceived: 0, audioBytesReceived: 0, videoFrameWidth: 0 };
    const connections = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    for (const pc of connections) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp') return;
        const bytes = Number(stat.bytesReceived ?? 0);
        if (stat.kind === 'video') {
          totals.videoBytesReceived += bytes;
          totals.videoFramesDecoded += Number(stat.framesDecoded ?? 0);
          totals.videoFrameWidth = Math.max(totals.videoFrameWidth, Number(stat.frameWidth ?? 0));
        } else if (stat.kind === 'audio') {
          totals.audioBytesReceived += bytes;
        }
      });
    }
    return totals;
  });
}

/** Width of the first remote <video> element that is actually rendering frames. */
export async function remoteVideoWidth(page: Page): Promise<number> {
  return page.evaluate(() => {
    const videos = Array.from(document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-video"]'));
    return Math.max(0, ...videos.map((video) => video.videoWidth));
  });
}
