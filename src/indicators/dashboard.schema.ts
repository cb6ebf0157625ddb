// The overview (概览) for the actor's scope. Shared with the web client.
import { z } from 'zod';
import { MatchCounts } from '../registry/match.schema.ts';

export const Dashboard = z.object({
  schoolYear: z.number().int(), // the year the school year starts (Sept 1 rule)
  ageDate: z.string(), // the date ages are taken on
  students: z.number().int(),
  members: z.number().int(), // registry persons (all lists)
  households: z.number().int(),
  children: z.number().int(), // registry persons aged 3–17 on ageDate
  matches: MatchCounts,
  schools: z.array(
    z.object({ code: z.string(), name: z.string().nullable(), students: z.number().int(), matched: z.number().int(), review: z.number().int() }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;
