// Proof files over HTTP: POST /api/dropout/cases/:caseNo/close-with-proof (the file as the raw body,
// application/octet-stream; .pdf/.jpg/.png by content, ≤ 10 MB) closes the case with its proof in
// one transaction; GET …/proofs lists them and GET …/proofs/:id downloads one — only within the
// case's scope (another township's case → 404), each download audited.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { inputError, notFound } from '../kernel/errors.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { closeCase, proofFromBytes, type StepAnswer } from './case-steps.ts';
import { caseOf } from './case-work.routes.ts';
import { proofListOf, proofOf } from './dropout.repository.ts';
import { MAX_PROOF_BYTES } from './proof.rules.ts';
import { CloseWithProofQuery, ProofParams, type ProofList } from './proof.schema.ts';

/** The body, refused as soon as it passes the limit (never held beyond 10 MB + one chunk). */
async function readCapped(body: unknown, fileName: string): Promise<Buffer> {
  if (Buffer.isBuffer(body)) {
    if (body.length > MAX_PROOF_BYTES) throw inputError('BAD_PROOF', '证明材料不能超过 10 MB', 'a proof may not exceed 10 MB', { file: fileName });
    return body;
  }
  if (!body || typeof (body as Readable).on !== 'function') throw inputError('BAD_PROOF', '请上传证明材料文件（application/octet-stream）', 'send the proof file as the request body (application/octet-stream)', { file: fileName });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as Readable) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_PROOF_BYTES) {
      (body as Readable).destroy();
      throw inputError('BAD_PROOF', '证明材料不能超过 10 MB', 'a proof may not exceed 10 MB', { file: fileName });
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
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
    return reply
      .header('content-type', p.mime)
      .header('content-disposition', `attachment; filename="proof-${id}${p.file_name.slice(p.file_name.lastIndexOf('.'))}"; filename*=UTF-8''${encodeURIComponent(p.file_name)}`)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(p.content));
  });
}
