import { AppError } from '@/lib/errors';

// A phone number id is unique within a workspace. Whether another workspace uses the same id
// is none of this workspace's business, so the message never hints at it.

export function phoneNumberIdTaken(): AppError {
  return new AppError('CONFLICT', 'This phone number ID is already registered in this workspace.', {
    fields: { phoneNumberId: 'This phone number ID is already registered in this workspace' },
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
