// Proof files of a case over HTTP: the close-with-proof query (the file is the raw body) and the
// list of a case's proofs. Shared with the web client.
import { z } from 'zod';
import { CLOSE_CATEGORIES } from './case.rules.ts';

export const CloseWithProofQuery = z.object({
  category: z.enum(CLOSE_CATEGORIES),
  note: z.string().trim().min(1).max(500),
  fileName: z.string().trim().min(1).max(200),
});
export type CloseWithProofQuery = z.infer<typeof CloseWithProofQuery>;
export const ProofParams = z.object({ caseNo: z.string().trim().min(1).max(32), id: z.coerce.number().int().min(1) });
export const ProofItem = z.object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int(), actor: z.string(), at: z.string() });
export const ProofList = z.object({ items: z.array(ProofItem) });
export type ProofList = z.infer<typeof ProofList>;
