import { z } from 'zod';
import { idField } from '@/lib/validation/strict-values';

export const messageIdSchema = z.object({ messageId: idField('Unknown message') });
