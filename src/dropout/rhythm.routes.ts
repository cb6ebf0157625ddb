// 四个一: GET /api/dropout/reports-due (the periods due for the viewer's level, Asia/Shanghai dates) and
// GET /api/dropout/reports/period?period=2026-11 (that period's figures as .xlsx, within the scope).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { today } from '../kernel/clock.ts';
import { actorOf } from '../platform/http.ts';
import { authorize } from '../platform/policy.ts';
import { reportDropoutPeriod, reportsDueFor } from './report-period.ts';

export const PeriodQuery = z.object({ period: z.string().trim().min(4).max(20) });

export function rhythmRoutes(app: FastifyInstance, database: Database): void {
  app.get('/api/dropout/reports-due', (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const date = today();
    return reply.send({ today: date, items: reportsDueFor(actor, date) });
  });

  app.get('/api/dropout/reports/period', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'dropout.read');
    const { period } = PeriodQuery.parse(request.query);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-period-'));
    try {
      const file = path.join(dir, 'report.xlsx');
      const r = await reportDropoutPeriod(database, { out: file, period, actor });
      const body = fs.readFileSync(file);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="dropout-${encodeURIComponent(r.period)}.xlsx"; filename*=UTF-8''${encodeURIComponent(`控辍保学报表-${r.period}.xlsx`)}`)
        .send(body);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
