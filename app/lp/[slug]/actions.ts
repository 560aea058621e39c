'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
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
  let redirectTo: string | null = null;
  let state: LandingFormState;
  try {
    const h = await headers();
    const result = await submitLandingPage(slug, raw, { ip: clientIp(h), userAgent: h.get('user-agent'), referrer: h.get('referer'), landingUrl: h.get('referer') }, { channel: 'form' });
    if (result.status === 'success') {
      // The welcome message leaves within seconds: wakes the in-process dispatcher, or on serverless drains after answering.
      if (result.queued > 0) after(kickDispatcher);
      redirectTo = result.redirectUrl;
      state = { status: 'success', message: result.message, whatsappUrl: result.whatsappUrl };
    } else {
      state = { status: 'error', message: result.message, fields: result.fields, values: raw };
    }
  } catch (err) {
    const { message } = toActionError(err);
    state = { status: 'error', message, fields: {}, values: raw };
  }
  if (redirectTo) redirect(redirectTo);
  return state;
}
