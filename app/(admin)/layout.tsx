import { faWhatsapp } from '@fortawesome/free-brands-svg-icons';
import type { ReactNode } from 'react';
import { signOutAction, switchWorkspaceAction } from '@/app/(auth)/actions';
import { SideNav } from '@/components/shell/side-nav';
import { UserMenu } from '@/components/shell/user-menu';
import { requirePageContext } from '@/lib/auth/session';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';

// The admin shell. Each page still calls requirePageContext itself: layouts do not re-run on
// every navigation, so they cannot be the only guard.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageContext();
  return (
    <>
      <header className="wl-topbar navbar navbar-dark px-3" style={{ minHeight: 56 }}>
        <Link href="/dashboard" className="navbar-brand fw-bold d-flex align-items-center gap-2">
          <FontAwesomeIcon icon={faWhatsapp} />
          WhatsLab
        </Link>
        <span className="text-white small d-none d-md-inline me-auto ms-2" data-testid="workspace-name">
          {ctx.workspace.name}
        </span>
        <UserMenu
          userName={ctx.user.name}
          email={ctx.user.email}
          role={ctx.role}
          currentWorkspaceId={ctx.workspace.id}
          workspaces={ctx.workspaces}
          signOutAction={signOutAction}
          switchWorkspaceAction={switchWorkspaceAction}
        />
      </header>
      <div className="d-flex flex-column flex-md-row">
        <SideNav />
        <main className="wl-main flex-grow-1 p-3 p-md-4">{children}</main>
      </div>
    </>
  );
}
