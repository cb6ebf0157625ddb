// 督导问责 over HTTP: the supervision records of the user's scope. Shared with the web client.
import { z } from 'zod';

export const SupervisionQuery = z.object({ schoolYear: z.coerce.number().int().min(2000).max(2100).optional() });
export const SupervisionItem = z.object({
  id: z.number().int(), schoolYear: z.number().int(), subject: z.string(), subjectName: z.string(), kind: z.string(), matter: z.string(),
  date: z.string(), finding: z.string(), result: z.string().nullable(),
});
export type SupervisionItem = z.infer<typeof SupervisionItem>;
export const SupervisionList = z.object({ items: z.array(SupervisionItem), total: z.number().int() });
export type SupervisionList = z.infer<typeof SupervisionList>;
