import { randomBytes } from 'node:crypto';
import { countInLastSecond, rememberArrival, type ArrivalWindow } from './arrival-window';
import { DEFAULT_HISTORY_LIMIT, pushBounded, setBounded } from './bounded';
import { fakeErrorBody, fakeErrorReply } from './fake-errors';
import { emptyReply, jsonReply, type FakeReply } from './fake-reply';
import { checkTemplateSend } from './fake-template-check';
import {
  FakeConnectionDrop,
  type FakeCounters,
  type FakeFailure,
  type FakeFailureConfig,
  type FakePhoneInput,
  type FakeRequest,
  type FakeSentMessage,
  type FakeTemplateInput,
  type FakeWhatsAppOptions,
  type InboundInput,
  type LatencyOption,
} from './fake-types';
import { envelope, inboundMessage, statusEntries, unixNow, WebhookPoster } from './fake-webhooks';

// A faithful, framework-agnostic fake of the WhatsApp Cloud API: same endpoints, same JSON
// answers and errors, same signed webhooks. Mounted by the sandbox route, the
// `npm run fake-whatsapp` server and the tests (lib/whatsapp/fake/server.ts).

export * from './fake-types';

export type FakeWhatsApp = ReturnType<typeof createFakeWhatsApp>;

type PhoneState = FakePhoneInput & { recentSends: ArrivalWindow };
/** When each request arrived at the server (stamped before its body was read). */
const arrivals = new WeakMap<FakeRequest, number>();
type TemplateState = Required<Pick<FakeTemplateInput, 'name' | 'language' | 'status'>> & FakeTemplateInput & { id: string };

const WINDOW_MS = 24 * 60 * 60 * 1000;

export function createFakeWhatsApp(options: FakeWhatsAppOptions = {}) {
  const random = options.random ?? Math.random;
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const phones = new Map<string, PhoneState>();
  const templates = new Map<string, TemplateState[]>(); // by WABA id
  const sent: FakeSentMessage[] = [];
  const webhookLog: { url: string; body: string; status: number }[] = [];
  const counters: FakeCounters = {
    requests: {},
    accepted: 0,
    rejected: {},
    timeouts: 0,
    drops: 0,
    asyncFailures: 0,
    webhooksDelivered: 0,
    webhooksFailed: 0,
    repliesPosted: 0,
  };
  const webhookOptions = { ...options.webhooks };
  const poster = new WebhookPoster(webhookOptions, counters, webhookLog, historyLimit);
  let latency: LatencyOption = options.latencyMs ?? 0;
  let pairRate: false | { burst: number; intervalMs: number } =
    options.pairRateLimit === false ? false : { burst: 3, intervalMs: 6000, ...options.pairRateLimit };
  let failures: FakeFailureConfig = options.failures ?? {};
  const failureUses = new Map<string, number>();
  const pairBuckets = new Map<string, { tokens: number; at: number }>();
  const lastInbound = new Map<string, number>(); // `${phone}:${waId}` -> ms
  const hung = new Set<() => void>();
  /** When each rate-limit answer (130429, 131056) was given: benchmarks tell ramp from steady state. */
  const rateRejections: { code: number; at: number }[] = [];

  const pick = (l: LatencyOption) => (typeof l === 'number' ? l : l[0] + random() * (l[1] - l[0]));
  const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());
  const count = (key: string) => (counters.requests[key] = (counters.requests[key] ?? 0) + 1);
  const reject = (code: number, opts: { details?: string; httpStatus?: number; subcode?: number; message?: string } = {}) => {
    counters.rejected[code] = (counters.rejected[code] ?? 0) + 1;
    if (code === 130429 || code === 131056) pushBounded(rateRejections, { code, at: Date.now() }, historyLimit);
    return fakeErrorReply(code, opts);
  };
  const bearer = (req: FakeRequest) => req.headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  // A random prefix per fake and a counter: unique like Meta's ids, without a random draw per message.
  const wamidPrefix = randomBytes(16);
  let wamidCount = 0;
  const newWamid = () => {
    const id = Buffer.alloc(24);
    wamidPrefix.copy(id);
    id.writeBigUInt64BE(BigInt(++wamidCount), 16);
    return `wamid.${id.toString('base64url')}`;
  };

  function waitForAbort(req: FakeRequest): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        hung.delete(done);
        resolve();
      };
      hung.add(done);
      if (req.signal.aborted) done();
      req.signal.addEventListener('abort', done, { once: true });
    });
  }

  function chooseFailure(to: string): FakeFailure | undefined {
    const rule = failures.byRecipient?.[to];
    if (rule !== undefined) {
      if (typeof rule === 'object' && 'failure' in rule) {
        const used = failureUses.get(to) ?? 0;
        if (used < rule.times) {
          failureUses.set(to, used + 1);
          return rule.failure;
        }
      } else {
        return rule;
      }
    }
    if (failures.rate && failures.failure !== undefined && random() < failures.rate) {
      const list = Array.isArray(failures.failure) ? failures.failure : [failures.failure];
      return list[Math.floor(random() * list.length)];
    }
    return undefined;
  }

  function takePairToken(phoneId: string, to: string): boolean {
    if (!pairRate) return true;
    const key = `${phoneId}:${to}`;
    const now = Date.now();
    const b = pairBuckets.get(key) ?? { tokens: pairRate.burst, at: now };
    b.tokens = Math.min(pairRate.burst, b.tokens + (now - b.at) / pairRate.intervalMs);
    b.at = now;
    // Dropping the least recently used recipients' buckets only forgets bursts long past.
    setBounded(pairBuckets, key, b, historyLimit);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  function overThroughput(phone: PhoneState, at: number): boolean {
    if (options.enforceThroughput === false) return false;
    return countInLastSecond(phone.recentSends, at) >= (phone.throughputPerSecond ?? 80);
  }

  function statusWebhooks(phone: PhoneState, msg: FakeSentMessage, asyncError?: { code: number; details?: string }) {
    const names = asyncError ? (['failed'] as const) : (webhookOptions.statuses ?? ['sent', 'delivered', 'read']);
    const order = statusEntries(msg, names, asyncError);
    if (webhookOptions.shuffle) order.sort(() => random() - 0.5);
    const posts = order.flatMap((s) => (random() < (webhookOptions.duplicateRate ?? 0) ? [s, s] : [s]));
    void poster.track(
      (async () => {
        for (const s of posts) {
          await sleep(pick(webhookOptions.delayMs ?? [100, 300]));
          if (poster.closed) return;
          await poster.post(phone, envelope(phone, { statuses: [s] }));
        }
        // The recipient answers some messages (replyRate): a text quoting ours, after its statuses.
        if (asyncError || random() >= (webhookOptions.replyRate ?? 0)) return;
        await sleep(pick(webhookOptions.delayMs ?? [100, 300]));
        if (poster.closed) return;
        counters.repliesPosted++;
        await simulateInbound({
          phoneNumberId: phone.phoneNumberId,
          from: msg.waId,
          text: webhookOptions.replyText ?? 'Sim, tenho interesse!',
          contextId: msg.id,
          // Stamped after the statuses (which are a second apart from the acceptance), as a reader's answer is.
          timestamp: Math.floor(msg.acceptedAt / 1000) + posts.length,
        });
      })(),
    );
  }

  function accept(
    phone: PhoneState,
    body: Record<string, unknown>,
    rawBody: string,
    to: string,
    asyncError?: { code: number; details?: string },
    arrivedAt = Date.now(),
  ) {
    const msg: FakeSentMessage = {
      id: newWamid(),
      phoneNumberId: phone.phoneNumberId,
      to,
      waId: options.waIdFor?.(to) ?? to,
      type: String(body.type ?? 'text'),
      body,
      rawBody,
      acceptedAt: arrivedAt,
    };
    pushBounded(sent, msg, historyLimit);
    counters.accepted++;
    rememberArrival(phone.recentSends, msg.acceptedAt);
    if (webhookOptions.enabled !== false) statusWebhooks(phone, msg, asyncError);
    return msg;
  }

  async function sendMessages(req: FakeRequest, phone: PhoneState): Promise<FakeReply> {
    const arrivedAt = arrivals.get(req) ?? Date.now();
    const rawBody = await req.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody) as Record<string, unknown>;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch {
      return reject(100, { details: 'Request body is not valid JSON' });
    }
    if (body.status === 'read') {
      count('POST read');
      if (body.messaging_product !== 'whatsapp' || typeof body.message_id !== 'string') return reject(100, { details: 'message_id is required' });
      return jsonReply({ success: true });
    }
    count('POST messages');
    if (body.messaging_product !== 'whatsapp') return reject(100, { details: 'messaging_product must be "whatsapp"' });
    const to = typeof body.to === 'string' ? body.to.replace(/\D/g, '') : '';
    if (to.length < 8 || to.length > 15) return reject(100, { details: 'Invalid parameter: to' });

    const failure = chooseFailure(to);
    if (failure === 'timeout' || failure === 'timeout_accepted') {
      counters.timeouts++;
      if (failure === 'timeout_accepted') accept(phone, body, rawBody, to);
      await waitForAbort(req);
      return emptyReply(504); // nobody is listening any more
    }
    if (failure === 'drop' || failure === 'drop_accepted') {
      counters.drops++;
      if (failure === 'drop_accepted') accept(phone, body, rawBody, to);
      throw new FakeConnectionDrop();
    }
    if (failure === '5xx') return reject(1, { httpStatus: 500 });
    if (failure === '5xx_bare') {
      counters.rejected[502] = (counters.rejected[502] ?? 0) + 1;
      return { status: 502, contentType: 'text/html', body: '<html><body>502 Bad Gateway</body></html>' };
    }
    const injected = typeof failure === 'number' ? { code: failure } : failure;
    if (injected && !injected.async) return reject(injected.code, { details: injected.details, httpStatus: injected.httpStatus });

    if (overThroughput(phone, arrivedAt)) return reject(130429, { details: 'Cloud API message throughput has been reached.' });
    if (!takePairToken(phone.phoneNumberId, to)) return reject(131056, { details: 'Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.' });

    if (body.type === 'text') {
      const text = body.text as { body?: unknown } | undefined;
      if (typeof text?.body !== 'string' || text.body.length === 0) return reject(100, { details: 'text.body is required' });
      if (text.body.length > 4096) return reject(100, { details: 'text.body is longer than 4096 characters' });
      const since = lastInbound.get(`${phone.phoneNumberId}:${options.waIdFor?.(to) ?? to}`);
      if (options.enforceCustomerWindow && (!since || Date.now() - since > WINDOW_MS)) {
        return reject(131047, { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' });
      }
    } else if (body.type === 'template') {
      const problem = checkTemplateSend(templates.get(phone.wabaId) ?? [], body);
      if (problem) return reject(problem.code, { details: problem.details });
    } else {
      return reject(131051, { details: `Message type ${String(body.type)} is not supported by this fake` });
    }

    if (injected?.async) counters.asyncFailures++;
    const msg = accept(phone, body, rawBody, to, injected?.async ? injected : undefined, arrivedAt);
    return jsonReply({
      messaging_product: 'whatsapp',
      contacts: [{ input: String(body.to), wa_id: msg.waId }],
      messages: [{ id: msg.id, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
    });
  }

  function phoneFields(req: FakeRequest, phone: PhoneState): FakeReply {
    const all: Record<string, unknown> = {
      display_phone_number: phone.displayPhoneNumber ?? `+${phone.phoneNumberId}`,
      verified_name: phone.verifiedName ?? 'WhatsLab Sandbox',
      quality_rating: phone.qualityRating ?? 'GREEN',
      throughput: { level: (phone.throughputPerSecond ?? 80) > 80 ? 'HIGH' : 'STANDARD' },
      status: 'CONNECTED',
      code_verification_status: 'VERIFIED',
      name_status: 'APPROVED',
      platform_type: 'CLOUD_API',
    };
    const fields = (new URL(req.url).searchParams.get('fields') ?? 'verified_name,display_phone_number,quality_rating').split(',');
    const out: Record<string, unknown> = {};
    for (const f of fields.map((x) => x.trim())) if (f in all) out[f] = all[f];
    return jsonReply({ ...out, id: phone.phoneNumberId });
  }

  function listTemplates(req: FakeRequest, wabaId: string): FakeReply {
    const url = new URL(req.url);
    const list = templates.get(wabaId) ?? [];
    const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 1000));
    const after = url.searchParams.get('after');
    const start = after ? Number(Buffer.from(after, 'base64url').toString()) || 0 : 0;
    const page = list.slice(start, start + limit);
    const cursor = (i: number) => Buffer.from(String(i)).toString('base64url');
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
    if (start + page.length < list.length) {
      url.searchParams.set('after', cursor(start + page.length));
      paging.next = url.toString();
    }
    return jsonReply({
      data: page.map((t) => ({ name: t.name, status: t.status, category: t.category ?? 'MARKETING', language: t.language, components: t.components ?? [], id: t.id })),
      paging,
    });
  }

  async function handle(req: FakeRequest, meta: { arrivedAt?: number } = {}): Promise<FakeReply> {
    if (options.latencyAt !== 'answer') {
      await sleep(pick(latency)); // counted when the latency is over
      return route(req);
    }
    if (meta.arrivedAt !== undefined) arrivals.set(req, meta.arrivedAt);
    const response = await route(req);
    await sleep(pick(latency));
    return response;
  }

  async function route(req: FakeRequest): Promise<FakeReply> {
    let path = new URL(req.url).pathname;
    if (options.basePath && path.startsWith(options.basePath)) path = path.slice(options.basePath.length);
    const [version, id, edge, ...rest] = path.split('/').filter(Boolean);
    if (!version || !/^v\d+\.\d+$/.test(version) || !id || rest.length > 0) {
      count('other');
      return reject(100, { details: `Unknown path components: ${path}` });
    }
    const token = bearer(req);
    const tokenPhones = [...phones.values()].filter((p) => p.accessToken === token);
    if (!token || tokenPhones.length === 0) {
      count(edge === 'messages' ? 'POST messages' : edge ? `GET ${edge}` : 'GET phone');
      return reject(190, { details: 'Invalid OAuth access token.' });
    }
    if (req.method === 'POST' && edge === 'messages') {
      const phone = tokenPhones.find((p) => p.phoneNumberId === id);
      if (!phone) {
        count('POST messages');
        return reject(100, { subcode: 33, message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
      }
      return sendMessages(req, phone);
    }
    if (req.method === 'GET' && !edge) {
      count('GET phone');
      const phone = tokenPhones.find((p) => p.phoneNumberId === id);
      return phone ? phoneFields(req, phone) : reject(100, { subcode: 33, message: `Unsupported get request. Object with ID '${id}' does not exist.` });
    }
    if (req.method === 'GET' && edge === 'message_templates') {
      count('GET message_templates');
      if (!tokenPhones.some((p) => p.wabaId === id)) return reject(100, { subcode: 33, message: `Unsupported get request. Object with ID '${id}' does not exist.` });
      return listTemplates(req, id);
    }
    count('other');
    return reject(100, { message: `Unsupported ${req.method.toLowerCase()} request.` });
  }

  async function simulateInbound(input: InboundInput): Promise<{ messageId: string; status: number; payload: unknown }> {
    const phone = phones.get(input.phoneNumberId);
    if (!phone) throw new Error(`fake WhatsApp: unknown phone ${input.phoneNumberId}`);
    const from = input.from.replace(/\D/g, '');
    const messageId = input.messageId ?? newWamid();
    const timestamp = input.timestamp ?? unixNow();
    const message = inboundMessage(input, phone, { from, id: messageId, timestamp });
    setBounded(lastInbound, `${phone.phoneNumberId}:${from}`, timestamp * 1000, historyLimit);
    const payload = envelope(phone, { contacts: [{ profile: { name: input.profileName ?? 'WhatsApp User' }, wa_id: from }], messages: [message] });
    const status = await poster.track(poster.post(phone, payload));
    return { messageId, status, payload };
  }

  return {
    handle,
    /** Accepted messages, oldest first: the newest `historyLimit` of them. */
    sent,
    /** Totals since the last reset(), never trimmed. */
    counters,
    historyLimit,
    /** How many entries each bounded store holds now (each at most historyLimit). */
    storeSizes: () => ({
      sent: sent.length,
      webhookLog: webhookLog.length,
      rateRejections: rateRejections.length,
      pairBuckets: pairBuckets.size,
      lastInbound: lastInbound.size,
    }),
    /** Webhook post attempts, oldest first (the newest `historyLimit`): raw body and the answer's status (0 = network error). */
    webhookLog,
    rateRejections,
    addPhone(phone: FakePhoneInput) {
      phones.set(phone.phoneNumberId, { ...phone, recentSends: [] });
      return phone;
    },
    getPhone: (phoneNumberId: string) => phones.get(phoneNumberId),
    addTemplate(wabaId: string, t: FakeTemplateInput) {
      const list = templates.get(wabaId) ?? [];
      const next: TemplateState = { ...t, status: t.status ?? 'APPROVED', id: t.id ?? String(1e15 + Math.floor(random() * 9e14)) };
      const i = list.findIndex((x) => x.name === t.name && x.language === t.language);
      if (i >= 0) list[i] = next;
      else list.push(next);
      templates.set(wabaId, list);
      return next;
    },
    simulateInbound,
    setFailures(config: FakeFailureConfig) {
      failures = config;
      failureUses.clear();
    },
    setLatency(l: LatencyOption) {
      latency = l;
    },
    setPairRateLimit(config: false | { burst?: number; intervalMs?: number }) {
      pairRate = config === false ? false : { burst: 3, intervalMs: 6000, ...config };
      pairBuckets.clear();
    },
    setWebhookOptions(o: Partial<typeof webhookOptions>) {
      Object.assign(webhookOptions, o);
    },
    /** The error JSON the fake answers for a code (handy in tests). */
    errorBody: fakeErrorBody,
    /** Clears sent messages, counters and rate-limit state (phones and templates stay). */
    reset() {
      sent.length = 0;
      webhookLog.length = 0;
      rateRejections.length = 0;
      Object.assign(counters, { requests: {}, accepted: 0, rejected: {}, timeouts: 0, drops: 0, asyncFailures: 0, webhooksDelivered: 0, webhooksFailed: 0, repliesPosted: 0 });
      pairBuckets.clear();
      failureUses.clear();
      for (const p of phones.values()) p.recentSends.length = 0;
    },
    flushWebhooks: () => poster.flush(),
    /** Stops posting webhooks and releases requests held by 'timeout' failures. */
    async close() {
      poster.closed = true;
      for (const release of [...hung]) release();
      await poster.flush();
    },
  };
}
