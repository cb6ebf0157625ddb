// Students as the API shows them (学生名单): list query, list item, detail. Shared with the web client.
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from './api.schema.ts';
import { MATCH_STATUSES, STUDENT_MATCH_STATUSES } from './match-status.rules.ts';

export const StudentListQuery = PageQuery.extend({
  q: optionalText(),
  schoolCode: optionalText(10),
  status: optionalText(8),
});
export type StudentListQuery = z.infer<typeof StudentListQuery>;

export const StudentItem = z.object({
  studentNo: z.string(), // the key; a G-number contains the ID number, so screens show studentNoMasked
  studentNoMasked: z.string(),
  name: z.string(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  schoolCode: z.string(),
  schoolName: z.string().nullable(),
  stage: z.string().nullable(),
  grade: z.string().nullable(),
  status: z.string(),
  boarding: z.boolean(),
  idNumber: z.string().nullable(), // masked
  idStatus: z.string(),
  matchStatus: z.enum(STUDENT_MATCH_STATUSES),
  matchStatusLabel: z.string(),
});
export type StudentItem = z.infer<typeof StudentItem>;

export const StudentList = pageOf(StudentItem);
export type StudentList = z.infer<typeof StudentList>;

export const StudentParams = z.object({ studentNo: z.string().min(1).max(40) });
export const StudentDetailQuery = z.object({ full: z.enum(['0', '1']).optional() });

export const StudentDetail = StudentItem.extend({
  ethnicity: z.string().nullable(),
  hukouRegion: z.string().nullable(),
  fullId: z.boolean(), // whether idNumber is the full number (audited read)
  matches: z.array(
    z.object({
      matchId: z.string(),
      listKind: z.string(),
      householdNo: z.string(),
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
