import { useEffect, useState } from 'react';

export interface StreamStats {
  width: number;
  height: number;
  framesPerSecond: number;
  /** Received bitrate over the last sampling interval, bits per second. */
  bitrate: number;
  codec: string | null;
}

/** Reads a receiver's inbound video stats once a second: what actually arrives, not what was asked. */
export function useImagingStats(read: (() => Promise<RTCStatsReport | null>) | null): StreamStats | null {
  const [stats, setStats] = useState<StreamStats | null>(null);
  useEffect(() => {
    if (!read) return undefined;
    let previous: { bytes: number; at: number } | null = null;
    let cancelled = false;
    const sample = async () => {
      const report = await read().catch(() => null);
      if (!report || cancelled) return;
      let next: StreamStats | null = null;
      const codecs = new Map<string, string>();
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'codec') codecs.set(String(stat.id), String(stat.mimeType ?? ''));
      });
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') return;
        const bytes = Number(stat.bytesReceived ?? 0);
        const at = Number(stat.timestamp ?? Date.now());
        const bitrate =
          previous && at > previous.at ? ((bytes - previous.bytes) * 8 * 1000) / (at - previous.at) : 0;
        previous = { bytes, at };
        next = {
          width: Number(stat.frameWidth ?? 0),
          height: Number(stat.frameHeight ?? 0),
          framesPerSecond: Number(stat.framesPerSecond ?? 0),
          bitrate,
          codec: codecs.get(String(stat.codecId)) ?? null,
        };
      });
      setStats(next);
    };
    void sample();
    const timer = setInterval(() => void sample(), 1000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [read]);
  return stats;
}
