import { z } from 'zod';
import { idSchema } from '@/lib/validation/strict-values';

// What a merge request carries, from the Duplicates screen, the lead page and GraphQL alike.

export const MERGE_FIELDS = ['name', 'email', 'phone', 'lifecycle', 'attributes'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export const MERGE_SIDES = ['survivor', 'merged'] as const;
export type MergeSide = (typeof MERGE_SIDES)[number];

export const mergeRequestSchema = z
  .object({
    survivorId: idSchema,
    mergedId: idSchema,
    /** Per field, whose value the surviving lead keeps; a missing field takes the newest non-empty value. */
    choices: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(MERGE_SIDES)).default({}),
  })
  .refine((r) => r.survivorId !== r.mergedId, { message: 'Choose two different leads', path: ['mergedId'] });
export type MergeRequest = z.infer<typeof mergeRequestSchema>;

export const undoMergeSchema = z.object({ mergeId: idSchema });

/** How long a merge can be undone. */
export const UNDO_WINDOW_DAYS = 30;
