import type { Import } from '@/db/schema';

/** Badge colour per import status (history and detail pages). */
export const IMPORT_STATUS_BG: Record<Import['status'], string> = {
  pending: 'secondary',
  running: 'info',
  completed: 'success',
  failed: 'danger',
  cancelled: 'dark',
  reverted: 'warning',
};
