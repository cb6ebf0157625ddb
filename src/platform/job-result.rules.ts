// What a finished job keeps as its result: the command's JSON summary without any server-side path. A
// file the job wrote is named by its file name alone (an opaque reference within the job's own folder),
// which the download route resolves on the server. Pure.

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** The result with every absolute path replaced by its last segment (arrays and objects walked). */
export function withoutServerPaths(value: unknown): unknown {
  if (typeof value === 'string') return ABSOLUTE.test(value) && /[\\/]/.test(value.slice(1)) ? value.split(/[\\/]/).filter(Boolean).pop() ?? '' : value;
  if (Array.isArray(value)) return value.map(withoutServerPaths);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutServerPaths(v)]));
  return value;
}
