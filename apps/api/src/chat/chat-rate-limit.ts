import { RateLimit } from '../common/rate-limit';

/** Enough for a conversation, not for a flood: 8 messages per 10 seconds per connection. */
export const chatRateLimit = new RateLimit('chat messages', 8, 10);
