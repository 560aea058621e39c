import type { Metadata } from 'next';
import { NewPhoneChoice } from '@/components/phones/new-phone-choice';
import { SenderPhoneForm } from '@/components/phones/sender-phone-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { generateVerifyToken } from '@/lib/phones/generate-verify-token';
import { DEFAULT_RATE_LIMIT_PER_SECOND } from '@/lib/phones/schema';
import { addSandboxPhoneAction, createSenderPhoneAction } from '../actions';

export const metadata: Metadata = { title: 'Add phone' };

export default async function NewPhonePage() {
  await requirePageContext('admin');
  return (
    <>
      <PageHeader title="Add phone">
        Connect a number registered with the WhatsApp Cloud API. Meta will post to <code>{env().appUrl}/api/webhooks/whatsapp</code>. The
        number is checked with Meta before it is added.
      </PageHeader>
      <NewPhoneChoice addSandbox={env().isSandboxEnabled ? addSandboxPhoneAction : null}>
        <SenderPhoneForm
          action={createSenderPhoneAction}
          initial={{ label: '', phoneNumberId: '', wabaId: '', webhookVerifyToken: generateVerifyToken(), rateLimitPerSecond: DEFAULT_RATE_LIMIT_PER_SECOND, isActive: true }}
        />
      </NewPhoneChoice>
    </>
  );
}
