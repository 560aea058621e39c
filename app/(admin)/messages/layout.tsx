import type { ReactNode } from 'react';
import { MessagesTabs } from '@/components/templates/messages-tabs';
import { PageHeader } from '@/components/ui/page-header';

// The Messages section: personalized messages (templates) and the log of what was sent.
export default function MessagesLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Messages">Personalized messages to send, and the log of what was sent.</PageHeader>
      <MessagesTabs />
      {children}
    </>
  );
}
