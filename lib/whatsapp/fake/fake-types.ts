// Shapes of the fake Cloud API (lib/whatsapp/fake): options, registered phones and templates,
// injected failures, and what the fake records for assertions.

/** Fixed milliseconds, or a uniform random value in [min, max]. */
export type LatencyOption = number | [number, number];

export type FakePhoneInput = {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  /** Where status and inbound webhooks are posted; none = webhooks are not sent. */
  webhookUrl?: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
  qualityRating?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
  /** Throughput cap (messages per sliding second); Meta's default is 80. */
  throughputPerSecond?: number;
};

export type FakeTemplateInput = {
  id?: string;
  name: string;
  language: string;
  status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED' | string;
  category?: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION' | string;
  /** Meta's template definition, e.g. [{type:'BODY', text:'Hi {{1}}'}]. */
  components?: Record<string, unknown>[];
};

/**
 * An injected failure:
 * - a Graph error code (answered synchronously with Meta's error JSON), or
 *   `{ code, async: true }` = accepted with 200, then a `failed` status webhook carrying errors[];
 * - 'timeout': never answers until the client aborts (nothing accepted);
 *   'timeout_accepted': the message IS accepted (webhooks follow) but the answer never comes;
 * - 'drop' / 'drop_accepted': the connection is destroyed instead of answering;
 * - '5xx': HTTP 500 with Meta's error body (code 1, transient); '5xx_bare': HTTP 502 with an HTML
 *   page and no Graph error body.
 */
export type FakeFailure =
  | number
  | { code: number; async?: boolean; httpStatus?: number; details?: string }
  | 'timeout'
  | 'timeout_accepted'
  | 'drop'
  | 'drop_accepted'
  | '5xx'
  | '5xx_bare';

export type FakeFailureConfig = {
  /** Probability (0..1) that a send fails with `failure` (one picked at random when a list). */
  rate?: number;
  failure?: FakeFailure | FakeFailure[];
  /** Failures for one recipient (digits, no '+'); `times` limits how often (default: always). */
  byRecipient?: Record<string, FakeFailure | { failure: FakeFailure; times: number }>;
};

export type FakeWebhookOptions = {
  /** Default true. */
  enabled?: boolean;
  /** Which statuses follow an accepted message, in order. Default sent, delivered, read. */
  statuses?: ('sent' | 'delivered' | 'read')[];
  /** Delay before each status webhook. Default [100, 300] ms. */
  delayMs?: LatencyOption;
  /** Probability (0..1) that a status webhook is posted twice (as Meta's retries do). */
  duplicateRate?: number;
  /** Post each message's statuses in random order (their timestamps stay truthful). */
  shuffle?: boolean;
  /** Probability (0..1) that the recipient replies with a text quoting the message, after its statuses. Default 0. */
  replyRate?: number;
  /** The text of those replies. */
  replyText?: string;
  /** Re-posts after a non-200 answer or a network error. Default 2. */
  retries?: number;
  /** Replaces fetch for posting (tests that call a route handler directly). */
  deliver?: (url: string, init: { headers: Record<string, string>; body: string }) => Promise<{ status: number }>;
};

export type FakeWhatsAppOptions = {
  /** Latency of every API answer. Default 0. */
  latencyMs?: LatencyOption;
  /**
   * Where that latency is spent: 'request' (default) before the request is looked at, so it also
   * delays when the throughput cap counts it; 'answer' after, as Meta's own processing time: the
   * message is counted and accepted on arrival and the answer comes back latencyMs later.
   */
  latencyAt?: 'request' | 'answer';
  /** Path prefix in front of /{version}/..., e.g. '/api/sandbox/graph'. */
  basePath?: string;
  /** Pair rate limit per (phone, recipient): token bucket. Default {burst: 3, intervalMs: 6000}; false disables. */
  pairRateLimit?: false | { burst?: number; intervalMs?: number };
  /** Enforce each phone's throughput cap (130429). Default true. */
  enforceThroughput?: boolean;
  /** Reject free-form messages outside the 24 h customer-service window with 131047. Default false. */
  enforceCustomerWindow?: boolean;
  webhooks?: FakeWebhookOptions;
  failures?: FakeFailureConfig;
  /** WhatsApp's id for a recipient (digits); default: the digits sent. */
  waIdFor?: (to: string) => string;
  /** Random source (0..1), for reproducible runs. */
  random?: () => number;
  /**
   * Bound of each store the fake keeps (accepted messages, webhook posts, rate rejections,
   * per-recipient rate and window state); the oldest entries go first. Default 100,000.
   */
  historyLimit?: number;
};

export type FakeSentMessage = {
  id: string;
  phoneNumberId: string;
  to: string;
  waId: string;
  type: string;
  /** The exact request body as received, parsed. */
  body: Record<string, unknown>;
  rawBody: string;
  acceptedAt: number;
};

export type FakeCounters = {
  /** Requests received, by endpoint ('POST messages', 'POST read', 'GET phone', 'GET message_templates', 'other'). */
  requests: Record<string, number>;
  accepted: number;
  /** Rejections by Graph error code (synchronous answers only). */
  rejected: Record<number, number>;
  timeouts: number;
  drops: number;
  asyncFailures: number;
  webhooksDelivered: number;
  webhooksFailed: number;
  /** Replies posted because of replyRate. */
  repliesPosted: number;
};

export type InboundInput = {
  phoneNumberId: string;
  /** The user's WhatsApp id (digits). */
  from: string;
  profileName?: string;
  text?: string;
  /** Quick-reply button on a template: button{payload, text}. */
  buttonPayload?: string;
  buttonText?: string;
  /** Interactive reply button: interactive.button_reply{id, title}. */
  interactiveReplyId?: string;
  interactiveReplyTitle?: string;
  /** The wamid of our message this one replies to (context.id). */
  contextId?: string;
  messageId?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
};

/** Thrown by handle() when the fake should drop the connection; servers destroy the socket. */
export class FakeConnectionDrop extends Error {
  constructor() {
    super('fake WhatsApp: connection dropped on purpose');
    this.name = 'FakeConnectionDrop';
  }
}

/**
 * What the fake reads of a request: a fetch Request is one (the sandbox route), and so is the
 * HTTP server's lighter object (server.ts), which spares a busy benchmark fake the WHATWG
 * body streams and their garbage.
 */
export type FakeRequest = {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
  signal: AbortSignal;
  text(): Promise<string>;
};
