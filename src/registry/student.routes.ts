// GET /api/students, GET /api/students/:id[?full=1], GET /api/schools.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { StudentDetailQuery, StudentListQuery, StudentParams, type SchoolOptions } from './student.schema.ts';
import { listSchools } from './student.repository.ts';
import { studentDetail, studentList, studentNoOf } from './student.service.ts';

export function studentRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/students', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    return studentList(db, actor, StudentListQuery.parse(request.query), refKeyOf(request));
  });

  app.get('/api/students/:id', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    const { id } = StudentParams.parse(request.params);
    const key = refKeyOf(request);
    // the list gives opaque references; a 学籍号 typed by a user is accepted too
    const studentNo = studentNoOf(key, id);
    const full = StudentDetailQuery.parse(request.query).full === '1';
    if (full) authorize(actor, 'student.readFull');
    return studentDetail(db, actor, studentNo, full, key);
  });

  app.get('/api/schools', async (request): Promise<SchoolOptions> => {
    const actor = actorOf(request);
    authorize(actor, 'school.read');
    return { items: await listSchools(db, scopeOf(actor)) };
  });
}
