import { NextRequest } from 'next/server';
import { afterAll, describe, expect, it } from 'vitest';
import { env, resetEnvForTests } from '@/lib/env';
import { getSandbox, sandboxAccessToken, sandboxApiBaseUrl, sandboxWabaId } from '@/lib/whatsapp/fake/sandbox';
import { sendMessage } from '@/lib/whatsapp/send-message';
import { GET, POST } from './route';

// The sandbox route serves the process-wide fake; requests go straight to the handler.

afterAll(async () => {
  await getSandbox().close();
});

const base = () => sandboxApiBaseUrl();
const call = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  (method === 'GET' ? GET : POST)(
    new NextRequest(url, {
      method,
      headers: { authorization: `Bearer ${sandboxAccessToken()}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

describe('sandbox graph route', () => {
  it('answers the phone details and templates with the derived, stable credentials', async () => {
    expect(env().isSandboxEnabled).toBe(true);
    expect(sandboxAccessToken()).toBe(sandboxAccessToken());
    expect(sandboxWabaId()).toMatch(/^\d{15}$/);
    const phone = await call('GET', `${base()}/v23.0/${env().sandboxPhoneNumberId}?fields=verified_name,quality_rating`);
    expect(await phone.json()).toEqual({ verified_name: 'WhatsLab Sandbox', quality_rating: 'GREEN', id: env().sandboxPhoneNumberId });
    const templates = (await (await call('GET', `${base()}/v23.0/${sandboxWabaId()}/message_templates`)).json()) as { data: { name: string; status: string }[] };
    expect(templates.data.map((t) => t.name)).toEqual(['welcome_v1', 'appointment_reminder']);
  });

  it('accepts a send through the client when called via a fetch that routes to the handler', async () => {
    getSandbox().setWebhookOptions({ enabled: false });
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => POST(new NextRequest(String(input), init as never))) as typeof fetch;
    const r = await sendMessage(
      { phoneNumberId: env().sandboxPhoneNumberId, wabaId: sandboxWabaId(), accessToken: sandboxAccessToken(), apiBaseUrl: base(), apiVersion: 'v23.0' },
      { type: 'template', to: '+5511987650000', name: 'welcome_v1', language: 'pt_BR', components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }] }] },
      { fetchImpl },
    );
    expect(r.ok).toBe(true);
  });

  it('is 404 when the sandbox is disabled', async () => {
    const saved = process.env.WHATSAPP_SANDBOX;
    process.env.WHATSAPP_SANDBOX = '0';
    resetEnvForTests();
    try {
      expect((await call('GET', `${base()}/v23.0/${env().sandboxPhoneNumberId}`)).status).toBe(404);
    } finally {
      if (saved === undefined) delete process.env.WHATSAPP_SANDBOX;
      else process.env.WHATSAPP_SANDBOX = saved;
      resetEnvForTests();
    }
  });
});
