import { PERMISSIONS, type Permission } from '@lianjian/core/auth/permissions';
import type { Role } from '../../db/schema.ts';
import { forbidden } from '../../http/app-error.ts';
import type { Actor } from './actor.ts';

export { PERMISSIONS, type Permission };

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** Throws 403 unless the actor's role holds the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden('auth.forbidden', { permission });
}
