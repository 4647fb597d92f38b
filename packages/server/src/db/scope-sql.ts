import { sql, type RawBuilder } from 'kysely';
import type { DataScope } from '../features/auth/data-scope.ts';

/**
 * The WHERE condition that confines a query to a data scope. Every repository query over business
 * data takes a DataScope and uses this, so scoping cannot be forgotten in one place and not another.
 */
export function scopeCondition(scope: DataScope, organizationIdColumn: string, regionCodeColumn: string): RawBuilder<boolean> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'region':
      return sql<boolean>`${sql.ref(regionCodeColumn)} like ${`${scope.prefix}%`}`;
    case 'organization':
      return sql<boolean>`${sql.ref(organizationIdColumn)} = ${scope.organizationId}`;
  }
}

/** Escapes LIKE wildcards in user text. */
export function likeContains(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}
