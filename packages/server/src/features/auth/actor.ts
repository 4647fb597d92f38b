import type { Locale } from '@lianjian/core';
import type { OrganizationType, RegulatorLevel, Role } from '../../db/schema.ts';

/** Who is calling: a logged-in user or a system's API token, with everything scoping needs. */
export interface Actor {
  type: 'user' | 'token';
  id: number;
  name: string;
  role: Role;
  organizationId: number | null;
  organizationType: OrganizationType | null;
  jurisdictionCode: string | null;
  regulatorLevel: RegulatorLevel | null;
  department: string | null;
  sessionId?: string;
}

/** What every service call receives: the actor and where the call came from (for the audit log). */
export interface RequestContext {
  actor: Actor;
  ip: string;
  userAgent: string;
  locale: Locale;
}
