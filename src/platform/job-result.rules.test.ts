// A job's stored result as the jobs API shows it: the files it wrote by name, never by the server's folders.
import { describe, expect, it } from 'vitest';
import { withoutServerPaths } from './job-result.rules.ts';

describe('withoutServerPaths', () => {
  it('names the files a job wrote by their file name only, leaving every other value alone', () => {
    expect(withoutServerPaths({
      files: 17, out: '/var/lib/fuzhi/jobs/5a1e/2025学年督导材料包-513433.zip', names: ['a.xlsx'], within: '513433', nested: [{ errors: 'C:\\fuzhi\\jobs\\x\\errors.csv' }], note: '2025/26 学年', url: '/',
    })).toEqual({ files: 17, out: '2025学年督导材料包-513433.zip', names: ['a.xlsx'], within: '513433', nested: [{ errors: 'errors.csv' }], note: '2025/26 学年', url: '/' });
  });
});
