/** Largest signalling message the api accepts, in bytes of JSON. SDP-derived parameters are a few KB. */
export const MAX_SIGNAL_MESSAGE_BYTES = 64 * 1024;
/** socket.io's own transport ceiling; above it the connection is dropped rather than parsed. */
export const MAX_SOCKET_BUFFER_BYTES = 1024 * 1024;
export const DISPLAY_NAME_MAX = 80;
