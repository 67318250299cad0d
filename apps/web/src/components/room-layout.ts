/** How the room arranges the cameras of up to 8 remote participants. */
export interface RoomLayout {
  /** grid: cameras share the stage; strip: imaging holds the stage, cameras line up beside it. */
  mode: 'grid' | 'strip';
  /** Grid columns (strip: the number of tiles in the line). */
  columns: number;
  /** Peer ids in display order. */
  order: string[];
}

/** Columns that keep tiles near 16:9 on a landscape screen: 1, 2 (2–4 people), 3 (5–6), 4 (7–8). */
const columnsFor = (count: number) => (count <= 1 ? 1 : count <= 4 ? 2 : count <= 6 ? 3 : 4);

/**
 * The grid keeps join order so nobody's tile jumps when someone speaks; the highlight shows the
 * speaker. In the strip (imaging on stage) space is short, so the speaker moves to the front; the
 * imaging panel's stylesheet places the strip beside the stage.
 */
export function roomLayout(
  peerIds: string[],
  { imaging, activeSpeakerId }: { imaging: boolean; activeSpeakerId: string | null },
): RoomLayout {
  if (!imaging) return { mode: 'grid', columns: columnsFor(peerIds.length), order: peerIds };
  const speaking = activeSpeakerId !== null && peerIds.includes(activeSpeakerId);
  const order = speaking ? [activeSpeakerId, ...peerIds.filter((id) => id !== activeSpeakerId)] : peerIds;
  return { mode: 'strip', columns: Math.max(order.length, 1), order };
}
