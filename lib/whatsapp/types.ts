// The contract between APISocialHub's Cloud API client and its callers (dispatcher, UI).

export type SenderCredentials = {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  /** e.g. https://graph.facebook.com, or the sandbox/fake base URL */
  apiBaseUrl: string;
  /** e.g. v23.0 */
  apiVersion: string;
};

export type TemplateParameter = { type: 'text'; text: string; parameter_name?: string };
export type TemplateComponent =
  | { type: 'header' | 'body'; parameters: TemplateParameter[] }
  | { type: 'button'; sub_type: 'quick_reply' | 'url'; index: string; parameters: ({ type: 'payload'; payload: string } | TemplateParameter)[] };

export type OutboundMessage =
  | { type: 'text'; to: string; body: string; previewUrl?: boolean; bizOpaqueCallbackData?: string }
  | {
      type: 'template';
      to: string;
      name: string;
      language: string;
      components: TemplateComponent[];
      bizOpaqueCallbackData?: string;
    };

/** What to do about a failed call, decided by Meta's error.code (WHATSAPP.md). */
export type ErrorDecision =
  | 'retry' // transient: retry this message with backoff
  | 'backoff_sender' // throughput / API-call limits: slow the whole sender down
  | 'retry_recipient_later' // 131056 pair rate limit: only this recipient, later
  | 'pause_sender' // 131048 / 368 / 131031: stop the sender and tell the admin
  | 'token_invalid' // 190 / 0: sender needs attention
  | 'give_up'; // permanent for this message

export type ApiError = {
  httpStatus: number;
  code: number;
  subcode?: number;
  type?: string;
  message: string;
  details?: string;
  fbtraceId?: string;
};

export type SendResult =
  | { ok: true; providerMessageId: string; waId?: string }
  /** Meta answered with an error: we know the message was not accepted. */
  | { ok: false; outcome: 'rejected'; error: ApiError; decision: ErrorDecision; retryAfterMs: number }
  /** The request never reached Meta (connection refused, DNS): safe to retry. */
  | { ok: false; outcome: 'not_sent'; reason: string }
  /** The request may have reached Meta (timeout, dropped connection): never re-send blindly. */
  | { ok: false; outcome: 'unknown'; reason: string };

/** Result of the other Graph API calls (phone details, templates, mark as read). */
export type GraphResult<T> =
  | { ok: true; data: T }
  | { ok: false; outcome: 'rejected'; error: ApiError; decision: ErrorDecision; retryAfterMs: number }
  | { ok: false; outcome: 'not_sent' | 'unknown'; reason: string };

/** GET /{phone-number-id}?fields=display_phone_number,verified_name,quality_rating,throughput,status */
export type PhoneDetails = {
  id: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
  /** GREEN | YELLOW | RED | UNKNOWN */
  qualityRating?: string;
  /** STANDARD (80/s) | HIGH (up to 1,000/s) | NOT_APPLICABLE */
  throughputLevel?: string;
  status?: string;
};

/** One entry of GET /{waba-id}/message_templates. Components are Meta's own JSON (upper-case types). */
export type MessageTemplateInfo = {
  id?: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  components: Record<string, unknown>[];
};
