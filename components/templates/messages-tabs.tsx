'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const TABS = [
  { href: '/messages', label: 'Templates', isActive: (p: string) => !p.startsWith('/messages/log') },
  { href: '/messages/log', label: 'Log', isActive: (p: string) => p.startsWith('/messages/log') },
];

/** Tabs of the Messages section: the personalized messages, and the log of what was sent. */
export function MessagesTabs() {
  const pathname = usePathname() ?? '/messages';
  return (
    <ul className="nav nav-tabs mb-4">
      {TABS.map((t) => {
        const active = t.isActive(pathname);
        return (
          <li className="nav-item" key={t.href}>
            <Link href={t.href} className={`nav-link${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined}>
              {t.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
