// Which words say a `generic.format` issue's format: zod reports a regex's source (/^\d{13}$/),
// which users cannot read. Shared by server and browser, so a problem the server sent is worded
// the same way the form's own check words it.

/** A catalogue entry (`format.*`) that says a format in words, with its params. */
export interface FormatWords {
  code: string;
  params?: Record<string, number>;
}

/** Exact formats we can say in words: the regexes of our schemas and zod's named formats. */
const KNOWN: Record<string, FormatWords> = {
  '^[A-G](\\d{2}){1,3}$': { code: 'format.imdrf_code' },
  '^\\d{4}-\\d{2}$': { code: 'format.year_month' },
  date: { code: 'format.date' },
  datetime: { code: 'format.datetime' },
};

const DIGITS = /^\^\\d\{(\d+)(?:,(\d+))?\}\$$/;

/**
 * The words for a format as issueFromZod reports it: a `format.*` entry when we know it, null
 * when it is a regex nobody should be shown (the message then leaves the format out), undefined
 * when it is already a name people can read ('email', 'SH-NNNN-NN').
 * @example formatWords('/^\\d{13}$/') → { code: 'format.digits', params: { digits: 13 } }
 */
export function formatWords(format: string): FormatWords | null | undefined {
  // zod gives a RegExp's toString (/…/flags); fastify's copy of the issue gives the same.
  const source = /^\/(.*)\/[a-z]*$/s.exec(format)?.[1] ?? format;
  const known = KNOWN[source];
  if (known) return known;
  const digits = DIGITS.exec(source);
  if (digits) {
    const [, min, max] = digits;
    return max === undefined || max === min ? { code: 'format.digits', params: { digits: Number(min) } } : { code: 'format.digits_range', params: { min: Number(min), max: Number(max) } };
  }
  if (format.startsWith('/') || format.startsWith('^') || format.includes('\\d')) return null;
  return undefined;
}
