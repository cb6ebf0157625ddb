// useJob: the one loop that follows a background job (GET /api/jobs/:id) until it is done or failed,
// beside usePagedList (paging.ts). The page starts the job itself and hands the answer to `follow`;
// the hook asks again every 700 ms while the job is queued or running, keeps the latest state (its
// progress and message) in `job`, and calls onDone / onFailed once when it ends. A failed poll is
// shown with antd message (in Chinese) and the loop stops there, as before.
//
//   const pack = useJob({ onDone: (j) => download(j.id), onFailed: (j) => message.error(j.error?.message ?? '生成失败') });
//   pack.follow(await inspectionPackApi.start(year)); pack.job?.progress; pack.running
import { App } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, type JobItem } from './api.ts';
import { errorText } from './hooks.ts';

export const JOB_POLL_MS = 700;

export interface JobHandlers {
  onDone?: (job: JobItem) => void;
  onFailed?: (job: JobItem) => void;
}

export interface FollowedJob {
  /** the latest state of the job followed (null before one is started) */
  job: JobItem | null;
  /** queued or running */
  running: boolean;
  /** follows this job (the answer of the request that started it) */
  follow: (job: JobItem) => void;
}

const ended = (j: JobItem) => j.status === 'done' || j.status === 'failed';

export function useJob(handlers: JobHandlers = {}): FollowedJob {
  const { message } = App.useApp();
  const [job, setJob] = useState<JobItem | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!job || ended(job)) return;
    const timer = setTimeout(() => {
      api
        .job(job.id)
        .then((j) => {
          setJob(j);
          if (j.status === 'done') latest.current.onDone?.(j);
          if (j.status === 'failed') latest.current.onFailed?.(j);
        })
        .catch((e: unknown) => void message.error(errorText(e)));
    }, JOB_POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
  return { job, running: job !== null && !ended(job), follow: setJob };
}
