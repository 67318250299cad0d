import type { SignalHandlerTable } from '../signalling-context';

/** The consult's owner admits or turns away its waiting patients (as from the dashboard). */
export const lobbyHandlers: SignalHandlerTable<'lobby:admit' | 'lobby:deny'> = {
  'lobby:admit': {
    access: 'owner',
    handle: async ({ participantId }, { identity, waitingRoom }) => {
      if (identity.kind !== 'clinician') return {};
      await waitingRoom.admit(
        { userId: identity.userId, ip: identity.ip },
        identity.consultId,
        participantId,
      );
      return {};
    },
  },
  'lobby:deny': {
    access: 'owner',
    handle: async ({ participantId, message }, { identity, waitingRoom }) => {
      if (identity.kind !== 'clinician') return {};
      await waitingRoom.deny(
        { userId: identity.userId, ip: identity.ip },
        identity.consultId,
        participantId,
        message,
      );
      return {};
    },
  },
};
