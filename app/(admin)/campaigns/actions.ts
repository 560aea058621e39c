'use server';

// Server actions of the campaign pages: check who is asking, call one use case, map the result.
import { revalidatePath } from 'next/cache';
import { requireActionContext } from '@/lib/auth/session';
import { campaignIdSchema } from '@/lib/campaigns/schema';
import { pauseCampaign } from '@/lib/campaigns/pause-campaign';
import { resumeCampaign } from '@/lib/campaigns/resume-campaign';
import { retryFailedMessages } from '@/lib/campaigns/retry-failed-messages';
import { createCampaign, updateCampaign } from '@/lib/campaigns/save-campaign';
import { queueCampaignTestMessage } from '@/lib/campaigns/queue-campaign-test-message';
import { startCampaign } from '@/lib/campaigns/start-campaign';
import { stopCampaign } from '@/lib/campaigns/stop-campaign';
import { parseInput } from '@/lib/errors';
import { toActionError, type ActionResult } from '@/lib/http/action-result';

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

function done(campaignId?: string) {
  revalidatePath('/campaigns');
  if (campaignId) revalidatePath(`/campaigns/${campaignId}`);
}

export async function createCampaignAction(values: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const created = await createCampaign({ workspaceId: ctx.workspace.id, timeZone: ctx.workspace.timezone }, values);
    done(created.id);
    return { ok: true, data: created };
  } catch (err) {
    return toActionError(err);
  }
}

export async function updateCampaignAction(campaignId: string, values: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await requireActionContext('admin');
    const { campaignId: id } = parseInput(campaignIdSchema, { campaignId });
    const updated = await updateCampaign({ workspaceId: ctx.workspace.id, timeZone: ctx.workspace.timezone }, id, values);
    done(id);
    return { ok: true, data: updated };
  } catch (err) {
    return toActionError(err);
  }
}

type Op = 'start' | 'pause' | 'resume' | 'stop' | 'retry';

/** One door for the campaign's buttons; each maps to one use case and says what it did. */
export async function campaignOpAction(op: Op, campaignId: string): Promise<ActionResult<string>> {
  try {
    const ctx = await requireActionContext('admin');
    const { campaignId: id } = parseInput(campaignIdSchema, { campaignId });
    const ws = ctx.workspace.id;
    let message: string;
    if (op === 'start') {
      const r = await startCampaign(ws, id);
      message = r.kind === 'automated' ? 'Campaign active: new leads matching its trigger get the message.' : `Broadcast started: ${plural(r.queued, 'message')} queued, ${plural(r.skipped, 'lead')} skipped with a reason.`;
    } else if (op === 'pause') {
      message = `Paused: ${plural((await pauseCampaign(ws, id)).held, 'queued message')} held until you resume.`;
    } else if (op === 'resume') {
      message = `Resumed: ${plural((await resumeCampaign(ws, id)).released, 'message')} back in the queue.`;
    } else if (op === 'stop') {
      message = `Stopped: ${plural((await stopCampaign(ws, id)).skipped, 'queued message')} will not be sent.`;
    } else {
      message = `${plural((await retryFailedMessages(ws, id)).requeued, 'failed message')} queued again.`;
    }
    done(id);
    return { ok: true, data: message };
  } catch (err) {
    return toActionError(err);
  }
}

export async function sendTestAction(input: unknown): Promise<ActionResult<string>> {
  try {
    const ctx = await requireActionContext('admin');
    await queueCampaignTestMessage(ctx.workspace.id, input);
    done(typeof input === 'object' && input && 'campaignId' in input ? String(input.campaignId) : undefined);
    return { ok: true, data: 'Test message queued: it appears below as it is sent.' };
  } catch (err) {
    return toActionError(err);
  }
}
