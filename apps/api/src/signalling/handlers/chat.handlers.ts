import { ApiError } from '../../common/api-error';
import { chatRateLimit } from '../../chat/chat-rate-limit';
import type { SignalHandlerTable } from '../signalling-context';
import { actorOf } from './room.handlers';

export const chatHandlers: SignalHandlerTable<'chat:send'> = {
  'chat:send': {
    access: 'participant',
    handle: async ({ text, privateTo }, context) => {
      const { socket, identity, participants, chat, audit } = context;
      await chatRateLimit.consume(socket.id);
      let thread: string | null;
      if (identity.kind === 'patient') {
        if (privateTo !== undefined)
          throw new ApiError('FORBIDDEN', 'patients write to the consult, not to one person', 'privateTo');
        // Waiting: only the clinician reads it. Admitted: the room does.
        thread = socket.data.waiting ? socket.data.participantId! : null;
      } else if (privateTo !== undefined) {
        if (identity.access !== 'owner')
          throw new ApiError(
            'FORBIDDEN',
            "private threads with the patient are the owning clinician's",
            'privateTo',
          );
        const patient = await participants.get(identity.consultId, privateTo);
        if (patient.role !== 'patient') throw new ApiError('NOT_FOUND', 'no such patient', 'privateTo');
        thread = patient.id;
      } else {
        thread = null;
      }
      if (thread === null && !socket.data.peerId)
        throw new ApiError('NOT_JOINED', 'join the consult before writing to it');
      const message = await chat.post(
        { id: identity.consultId, clinicianId: identity.ownerId },
        {
          participantId: socket.data.participantId!,
          role: identity.kind,
          displayName: socket.data.displayName ?? '',
        },
        thread,
        text,
      );
      if (!socket.data.chatAudited) {
        socket.data.chatAudited = true;
        await audit.record({
          ...actorOf(context),
          action: 'chat.used',
          consultId: identity.consultId,
          detail: { participantId: socket.data.participantId, private: thread !== null },
        });
      }
      return { message };
    },
  },
};
