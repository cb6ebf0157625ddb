// Students as the API shows them (学生名单): list query, list item, detail. Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from '../platform/api.schema.ts';
import { sortParam } from '../platform/list-sort.ts';
import { MATCH_STATUSES, STUDENT_MATCH_STATUSES } from './match-status.rules.ts';

/** Columns the student list sorts by (学籍号, 姓名, 学校, 学段, 年级, 学籍状态). */
export const STUDENT_SORTS = ['studentNo', 'name', 'school', 'stage', 'grade', 'status'] as const;

export const StudentListQuery = PageQuery.extend({
  q: optionalText(),
  schoolCode: optionalText(10),
  status: optionalText(8),
  sort: sortParam(STUDENT_SORTS),
});
export type StudentListQuery = z.infer<typeof StudentListQuery>;

export const StudentItem = z.object({
  id: z.string(), // opaque reference for URLs (a G-form 学籍号 is the ID number)
  studentNo: z.string(), // 学籍号 as the role may see it (presenter.ts)
  name: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  stage: z.string().nullable(),
  grade: z.string().nullable(),
  status: z.string(),
  boarding: z.boolean(),
  idNumber: z.string().nullable(), // masked unless a full read
  idStatus: z.string(),
  /** poverty status: null for roles that may not see it (a teacher) */
  matchStatus: z.enum(STUDENT_MATCH_STATUSES).nullable(),
  matchStatusLabel: z.string().nullable(),
});
export type StudentItem = z.infer<typeof StudentItem>;

export const StudentList = pageOf(StudentItem);
export type StudentList = z.infer<typeof StudentList>;

/** :id is the opaque reference of a list item, or a 学籍号 typed by a user. */
export const StudentParams = z.object({ id: z.string().min(1).max(120) });
export const StudentDetailQuery = z.object({ full: z.enum(['0', '1']).optional() });

export const StudentDetail = StudentItem.extend({
  ethnicity: z.string().nullable(),
  hukouRegion: z.string().nullable(),
  fullId: z.boolean(), // whether idNumber and studentNo are shown in full (audited read)
  /** the pairs with registry lists: empty for roles that may not see poverty status */
  matches: z.array(
    z.object({
      matchId: z.string(),
      listKind: z.string(),
      householdNo: z.string().nullable(),
      method: z.string(),
      confidence: z.number(),
      status: z.enum(MATCH_STATUSES),
      statusLabel: z.string(),
    }),
  ),
});
export type StudentDetail = z.infer<typeof StudentDetail>;

export const SchoolOption = z.object({ code: z.string(), name: z.string() });
export const SchoolOptions = z.object({ items: z.array(SchoolOption) });
export type SchoolOptions = z.infer<typeof SchoolOptions>;
