// GET /api/students, GET /api/students/:id[?full=1], GET /api/schools.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorOf, refKeyOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { scopeOf } from '../platform/scope.ts';
import { answerList, type ListSpec } from '../platform/list-export.ts';
import { StudentDetailQuery, StudentListQuery, StudentParams, type SchoolOptions, type StudentItem } from './student.schema.ts';
import { listSchools } from './student.repository.ts';
import { studentDetail, studentList, studentNoOf } from './student.service.ts';

/** 学生名单.xlsx: the columns of the table, as the presenter shaped them for the viewer. */
const STUDENT_EXPORT: ListSpec<StudentItem> = {
  name: '学生名单',
  fields: ['studentNo', 'idNumber', 'poverty'],
  columns: [
    { header: '学籍号', value: (s) => s.studentNo, text: true },
    { header: '姓名', value: (s) => s.name },
    { header: '性别', value: (s) => s.sex },
    { header: '出生日期', value: (s) => s.birthDate, text: true },
    { header: '学校代码', value: (s) => s.schoolCode, text: true },
    { header: '学校', value: (s) => s.schoolName },
    { header: '学段', value: (s) => s.stage },
    { header: '年级', value: (s) => s.grade },
    { header: '寄宿', value: (s) => (s.boarding ? '是' : '否') },
    { header: '学籍状态', value: (s) => s.status },
    { header: '身份证件号', value: (s) => s.idNumber, text: true },
    { header: '比对状态', value: (s) => s.matchStatusLabel },
  ],
};

export function studentRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/students', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'student.read');
    const key = refKeyOf(request);
    return answerList(request, reply, db, StudentListQuery.parse(request.query), (q) => studentList(db, actor, q, key), STUDENT_EXPORT);
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
