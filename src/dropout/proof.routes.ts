// Proof files over HTTP: POST /api/dropout/cases/:caseNo/close-with-proof (the file as the raw body,
// application/octet-stream; .pdf/.jpg/.png by content, ≤ 10 MB) closes the case with its proof in
// one transaction; GET …/proofs lists them and GET …/proofs/:id downloads one — only within the
// case's scope (another township's case → 404), each download audited.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { notFound } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { closeCase, proofFromBytes, type StepAnswer } from './case-steps.ts';
import { caseOf } from './case-work.routes.ts';
import { proofListOf, proofOf } from './dropout.repository.ts';
import { readUpload, sendAttachment } from '../files/attachments.ts';
import { PROOF_RULE } from './proof.rules.ts';
import { CloseWithProofQuery, ProofParams, type ProofList } from './proof.schema.ts';

/** The body, refused as soon as it passes the limit (never held beyond 10 MB + one chunk). */
function readCapped(body: unknown, fileName: string): Promise<Buffer> {
  return readUpload(body, fileName, {
    code: 'BAD_PROOF', limit: PROOF_RULE.limit,
    tooBig: PROOF_RULE.tooBig(fileName, ''),
    notAFile: ['请上传证明材料文件（application/octet-stream）', 'send the proof file as the request body (application/octet-stream)'],
  });
}

export function proofRoutes(app: FastifyInstance, database: Database): void {
  const db = database.db;
  app.post('/api/dropout/cases/:caseNo/close-with-proof', { bodyLimit: 64 * 1024 * 1024 }, async (request): Promise<StepAnswer> => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.work');
    const q = CloseWithProofQuery.parse(request.query);
    const c = await caseOf(db, request);
    const proof = proofFromBytes(q.fileName, await readCapped(request.body, q.fileName));
    return closeCase(database, { actor, today: today() }, c.case_no, { category: q.category, note: q.note, proof });
  });

  app.get('/api/dropout/cases/:caseNo/proofs', async (request): Promise<ProofList> => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const c = await caseOf(db, request);
    const rows = await proofListOf(db, c.case_no);
    return { items: rows.map((r) => ({ id: Number(r.id), fileName: r.file_name, mime: r.mime, size: Number(r.size), actor: r.actor, at: r.at })) };
  });

  app.get('/api/dropout/cases/:caseNo/proofs/:id', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const c = await caseOf(db, request);
    const { id } = ProofParams.parse(request.params);
    const p = await proofOf(db, c.case_no, id);
    if (!p) throw notFound('证明材料不存在', 'no such proof file');
    await recordAudit(db, { actor: actor.username, action: 'dropout.proof-read', target: c.case_no, detail: { proof: id, file: p.file_name }, countyCode: p.county_code });
    return sendAttachment(reply, { mime: p.mime, fileName: p.file_name, fallback: `proof-${id}${p.file_name.slice(p.file_name.lastIndexOf('.'))}`, content: Buffer.from(p.content) });
  });
}
