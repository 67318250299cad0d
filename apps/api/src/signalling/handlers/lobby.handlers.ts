import type { SignalHandlerTable } from '../signalling-context';

/** Clinicians in the room admit or turn away the consult's waiting patients (as from the dashboard). */
export const lobbyHandlers: SignalHandlerTable<'lobby:admit' | 'lobby:deny'> = {
  'lobby:admit': {
    access: 'clinician',
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
    access: 'clinician',
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
