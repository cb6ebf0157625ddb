// Loading data for a page: loading flag, result, errors shown with antd message (in Chinese).
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api.ts';

export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : '操作失败，请稍后重试';
}

export function useLoader<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; loading: boolean; reload: () => void; error: string | null } {
  const { message } = App.useApp();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    load()
      .then((d) => {
        if (mine === seq.current) {
          setData(d);
          setError(null);
        }
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(errorText(e));
        if (mine === seq.current && !(e instanceof ApiError && e.status === 401)) void message.error(errorText(e));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
    // The caller lists what its loader depends on, as with useEffect.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, reload, error };
}

/**
 * The state of a form that saves: `run` clears the error, marks it saving, awaits the work and keeps
 * the error's text (both languages, as the server says it) to show in the form.
 */
export function useSaving(): { saving: boolean; failed: string | null; run: (work: () => Promise<void>) => Promise<void> } {
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setSaving(true);
    setFailed(null);
    try {
      await work();
    } catch (e) {
      setFailed(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return { saving, failed, run };
}
