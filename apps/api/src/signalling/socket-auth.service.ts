import { Injectable } from '@nestjs/common';
import { socketAuthSchema } from '@teleconsult/protocol';
import { TokenService } from '../auth/token.service';
import { ApiError } from '../common/api-error';
import { parseHandshakeAuth } from '../common/socket-messages';
import { ConsultsService } from '../consults/consults.service';
import { ConsultAccess } from '../invitations/consult-access.service';
import type { SocketIdentity } from './signalling-context';

/**
 * Decides who a connecting socket is: a clinician owning the consult or invited to it, or a holder
 * of a valid patient link. Checked at every (re)connection, so a revoked invitation cannot rejoin.
 */
@Injectable()
export class SocketAuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly consults: ConsultsService,
    private readonly access: ConsultAccess,
  ) {}

  async identify(auth: unknown, ip: string): Promise<SocketIdentity> {
    const handshake = parseHandshakeAuth(socketAuthSchema, auth);
    if (handshake.kind === 'patient') {
      const { link, consult } = await this.consults.resolveLink(handshake.joinToken);
      return { kind: 'patient', linkId: link.id, consultId: consult.id, ownerId: consult.clinicianId, ip };
    }
    const claims = await this.tokens.verify(handshake.accessToken);
    if (claims.role !== 'clinician')
      throw new ApiError('FORBIDDEN', 'only clinicians join consults with an account');
    const { consult, access } = await this.access.open(claims.userId, handshake.consultId);
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    return {
      kind: 'clinician',
      userId: claims.userId,
      name: claims.name,
      consultId: consult.id,
      ownerId: consult.clinicianId,
      access,
      ip,
    };
  }
}
