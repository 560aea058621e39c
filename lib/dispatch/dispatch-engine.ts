import 'server-only';
import { getDb, type DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { describeError, log } from '@/lib/log/logger';
import { sendMessage } from '@/lib/whatsapp/send-message';
import type { SendResult } from '@/lib/whatsapp/types';
import { claimDueMessages } from './claim-due-messages';
import { checkClaimedBatch } from './check-claimed-batch';
import { keepAliveFetch } from './keep-alive-fetch';
import { holdMessages, markSendingBatch, releaseClaims, unflipMessages } from './message-transitions';
import { reapExpiredLeases } from './reap-expired-leases';
import { createSenderPacer } from './sender-pacer';
import { createSentBatcher } from './sent-batcher';
import { countLiveDispatchers, purgeOldHeartbeats, recordHeartbeat, type DispatcherKind } from './record-heartbeat';
import { pairGateKey, purgeStalePairGates, reserveSendSlots } from './reserve-send-slots';
import { recordSendResult, type MessageOutcome, type ReadyMessage, type SendSettings } from './send-claimed-message';

// One dispatcher: a pipeline that keeps enough requests in flight to reach each sender's rate
// at real API latency, with few database round trips per message.
//
//   claim (batch, leased) -> load + checks (batch) -> per-sender slots from the shared GCRA
//   schedule (one UPDATE per sender and batch) -> at each slot's instant: flip to `sending` with
//   the pair-limit gate (one statement per micro-batch) -> HTTP call (up to `concurrency` at
//   once) -> successes recorded in batches (sent-batcher.ts), anything else one by one.
//
// Modes: 'once' (one claim, everything it got, then done: tests), 'drain' (until nothing is due
// or the budget is spent: cron route, after()), 'loop' (until stopped: web process, worker).
// Stopping never interrupts a call in flight: scheduled sends that have not started are given
// back (their rows were never touched), calls in flight finish and are recorded.

export type EngineMode = 'once' | 'drain' | 'loop';

export type DispatchOptions = {
  workerId: string;
  kind: DispatcherKind;
  /** Stop starting new sends after this long; un-started claims are given back. */
  budgetMs?: number;
  batchSize?: number;
  /** HTTP requests in flight at once in this process. */
  concurrency?: number;
  leaseSeconds?: number;
  apiTimeoutMs?: number;
  /** Aborting stops new sends; sends in flight finish and are recorded. */
  signal?: AbortSignal;
};

export type DispatchCounts = Record<MessageOutcome, number> & { reaped: number; claimed: number; errors: number };

export const emptyCounts = (): DispatchCounts => ({
  reaped: 0,
  claimed: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  requeued: 0,
  held: 0,
  unknown: 0,
  released: 0,
  errors: 0,
});

export const SENDER_BACKOFF_REASON = 'sender backing off after a WhatsApp rate-limit answer: waiting for a slot';
export const PAIR_LIMIT_REASON = 'pair rate limit: waiting before the next message to the same recipient';
export const MISSED_SLOT_REASON = 'missed its rate slot (the worker was slow): not called, queued again';

/** Slots are booked at most this far ahead: a dead worker wastes at most this much of a sender's rate. */
const SLOT_HORIZON_MS = 1_000;
const RESERVE_CHUNK_MS = 250;
const CLOCK_SKEW_TOLERANCE_MS = 20;
const REAP_EVERY_MS = 1_000;
const PURGE_PAIR_GATES_EVERY_MS = 30_000;
const HEARTBEAT_EVERY_MS = 2_000;
/** Heartbeat rows are kept this long (health shows the newest; the lone-dispatcher rule reads seconds). */
const HEARTBEAT_KEEP_MS = 7 * 24 * 3600_000;

// Each call leaves at its own slot's instant, never before it and at most FIRE_LATE_MS after it,
// so the calls of every worker of a sender stay on the shared schedule and no one-second
// window of arrivals at Meta holds more than the cap. Messages are flipped to `sending`
// FLIP_LEAD_MS ahead of their slot, so the flip's round trip does not delay the call; one whose
// slot has passed by more than FIRE_LATE_MS (a stalled process, a slow flip) is not called late:
// it goes back to the queue untouched (un-flipped) and takes a new slot.
const FLIP_LEAD_MS = 100;
const MAX_FLIP_LEAD_MS = 500;
/** Slots flipped together: a message is flipped between (lead - batch) and lead ahead of its slot. */
const FLIP_BATCH_MS = 40;
const FIRE_LATE_MS = 20;
/** A claim that missed this many slots is sent late rather than never (a machine too slow for its lead). */
const MAX_RESLOTS = 2;
/** A dispatcher whose heartbeat is older than this is not counted as live (beats every 2 s). */
const LIVE_DISPATCHER_MS = 6_000;
const SOLO_BURST_MS = 10;
const MAX_FLIPS_IN_FLIGHT = 4;
/** Claimed messages loaded and checked at a time (see claimPass). */
const LOAD_CHUNK = 100;

export type DispatchEngine = {
  /** Resolves when the engine has finished (mode done, budget spent, or stopped). */
  done: Promise<DispatchCounts>;
  stop: () => Promise<DispatchCounts>;
  /** Look for due messages now (something was just queued). */
  wake: () => void;
};

/** `reslots`: how many slots this claim has missed already (after MAX_RESLOTS it goes late rather than never). */
type Scheduled = { at: number; item: ReadyMessage; reslots: number };

export function startDispatchEngine(opts: DispatchOptions & { mode: EngineMode; intervalMs?: number }): DispatchEngine {
  const e = env();
  const concurrency = opts.concurrency ?? e.DISPATCH_CONCURRENCY;
  const batchSize = opts.batchSize ?? e.DISPATCH_BATCH_SIZE;
  const leaseSeconds = opts.leaseSeconds ?? e.DISPATCH_LEASE_SECONDS;
  const apiTimeoutMs = opts.apiTimeoutMs ?? e.WHATSAPP_API_TIMEOUT_MS;
  // While `sending`, the lease must outlive the HTTP timeout, or the reaper would call it unknown.
  const sendingLeaseMs = Math.max(leaseSeconds * 1000, apiTimeoutMs + 5_000);
  // A message waiting for a rate slot gives its claim back well before its lease runs out.
  const maxSlotWaitMs = Math.min(5_000, (leaseSeconds * 1000) / 2);
  const intervalMs = opts.intervalMs ?? e.DISPATCH_INTERVAL_MS;
  const settings: SendSettings = {
    workerId: opts.workerId,
    retryBaseMs: e.DISPATCH_RETRY_BASE_MS,
    retryMaxMs: e.DISPATCH_RETRY_MAX_MS,
    holdMs: e.DISPATCH_HOLD_MS,
    senderPauseMs: e.DISPATCH_SENDER_PAUSE_MS,
    maxAttempts: e.DISPATCH_MAX_ATTEMPTS,
  };
  // The share of a sender's rate used, by the shared schedule and by a lone dispatcher's pacer alike.
  const usableRate = (sender: ReadyMessage['sender']) => sender.rateLimitPerSecond * e.DISPATCH_RATE_HEADROOM;
  const counts = emptyCounts();
  const dbPromise = getDb();

  const waiting = new Map<string, { item: ReadyMessage; since: number; reslots?: number }[]>(); // per sender: claimed, no slot yet
  // Round trips of the flip and of the slot reservation (moving averages): the flip lead follows them,
  // so a slow database makes calls leave a little later, never late.
  let flipRttMs = 10;
  let reserveRttMs = 10;
  const flipLeadMs = () => Math.min(MAX_FLIP_LEAD_MS, Math.max(FLIP_LEAD_MS, FLIP_BATCH_MS + 4 * flipRttMs));
  const busyUntil = new Map<string, number>(); // per sender: schedule booked up (local time)
  const scheduled: Scheduled[] = []; // has a slot, sorted by `at`
  const timers = new Set<NodeJS.Timeout>();
  let inflight = 0;
  let flipsInFlight = 0;
  let firing = 0; // flipped or being flipped, call not started yet
  const missed: Scheduled[] = []; // flipped, slot missed, not called: un-flip, then a new slot
  // Whether this engine is the only dispatcher with a recent heartbeat (read with each beat).
  let isSolo = false;
  const pacer = createSenderPacer<{ item: ReadyMessage; attempt: number }>(SOLO_BURST_MS, ({ item, attempt }) => {
    firing--;
    fire(item, attempt);
  });
  let isUnflipping = false;
  let isClaiming = false;
  let hasClaimedOnce = false;
  let lastClaimWasEmpty = false;
  let isStopping = false;
  let lastReapAt = 0;
  let lastPurgeAt = Date.now();
  let lastBeatAt = 0;
  let sentSinceBeat = 0;
  let tickTimer: NodeJS.Timeout | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let resolveDone: (c: DispatchCounts) => void = () => undefined;
  const done = new Promise<DispatchCounts>((resolve) => (resolveDone = resolve));
  let finishing: Promise<DispatchCounts> | null = null;

  const waitingCount = () => [...waiting.values()].reduce((n, l) => n + l.length, 0);
  const pending = () => inflight + firing + scheduled.length + waitingCount();
  // Work that has its slot: what the claim loop keeps topped up. Messages still waiting for a
  // slot do not count: their sender is booked up and left out of claims, so they cannot pile up,
  // and they must not starve the other senders of claims.
  const slotted = () => inflight + firing + scheduled.length;
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, Math.max(0, ms));
    timers.add(t);
    return t;
  };
  const fail = (what: string) => (err: unknown) => {
    counts.errors++;
    log.error(`dispatch: ${what} failed`, { workerId: opts.workerId, ...describeError(err) });
  };
  const sent = createSentBatcher(dbPromise, { onError: fail('recording sent messages'), onSettled: () => checkFinished() });

  // ---- claiming ---------------------------------------------------------------------------
  function maybeClaim() {
    if (isStopping || isClaiming) return;
    if (opts.mode === 'once' && hasClaimedOnce) return checkFinished();
    if (slotted() >= concurrency) return;
    isClaiming = true;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    let got = 0;
    claimPass()
      .then((n) => {
        got = n;
        // -1: nothing claimable now, but senders booked up here may still have due messages.
        lastClaimWasEmpty = n === 0;
      })
      .catch((err) => {
        lastClaimWasEmpty = opts.mode !== 'drain';
        fail('claim pass')(err);
      })
      .finally(() => {
        isClaiming = false;
        hasClaimedOnce = true;
        if (isStopping) return;
        if (got > 0) return maybeClaim();
        checkFinished();
        if (opts.mode !== 'once') armIdle();
      });
  }

  function armIdle() {
    if (isStopping || idleTimer) return;
    const now = Date.now();
    const nextFree = Math.min(...[...busyUntil.values()].filter((t) => t > now), now + intervalMs);
    idleTimer = later(Math.max(10, nextFree - now), () => {
      idleTimer = null;
      maybeClaim();
    });
  }

  async function claimPass(): Promise<number> {
    const db = await dbPromise;
    const now = Date.now();
    if (now - lastReapAt >= REAP_EVERY_MS) {
      lastReapAt = now;
      counts.reaped += await reapExpiredLeases(db);
    }
    if (now - lastPurgeAt >= PURGE_PAIR_GATES_EVERY_MS) {
      lastPurgeAt = now;
      await purgeStalePairGates(db, 60_000).catch(fail('purging pair gates'));
      await purgeOldHeartbeats(db, HEARTBEAT_KEEP_MS).catch(fail('purging old heartbeats'));
    }
    const room = Math.min(batchSize, 2 * concurrency - slotted());
    if (room <= 0) return 0;
    const excludeSenderIds = [...busyUntil].filter(([, t]) => t > now).map(([id]) => id);
    const ids = await claimDueMessages(db, { workerId: opts.workerId, limit: room, leaseSeconds, excludeSenderIds });
    counts.claimed += ids.length;
    if (ids.length === 0) {
      await beat(db, false);
      return excludeSenderIds.length > 0 ? -1 : 0;
    }
    // In chunks: loading and checking a few hundred rows at once holds the event loop for tens
    // of milliseconds, and every call due meanwhile would leave late. The first chunk's slots
    // are booked while the next one loads.
    let i = 0;
    for (; i < ids.length && !isStopping; i += LOAD_CHUNK) await loadAndSlot(db, ids.slice(i, i + LOAD_CHUNK));
    // Stopped half-way: what was claimed and not loaded goes straight back.
    if (i < ids.length) counts.released += await releaseClaims(db, { ids: ids.slice(i), workerId: opts.workerId });
    await beat(db, false);
    return ids.length;
  }

  async function loadAndSlot(db: DbOrTx, ids: string[]): Promise<void> {
    const { ready, outcomes } = await checkClaimedBatch(db, ids, settings, fail('checking a message'));
    for (const outcome of outcomes) counts[outcome]++;
    const since = Date.now();
    for (const item of ready) {
      const list = waiting.get(item.sender.id) ?? [];
      list.push({ item, since });
      waiting.set(item.sender.id, list);
    }
    await Promise.all([...waiting.keys()].map((senderId) => reserveFor(senderId)));
  }

  // ---- rate slots ---------------------------------------------------------------------------
  async function reserveFor(senderId: string): Promise<void> {
    const list = waiting.get(senderId);
    if (!list || list.length === 0 || isStopping) return;
    const db = await dbPromise;
    const sender = list[0].item.sender;
    const perSecond = usableRate(sender);
    let slots;
    const askedAt = Date.now();
    try {
      slots = await reserveSendSlots(db, {
        senderPhoneId: senderId,
        perSecond,
        want: list.length,
        horizonMs: SLOT_HORIZON_MS,
        startInMs: flipLeadMs() + 2 * reserveRttMs,
      });
      reserveRttMs = 0.8 * reserveRttMs + 0.2 * (Date.now() - askedAt);
    } catch (err) {
      fail('reserving rate slots')(err);
      slots = { delaysMs: [], atEpochMs: [], dbNowEpochMs: askedAt, bookedAheadMs: SLOT_HORIZON_MS };
    }
    const now = Date.now();
    // Slots are instants on the database clock. When this process's clock agrees with it (same
    // machine, or NTP), use the instants: every worker then fires on the same timeline however
    // long its answer took to come back. Otherwise fall back to delays from the answer's arrival.
    const isClockInSync = Math.abs(slots.dbNowEpochMs - (askedAt + now) / 2) <= Math.max(CLOCK_SKEW_TOLERANCE_MS, (now - askedAt) / 2);
    const granted = list.splice(0, slots.delaysMs.length);
    granted.forEach((w, i) => schedule(isClockInSync ? slots.atEpochMs[i] : now + slots.delaysMs[i], w.item, w.reslots ?? 0));
    busyUntil.set(senderId, now + Math.max(0, slots.bookedAheadMs - SLOT_HORIZON_MS));
    if (list.length === 0) return void waiting.delete(senderId);
    // Some still without a slot: no more claims for this sender until they have one.
    busyUntil.set(senderId, now + SLOT_HORIZON_MS);

    // Booked up: look again once a chunk of the horizon has freed (not per slot: one UPDATE per
    // message on the sender's row would be the hottest statement of the system).
    const retryIn = Math.max(10, slots.bookedAheadMs - SLOT_HORIZON_MS + Math.max(RESERVE_CHUNK_MS, 1000 / perSecond));
    if (retryIn > maxSlotWaitMs) {
      // The sender is backing off (130429 / 4 / 80007 seen by some worker): nobody sends for it
      // for a while, so its messages wait in the queue rather than in this worker.
      waiting.delete(senderId);
      const ids = list.map((w) => w.item.claimed.message.id);
      counts.held += await holdMessages(db, { ids, workerId: opts.workerId, delayMs: retryIn, reason: SENDER_BACKOFF_REASON });
      return;
    }
    // Messages that waited too long give their claim back (another worker, or we, take them later).
    const expired = list.filter((w) => now - w.since > maxSlotWaitMs);
    if (expired.length > 0) {
      waiting.set(senderId, list.filter((w) => now - w.since <= maxSlotWaitMs));
      counts.released += await releaseClaims(db, { ids: expired.map((w) => w.item.claimed.message.id), workerId: opts.workerId });
    }
    busyUntil.set(senderId, now + retryIn + 1);
    later(retryIn, () => void reserveFor(senderId).catch(fail('reserving rate slots')));
  }

  function schedule(at: number, item: ReadyMessage, reslots: number) {
    let i = scheduled.length;
    while (i > 0 && scheduled[i - 1].at > at) i--;
    scheduled.splice(i, 0, { at, item, reslots });
    armTicker();
  }

  // ---- the flip and the call ---------------------------------------------------------------
  function armTicker() {
    if (isStopping || scheduled.length === 0 || flipsInFlight >= MAX_FLIPS_IN_FLIGHT) return;
    if (tickTimer) clearTimeout(tickTimer);
    // Woken a little after the first slot enters the lead, so that one flip takes several slots.
    tickTimer = setTimeout(tick, Math.max(0, scheduled[0].at - flipLeadMs() + FLIP_BATCH_MS - Date.now()));
  }

  /**
   * Takes every message whose slot is within FLIP_LEAD_MS and flips them together; flips
   * overlap, so a slow one never holds the schedule. A message whose slot has already passed
   * is not flipped: it takes a new slot.
   */
  function tick() {
    tickTimer = null;
    if (isStopping) return;
    const now = Date.now();
    const lead = flipLeadMs();
    const take: Scheduled[] = [];
    const late: Scheduled[] = [];
    const pairHeld: string[] = [];
    const pairs = new Set<string>();
    while (scheduled.length > 0 && scheduled[0].at <= now + lead && take.length < concurrency - inflight - firing) {
      const s = scheduled.shift()!;
      if (!isSolo && s.at < now - FIRE_LATE_MS && s.reslots < MAX_RESLOTS) {
        late.push(s);
        continue;
      }
      const key = pairGateKey(s.item.sender.id, s.item.claimed.message.toPhone);
      if (pairs.has(key)) pairHeld.push(s.item.claimed.message.id);
      else {
        pairs.add(key);
        take.push(s);
      }
    }
    if (late.length > 0) reslot(late);
    if (take.length === 0 && pairHeld.length === 0) return armTicker(); // at capacity: a completion re-arms
    flipsInFlight++;
    firing += take.length;
    void flip(take, pairHeld).finally(() => {
      flipsInFlight--;
      armTicker();
      maybeClaim();
      checkFinished();
    });
    armTicker();
  }

  /** Claimed messages that lost their slot wait for a new one (nothing was written for them). */
  function reslot(items: Scheduled[]) {
    const since = Date.now();
    const senders = new Set<string>();
    for (const { item, reslots } of items) {
      const list = waiting.get(item.sender.id) ?? [];
      list.push({ item, since, reslots: reslots + 1 });
      waiting.set(item.sender.id, list);
      senders.add(item.sender.id);
    }
    for (const id of senders) void reserveFor(id).catch(fail('reserving rate slots'));
  }

  async function flip(take: Scheduled[], pairHeld: string[]) {
    let started = 0;
    try {
      const db = await dbPromise;
      const byId = new Map(take.map((t) => [t.item.claimed.message.id, t]));
      const flipStart = Date.now();
      const { flipped, pairLimited } = await markSendingBatch(db, {
        workerId: opts.workerId,
        leaseMs: sendingLeaseMs,
        pairIntervalMs: e.DISPATCH_PAIR_INTERVAL_MS,
        items: take.map((t) => ({
          id: t.item.claimed.message.id,
          renderedBody: t.item.renderedBody,
          pairKey: pairGateKey(t.item.sender.id, t.item.claimed.message.toPhone),
        })),
      });
      flipRttMs = 0.8 * flipRttMs + 0.2 * (Date.now() - flipStart);
      for (const row of flipped) armFire(byId.get(row.id)!, row.attempts);
      started = flipped.length;
      firing -= take.length - started;
      const held = [...pairHeld, ...pairLimited];
      if (held.length > 0) {
        counts.held += await holdMessages(db, { ids: held, workerId: opts.workerId, delayMs: e.DISPATCH_PAIR_INTERVAL_MS, reason: PAIR_LIMIT_REASON });
      }
      counts.released += take.length - flipped.length - pairLimited.length;
    } catch (err) {
      // Not flipped (queued, lease runs out) or flipped and never called (the reaper makes it unknown).
      firing -= take.length - started;
      fail('flipping messages to sending')(err);
    }
  }

  // The call leaves at its slot's instant. Checked again when the timer runs: a process that
  // stalled past the slot must not send late, or its calls would bunch with other workers'.
  function armFire({ item, at, reslots }: Scheduled, attempt: number) {
    const go = () => {
      // Alone, a late call may still go: nobody else's calls can bunch with it (sender-pacer.ts).
      if (isSolo) return pacer.push(item.sender.id, 1000 / usableRate(item.sender), { item, attempt });
      if (Date.now() > at + FIRE_LATE_MS && reslots < MAX_RESLOTS) {
        missed.push({ item, at, reslots });
        void unflipMissed();
        return;
      }
      firing--;
      fire(item, attempt);
    };
    const wait = at - Date.now();
    if (wait <= 0) go();
    else setTimeout(go, wait);
  }

  /** Flipped but never called: back to `queued` (still ours), as if never flipped, then a new slot. */
  async function unflipMissed(): Promise<void> {
    if (isUnflipping || missed.length === 0) return;
    isUnflipping = true;
    const batch = missed.splice(0);
    try {
      const back = new Set(
        await unflipMessages(await dbPromise, {
          items: batch.map((s) => ({ id: s.item.claimed.message.id, pairKey: pairGateKey(s.item.sender.id, s.item.claimed.message.toPhone) })),
          workerId: opts.workerId,
          leaseMs: leaseSeconds * 1000,
          pairIntervalMs: e.DISPATCH_PAIR_INTERVAL_MS,
          reason: MISSED_SLOT_REASON,
        }),
      );
      const again = batch.filter((s) => back.has(s.item.claimed.message.id));
      firing -= batch.length;
      if (isStopping) counts.released += await releaseClaims(await dbPromise, { ids: again.map((s) => s.item.claimed.message.id), workerId: opts.workerId });
      else reslot(again);
    } catch (err) {
      // Left `sending`: at lease expiry the reaper holds them as unknown (never re-sent blindly).
      firing -= batch.length;
      fail('giving back messages that missed their slot')(err);
    } finally {
      isUnflipping = false;
      if (missed.length > 0) void unflipMissed();
      else checkFinished();
    }
  }

  function fire(item: ReadyMessage, attempt: number) {
    inflight++;
    void sendMessage(item.creds, item.outbound, { timeoutMs: apiTimeoutMs, fetchImpl: keepAliveFetch })
      .catch(
        (err: unknown): SendResult => ({
          // A bug or an unexpected throw after the request may have gone out: treat it as unknown.
          ok: false,
          outcome: 'unknown',
          reason: `client error: ${err instanceof Error ? err.message : String(err)}`,
        }),
      )
      .then(async (result) => {
        if (result.ok) {
          sent.push({ id: item.claimed.message.id, providerMessageId: result.providerMessageId, waId: result.waId });
          counts.sent++;
          sentSinceBeat++;
          return;
        }
        const db = await dbPromise;
        const { outcome, signal } = await recordSendResult(db, item, result, attempt, settings);
        counts[outcome]++;
        if (signal) await onSenderBlocked(signal.senderPhoneId, signal.blockedForMs, signal.reason);
      })
      .catch(fail('recording a send result'))
      .finally(() => {
        inflight--;
        armTicker();
        maybeClaim();
        checkFinished();
      });
  }

  /** Meta stopped this sender for a while: give back what this worker lined up for it. */
  async function onSenderBlocked(senderId: string, ms: number, reason: string) {
    busyUntil.set(senderId, Date.now() + ms);
    const mine = scheduled.filter((s) => s.item.sender.id === senderId).map((s) => s.item.claimed.message.id);
    const queuedHere = (waiting.get(senderId) ?? []).map((w) => w.item.claimed.message.id);
    waiting.delete(senderId);
    for (let i = scheduled.length - 1; i >= 0; i--) if (scheduled[i].item.sender.id === senderId) scheduled.splice(i, 1);
    const ids = [...mine, ...queuedHere];
    if (ids.length > 0) counts.held += await holdMessages(await dbPromise, { ids, workerId: opts.workerId, delayMs: ms, reason });
  }

  async function beat(db: DbOrTx, force: boolean) {
    if (!force && Date.now() - lastBeatAt < HEARTBEAT_EVERY_MS) return;
    lastBeatAt = Date.now();
    const sent = sentSinceBeat;
    sentSinceBeat = 0;
    try {
      await recordHeartbeat(db, { workerId: opts.workerId, kind: opts.kind, sent });
    } catch (err) {
      sentSinceBeat += sent;
      fail('heartbeat')(err);
    }
    isSolo = await countLiveDispatchers(db, LIVE_DISPATCHER_MS)
      .then((n) => n <= 1)
      .catch(() => false); // unsure: behave as one of several
  }

  // ---- finishing -----------------------------------------------------------------------------
  function checkFinished() {
    if (isStopping || isClaiming || isUnflipping || flipsInFlight > 0 || pending() > 0) return;
    if (opts.mode === 'once' && hasClaimedOnce) void stop();
    else if (opts.mode === 'drain' && hasClaimedOnce && lastClaimWasEmpty) void stop();
  }

  function stop(): Promise<DispatchCounts> {
    finishing ??= (async () => {
      isStopping = true;
      for (const t of timers) clearTimeout(t);
      for (const t of [tickTimer, idleTimer]) if (t) clearTimeout(t);
      const db = await dbPromise;
      // Flipped messages are sent, never given back: a flip to `sending` is a promise to call.
      while (flipsInFlight > 0 || firing > 0 || isClaiming) await new Promise((r) => setTimeout(r, 5));
      const unstarted = [...scheduled.map((s) => s.item), ...[...waiting.values()].flat().map((w) => w.item)].map((i) => i.claimed.message.id);
      scheduled.length = 0;
      waiting.clear();
      if (unstarted.length > 0) {
        counts.released += await releaseClaims(db, { ids: unstarted, workerId: opts.workerId }).catch((err: unknown) => {
          fail('releasing claims (their lease will expire)')(err);
          return 0;
        });
      }
      while (inflight > 0 || sent.isBusy() || isUnflipping) await new Promise((r) => setTimeout(r, 5));
      await sent.flush();
      await beat(db, true);
      if (counts.claimed > 0 || counts.reaped > 0) log.debug('dispatcher finished', { workerId: opts.workerId, ...counts });
      resolveDone(counts);
      return counts;
    })();
    return finishing;
  }

  opts.signal?.addEventListener('abort', () => void stop(), { once: true });
  if (opts.budgetMs !== undefined) later(opts.budgetMs, () => void stop());
  if (opts.signal?.aborted) void stop();
  else maybeClaim();

  return {
    done,
    stop,
    wake: () => {
      lastClaimWasEmpty = false;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      maybeClaim();
    },
  };
}
