import type { Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { ApiError } from '../common/api-error';
import { parseHandshakeAuth, toProtocolError } from '../common/socket-messages';
import type { TokenService } from './token.service';

const clinicianAuthSchema = z.object({ accessToken: z.string().min(1).max(4096) });

export interface SocketClinician {
  userId: string;
  name: string;
  ip: string;
}

interface HandshakeSocket {
  handshake: { auth: unknown; address: string };
  data: { clinician?: SocketClinician; expiryTimer?: NodeJS.Timeout };
  emit(
    event: 'notification',
    n: { type: 'error'; error: { code: 'UNAUTHENTICATED'; message: string } },
  ): unknown;
  disconnect(close: boolean): unknown;
}

/**
 * Socket.io middleware for namespaces only clinicians use (dashboard, ICU station): the handshake
 * carries the access token; the socket is closed when that token expires, and the client
 * reconnects with its refreshed one.
 */
export function clinicianSocketMiddleware(tokens: TokenService, logger: Logger, place: string) {
  return (socket: HandshakeSocket, next: (error?: Error) => void) => {
    identify(tokens, socket.handshake.auth, socket.handshake.address, place)
      .then(({ clinician, expiresAt }) => {
        socket.data.clinician = clinician;
        socket.data.expiryTimer = setTimeout(
          () => {
            socket.emit('notification', {
              type: 'error',
              error: {
                code: 'UNAUTHENTICATED',
                message: 'your session expired; reconnect with a fresh token',
              },
            });
            socket.disconnect(true);
          },
          Math.max(0, expiresAt - Date.now()),
        );
        next();
      })
      .catch((error: unknown) => {
        const protocolError = toProtocolError(error, logger);
        next(Object.assign(new Error(protocolError.code), { data: protocolError }));
      });
  };
}

async function identify(tokens: TokenService, auth: unknown, ip: string, place: string) {
  const handshake = parseHandshakeAuth(clinicianAuthSchema, auth);
  const claims = await tokens.verify(handshake.accessToken);
  if (claims.role !== 'clinician') throw new ApiError('FORBIDDEN', `${place} is for clinicians`);
  const exp = decodeJwt(handshake.accessToken).exp;
  return {
    clinician: { userId: claims.userId, name: claims.name, ip },
    expiresAt: typeof exp === 'number' ? exp * 1000 : Date.now(),
  };
}
