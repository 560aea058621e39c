'use server';

import { headers } from 'next/headers';
import { after } from 'next/server';
import { kickDispatcher } from '@/lib/dispatch/kick-dispatcher';
import { toActionError } from '@/lib/http/action-result';
import type { LandingFormState } from '@/lib/leadgen/schema';
import { submitLandingPage } from '@/lib/leadgen/submit-landing-page';
import { clientIp } from '@/lib/rate-limit/client-ip';

// Bound to the page's slug; works as a plain HTML form post when JavaScript is off.
export async function submitLandingAction(slug: string, _prev: LandingFormState, formData: FormData): Promise<LandingFormState> {
  const raw: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) raw[key] = value;
  }
  try {
    const h = await headers();
    const state = await submitLandingPage(slug, raw, { ip: clientIp(h), userAgent: h.get('user-agent'), referrer: h.get('referer') });
    // The welcome message leaves within seconds: wakes the in-process dispatcher, or on serverless drains after answering.
    if (state.status === 'success') after(kickDispatcher);
    return state;
  } catch (err) {
    const { message } = toActionError(err);
    return { status: 'error', message, fields: {}, values: raw };
  }
}
