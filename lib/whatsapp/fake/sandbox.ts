import 'server-only';
import { createHmac } from 'node:crypto';
import type { NewSenderPhone } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { createFakeWhatsApp, type FakeWhatsApp } from './fake-whatsapp';

// The built-in sandbox: one process-wide fake Cloud API served at /api/sandbox/graph, with one
// phone whose credentials are derived from this installation's secrets (stable across restarts).

export const SANDBOX_BASE_PATH = '/api/sandbox/graph';

const derive = (purpose: string) => createHmac('sha256', env().authSecret).update(`whatslab-sandbox:${purpose}`).digest();

/** Bearer token the sandbox accepts; store it (encrypted) on the sandbox sender row. */
export function sandboxAccessToken(): string {
  return `SANDBOX${derive('access-token').toString('base64url')}`;
}

/** Verify token for GET /api/webhooks/whatsapp on the sandbox (always accepted). */
export function sandboxWebhookVerifyToken(): string {
  return `sandbox-${derive('verify-token').toString('hex').slice(0, 24)}`;
}

/** A 15-digit WABA id, stable per installation. */
export function sandboxWabaId(): string {
  return String(100000000000000n + (derive('waba').readBigUInt64BE(0) % 899999999999999n));
}

export function sandboxApiBaseUrl(): string {
  return `${env().appUrl}${SANDBOX_BASE_PATH}`;
}

export const SANDBOX_DISPLAY_PHONE_NUMBER = '+1 555 010 0000';

export const SANDBOX_TEMPLATES = [
  {
    name: 'welcome_v1',
    language: 'pt_BR',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Olá {{1}}, obrigado pelo seu interesse! Podemos conversar por aqui?' }],
  },
  {
    name: 'appointment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Reminder' },
      { type: 'BODY', text: 'Hi {{1}}, this is a reminder of your appointment on {{2}}.' },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Confirm' }, { type: 'QUICK_REPLY', text: 'Reschedule' }] },
    ],
  },
] as const;

/**
 * What the sandbox keeps of each kind (sent messages, webhook posts...): it lives as long as the
 * server, and nothing in the app reads more than the last few of them.
 */
export const SANDBOX_HISTORY_LIMIT = 1_000;

function createSandbox(): FakeWhatsApp {
  const e = env();
  const fake = createFakeWhatsApp({ basePath: SANDBOX_BASE_PATH, latencyMs: e.WHATSAPP_SANDBOX_LATENCY_MS, historyLimit: SANDBOX_HISTORY_LIMIT });
  fake.addPhone({
    phoneNumberId: e.sandboxPhoneNumberId,
    wabaId: sandboxWabaId(),
    accessToken: sandboxAccessToken(),
    appSecret: e.sandboxAppSecret,
    webhookUrl: `${e.appUrl}/api/webhooks/whatsapp`,
    displayPhoneNumber: SANDBOX_DISPLAY_PHONE_NUMBER,
    verifiedName: 'WhatsLab Sandbox',
  });
  for (const t of SANDBOX_TEMPLATES) {
    fake.addTemplate(sandboxWabaId(), { ...t, status: 'APPROVED', components: t.components.map((c) => ({ ...c })) });
  }
  return fake;
}

const holder = globalThis as unknown as { __whatslabSandbox?: FakeWhatsApp };

/** The process-wide sandbox (survives dev hot reload). */
export function getSandbox(): FakeWhatsApp {
  holder.__whatslabSandbox ??= createSandbox();
  return holder.__whatslabSandbox;
}

/** Values for a workspace's sandbox sender_phones row (one per workspace; every workspace shares the one sandbox number). */
export function sandboxSenderPhoneValues(workspaceId: string, label = 'Sandbox'): NewSenderPhone {
  const e = env();
  return {
    workspaceId,
    label,
    provider: 'sandbox',
    phoneNumberId: e.sandboxPhoneNumberId,
    wabaId: sandboxWabaId(),
    displayPhoneNumber: SANDBOX_DISPLAY_PHONE_NUMBER,
    verifiedName: 'WhatsLab Sandbox',
    qualityRating: 'GREEN',
    accessTokenEnc: encryptSecret(sandboxAccessToken()),
    appSecretEnc: encryptSecret(e.sandboxAppSecret),
    webhookVerifyToken: sandboxWebhookVerifyToken(),
    apiBaseUrl: sandboxApiBaseUrl(),
    apiVersion: e.WHATSAPP_API_VERSION,
  };
}
