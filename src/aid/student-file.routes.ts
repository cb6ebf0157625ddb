// GET /api/students/:id/file[?full=1]: one student's file (一生一档), within the viewer's scope.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { studentNoOf } from '../registry/student.service.ts';
import { StudentFileParams, StudentFileQuery, type StudentFile } from './student-file.schema.ts';
import { studentFile } from './student-file.service.ts';

export function studentFileRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/students/:id/file', async (request): Promise<StudentFile> => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    const { id } = StudentFileParams.parse(request.params);
    const full = StudentFileQuery.parse(request.query).full === '1';
    if (full) authorize(actor, 'student.readFull');
    const key = refKeyOf(request);
    return studentFile(db, actor, studentNoOf(key, id), full, key);
  });
}
