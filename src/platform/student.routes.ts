// GET /api/students, GET /api/students/:studentNo[?full=1], GET /api/schools.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf } from './http.ts';
import { authorize } from './policy.ts';
import { scopeOf } from './scope.ts';
import { StudentDetailQuery, StudentListQuery, StudentParams, type SchoolOptions } from './student.schema.ts';
import { listSchools } from './student.repository.ts';
import { studentDetail, studentList } from './student.service.ts';

export function studentRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/students', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    return studentList(db, actor, StudentListQuery.parse(request.query));
  });

  app.get('/api/students/:studentNo', async (request) => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    const { studentNo } = StudentParams.parse(request.params);
    const full = StudentDetailQuery.parse(request.query).full === '1';
    if (full) authorize(actor, 'student.readFull');
    return studentDetail(db, actor, studentNo, full);
  });

  app.get('/api/schools', async (request): Promise<SchoolOptions> => {
    const actor = actorOf(request);
    authorize(actor, 'school.read');
    return { items: await listSchools(db, scopeOf(actor)) };
  });
}
