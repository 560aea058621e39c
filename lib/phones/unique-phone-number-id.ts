import { AppError } from '@/lib/errors';

// Webhooks name only the phone number id, so one id belongs to one sender in the whole install.

export function phoneNumberIdTaken(): AppError {
  return new AppError('CONFLICT', 'This phone number ID is already connected.', {
    fields: { phoneNumberId: 'This phone number ID is already connected (here or in another workspace)' },
  });
}

/** A PostgreSQL unique violation (23505), through Drizzle's wrapper, on either driver. */
export function isUniqueViolation(err: unknown): boolean {
  for (let cur = err, depth = 0; cur && depth < 4; depth++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
