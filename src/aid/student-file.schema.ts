// One student's file (一生一档) as the API shows it: the record, the lists and household, matches
// with their decisions, 认定, 应享资助, 发放 and the record's changes. Shared with the web client.
// A section that the viewer's role may not see (a teacher: poverty status, household) is null.
import { z } from 'zod';
import { MATCH_STATUSES } from '../registry/match-status.rules.ts';
import { StudentDetailQuery, StudentItem, StudentParams } from '../registry/student.schema.ts';
import { RecognitionFields } from './aid-pages.schema.ts';

export const StudentFileParams = StudentParams;
export const StudentFileQuery = StudentDetailQuery;

const Decision = z.object({
  decision: z.string(),
  decisionLabel: z.string(),
  level: z.string(),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});

export const FileMatch = z.object({
  listKind: z.string(),
  householdNo: z.string().nullable(),
  memberName: z.string().nullable(),
  memberRelation: z.string().nullable(),
  method: z.string(),
  confidence: z.number(),
  basis: z.string(),
  status: z.enum(MATCH_STATUSES),
  statusLabel: z.string(),
  /** the decision in force, and every decision ever made on the pair (oldest first) */
  decision: Decision.nullable(),
  decisions: z.array(Decision),
});

export const FileHousehold = z.object({
  listKind: z.string(),
  householdNo: z.string().nullable(),
  householdType: z.string().nullable(),
  yearIdentified: z.number().nullable(),
  yearExited: z.number().nullable(),
  members: z.array(
    z.object({
      name: z.string(),
      relation: z.string().nullable(),
      sex: z.string().nullable(),
      birthDate: z.string().nullable(),
      idNumber: z.string().nullable(),
      /** the member matched to this student */
      self: z.boolean(),
    }),
  ),
});

export const FileChange = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  importId: z.string().nullable(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});

export const StudentFile = z.object({
  student: StudentItem.extend({ ethnicity: z.string().nullable(), hukouRegion: z.string().nullable(), hukouRegionName: z.string().nullable() }),
  /** whether the ID number and 学籍号 are shown in full (an audited read) */
  fullId: z.boolean(),
  households: z.array(FileHousehold).nullable(),
  matches: z.array(FileMatch).nullable(),
  recognitions: z.array(z.object({ schoolYear: z.number(), ...RecognitionFields.shape })).nullable(),
  entitlements: z
    .array(
      z.object({
        schoolYear: z.number(),
        term: z.string(),
        schoolName: z.string(),
        stage: z.string().nullable(),
        grade: z.string().nullable(),
        itemName: z.string(),
        kind: z.string(),
        amountYuan: z.number().nullable(),
        cash: z.boolean(),
        reason: z.string(),
        basis: z.string(),
        status: z.string(),
        stopReason: z.string().nullable(),
      }),
    )
    .nullable(),
  payments: z
    .array(
      z.object({
        batchId: z.number(),
        schoolYear: z.number(),
        term: z.string(),
        batchStatus: z.string(),
        schoolName: z.string(),
        itemName: z.string(),
        amountYuan: z.number(),
        payStatus: z.string(),
        failReason: z.string().nullable(),
        paidAt: z.string().nullable(),
      }),
    )
    .nullable(),
  changes: z.array(FileChange),
});
export type StudentFile = z.infer<typeof StudentFile>;
export type FileMatch = z.infer<typeof FileMatch>;
export type FileHousehold = z.infer<typeof FileHousehold>;
export type FileChange = z.infer<typeof FileChange>;
