'use client';

import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { NAV_ITEMS } from './nav-items';

export function SideNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="wl-sidebar p-2 flex-shrink-0">
      <ul className="nav flex-md-column flex-row flex-wrap gap-1">
        {NAV_ITEMS.map((item) => {
          const isActive = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li className="nav-item" key={item.href}>
              <Link href={item.href} className={`nav-link px-3 py-2${isActive ? ' active fw-semibold' : ''}`} aria-current={isActive ? 'page' : undefined}>
                <FontAwesomeIcon icon={item.icon} fixedWidth />
                <span>{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
