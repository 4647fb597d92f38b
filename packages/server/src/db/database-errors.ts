import { AppError } from '../http/app-error.ts';

/**
 * Maps PostgreSQL errors (same SQLSTATE codes from pg and PGlite) to problems a client can act on.
 * Constraint names are passed as params because they are ours and say which rule failed; the
 * database's own message text never leaves the server.
 */
export function mapDatabaseError(error: unknown): AppError | undefined {
  if (!error || typeof error !== 'object' || !('code' in error)) return undefined;
  const e = error as { code?: unknown; constraint?: string; column?: string; table?: string };
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return undefined;
  const params = { constraint: e.constraint ?? '', table: e.table ?? '', column: e.column ?? '' };
  switch (e.code) {
    case '23505':
      return new AppError(409, 'db.unique_violation', params);
    case '23503':
      return new AppError(409, 'db.foreign_key_violation', params);
    case '23514':
      return new AppError(422, 'db.check_violation', params);
    case '23502':
      return new AppError(422, 'db.not_null_violation', params);
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return new AppError(400, 'db.invalid_value', params);
    case '40001':
    case '40P01':
      return new AppError(503, 'db.retry', params);
    case '57014':
      return new AppError(503, 'db.timeout', params);
    case '42501':
      return new AppError(403, 'db.not_permitted', params);
    default:
      return undefined;
  }
}
