import {
  faBullhorn,
  faCalendarDays,
  faChartColumn,
  faChartLine,
  faComments,
  faFileImport,
  faGear,
  faMobileScreen,
  faUsers,
  faWindowMaximize,
  type IconDefinition,
} from '@fortawesome/free-solid-svg-icons';

export type NavItem = { href: string; label: string; icon: IconDefinition };

export const NAV_ITEMS: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard', icon: faChartLine },
  { href: '/leads', label: 'Leads', icon: faUsers },
  { href: '/analytics', label: 'Analytics', icon: faChartColumn },
  { href: '/appointments', label: 'Appointments', icon: faCalendarDays },
  { href: '/messages', label: 'Messages', icon: faComments },
  { href: '/phones', label: 'Phones', icon: faMobileScreen },
  { href: '/campaigns', label: 'Campaigns', icon: faBullhorn },
  { href: '/landing-pages', label: 'Landing pages', icon: faWindowMaximize },
  { href: '/imports', label: 'Imports', icon: faFileImport },
  { href: '/settings', label: 'Settings', icon: faGear },
];
