/** The platform's roles (users and API tokens each hold one). */
export type Role = 'regulator' | 'enterprise' | 'institution' | 'agency' | 'privacy_officer' | 'sysadmin' | 'secadmin' | 'auditadmin';

/**
 * Which roles may attempt what. Scope (which rows) is checked separately, in services and
 * repositories. The three admin roles are separate (三员分立): the system admin manages users and
 * tokens, the security admin the security policy and sessions, the audit admin reads the audit log;
 * none of them reads business data, and nobody can change or erase audit entries.
 */
export const PERMISSIONS = {
  'regions.read': ['regulator', 'enterprise', 'institution', 'agency', 'privacy_officer', 'sysadmin', 'secadmin', 'auditadmin'],
  'organizations.read': ['regulator', 'enterprise', 'institution', 'agency', 'sysadmin'],
  'organizations.write': ['regulator', 'sysadmin'],
  'licenses.read': ['regulator', 'enterprise', 'institution'],
  'licenses.write': ['regulator'],
  'registrations.read': ['regulator', 'enterprise', 'institution', 'agency'],
  'registrations.write': ['regulator'],
  'products.read': ['regulator', 'enterprise', 'institution', 'agency'],
  'products.write': ['regulator', 'enterprise'],
  'users.manage': ['sysadmin'],
  'tokens.manage': ['sysadmin'],
  'security.manage': ['secadmin'],
  'sessions.revoke': ['secadmin'],
  'audit.read': ['auditadmin'],
  'calendar.manage': ['sysadmin'],
  'epcis.capture': ['regulator', 'enterprise', 'institution'],
  'epcis.read': ['regulator', 'enterprise', 'institution'],
  'analysis.run': ['regulator'],
  'adverse_events.report': ['enterprise', 'institution'],
  'adverse_events.read': ['regulator', 'enterprise', 'institution'],
  'adverse_events.link': ['regulator'],
  // The registrant's investigation of a report about its product (the organisation is checked in the service).
  'adverse_events.investigate': ['enterprise'],
  'trace.read': ['regulator', 'enterprise', 'institution'],
  'recall.scope': ['regulator'],
  'submissions.submit': ['enterprise', 'institution'],
  'production.write': ['enterprise'],
  'production.read': ['regulator', 'enterprise'],
  'attachments.write': ['enterprise'],
  'attachments.read': ['regulator', 'enterprise'],
  'dossiers.read': ['regulator', 'enterprise'],
  // A product's dossier: also a hospital's, for the lots it holds (scoped in the service).
  'product_dossiers.read': ['regulator', 'enterprise', 'institution'],
  'distribution_documents.write': ['enterprise', 'institution'],
  'distribution_documents.read': ['regulator', 'enterprise', 'institution'],
  'use_records.write': ['institution'],
  'use_records.read': ['regulator', 'institution'],
  'institution_assessment.read': ['regulator', 'institution'],
  'patient_identity.read': ['regulator', 'enterprise', 'institution', 'privacy_officer'],
  'patient_identity.grant': ['privacy_officer'],
  // Asking a privacy officer for a grant: whoever could use one (a privacy officer never holds one).
  'patient_identity.request': ['regulator', 'enterprise', 'institution'],
  'alerts.read': ['regulator'],
  'alerts.act': ['regulator'],
  'alerts.configure': ['regulator'],
  // Risk engine: indicators are read by regulators; changed by national / provincial ones (checked in the service).
  'risk.read': ['regulator'],
  'risk.manage': ['regulator'],
  'risk.run': ['regulator'],
  // Lot suspensions and recalls: regulators record them, a registrant its own voluntary recall (checked in the service).
  'lot_restrictions.write': ['regulator', 'enterprise'],
  'lot_restrictions.read': ['regulator', 'enterprise', 'institution'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Whether a role may attempt something. The server enforces it (and scopes the rows); the web asks
 * the same table so it does not offer a link or a menu entry that can only answer 403.
 */
export function roleMay(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}
