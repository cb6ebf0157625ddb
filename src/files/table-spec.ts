// What a table file must contain: the columns a reader looks for, by canonical header and aliases.
// normalizeHeader makes '*出生日期（yyyy-mm-dd）：' and '出生日期' compare equal.

export interface ColumnSpec {
  key: string;
  header: string;
  aliases: string[];
  required: boolean;
}

/** label names the table in messages, e.g. '学籍名单'. */
export interface TableSpec {
  kind: string;
  label: string;
  columns: ColumnSpec[];
}

const SPACES = /[\s\u200b-\u200d\u2060\ufeff]/g;
const MARKERS_AT_START = /^[*＊]+/;
const MARKERS_AT_END = /[*＊:：]+$/;
// A trailing hint in brackets: '出生日期(yyyy-mm-dd)', '金额[元]', '学段【必填】'.
const TRAILING_HINT = /(\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕)$/;

/**
 * The form of a header cell used for comparison: no whitespace (full-width and newlines included),
 * no '*' required markers or trailing colon, full-width characters made half-width (NFKC), and
 * bracketed hints dropped — unless the hint is all there is.
 */
export function normalizeHeader(s: string): string {
  let h = s.normalize('NFKC').replace(SPACES, '');
  for (;;) {
    const before = h;
    h = h.replace(MARKERS_AT_START, '').replace(MARKERS_AT_END, '');
    const hint = TRAILING_HINT.exec(h);
    if (hint && hint.index > 0) h = h.slice(0, hint.index);
    if (h === before) return h;
  }
}
