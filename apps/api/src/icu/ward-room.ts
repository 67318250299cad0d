/** The SFU room of a ward: its beds' cameras and waveforms, and the stations watching it. */
export const wardRoomId = (wardId: string) => `ward:${wardId}`;
export const wardIdOfRoom = (roomId: string): string | null =>
  roomId.startsWith('ward:') ? roomId.slice('ward:'.length) : null;
/** The SFU peer of a bed's device, and of one station socket. */
export const bedPeerId = (bedId: string) => `bed:${bedId}`;
export const stationPeerId = (socketId: string) => `station:${socketId}`.slice(0, 64);
/** socket.io room of the stations subscribed to a ward, and of a bed's device. */
export const wardChannel = (wardId: string) => `ward:${wardId}`;
export const bedChannel = (bedId: string) => `bed:${bedId}`;
