import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SenderPhoneForm } from '@/components/phones/sender-phone-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageContext } from '@/lib/auth/session';
import { pageId } from '@/lib/validation/ids';
import { isAppError } from '@/lib/errors';
import { getSenderPhone } from '@/lib/phones/get-sender-phone';
import { updateSenderPhoneAction } from '../actions';

export const metadata: Metadata = { title: 'Edit phone' };

type Props = { params: Promise<{ id: string }> };

export default async function EditPhonePage({ params }: Props) {
  const ctx = await requirePageContext('admin');
  const id = pageId((await params).id);
  const phone = await getSenderPhone(ctx.workspace.id, id).catch((err) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  return (
    <>
      <PageHeader title={`Edit ${phone.label}`}>
        The access token and app secret are stored encrypted and never shown again; replace them if they changed.
      </PageHeader>
      <SenderPhoneForm
        action={updateSenderPhoneAction}
        initial={{
          id: phone.id,
          label: phone.label,
          phoneNumberId: phone.phoneNumberId,
          wabaId: phone.wabaId,
          webhookVerifyToken: phone.webhookVerifyToken,
          rateLimitPerSecond: phone.rateLimitPerSecond,
          isActive: phone.isActive,
        }}
      />
    </>
  );
}
