import { sql, type Kysely } from 'kysely';
import type { DB, LicenseKind, OrganizationType, RecordStatus } from '../../db/schema.ts';

/**
 * The master data capture checks events against, read in bulk: one query per kind for a whole
 * document, never one per event.
 */

export interface OrgRef {
  id: number;
  gln: string | null;
  type: OrganizationType;
  regionCode: string;
}

export interface LocationRow {
  organizationId: number;
  gln: string;
  extension: string;
  type: OrganizationType;
  regionCode: string;
}

export interface ProductDiRow {
  di: string;
  registrationNumber: string;
  managementClass: number;
  status: RecordStatus;
  validFrom: string;
  validTo: string | null;
  holderOrganizationId: number;
}

export interface LicenceRow {
  organizationId: number;
  kind: LicenseKind;
  scopeClasses: number[];
  validFrom: string;
  validTo: string | null;
  status: RecordStatus;
}

export const captureReferenceRepository = {
  async organizationsByGln(db: Kysely<DB>, glns: string[]): Promise<OrgRef[]> {
    if (glns.length === 0) return [];
    return db
      .selectFrom('organizations')
      .select(['id', 'gln', 'type', 'region_code as regionCode'])
      .where(sql<boolean>`gln = any(${glns}::text[])`)
      .execute();
  },

  async locationsByGln(db: Kysely<DB>, glns: string[]): Promise<LocationRow[]> {
    if (glns.length === 0) return [];
    return db
      .selectFrom('organization_locations as l')
      .innerJoin('organizations as o', 'o.id', 'l.organization_id')
      .select(['l.organization_id as organizationId', 'l.gln', 'l.extension', 'o.type', 'o.region_code as regionCode'])
      .where(sql<boolean>`l.gln = any(${glns}::text[])`)
      .execute();
  },

  async organizationsById(db: Kysely<DB>, ids: number[]): Promise<OrgRef[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('organizations')
      .select(['id', 'gln', 'type', 'region_code as regionCode'])
      .where(sql<boolean>`id = any(${ids}::bigint[])`)
      .execute();
  },

  async productDis(db: Kysely<DB>, dis: string[]): Promise<ProductDiRow[]> {
    if (dis.length === 0) return [];
    return db
      .selectFrom('product_dis as pd')
      .innerJoin('products as p', 'p.id', 'pd.product_id')
      .innerJoin('registrations as r', 'r.id', 'p.registration_id')
      .select([
        'pd.di', 'r.number as registrationNumber', 'r.management_class as managementClass', 'r.status',
        'r.valid_from as validFrom', 'r.valid_to as validTo', 'r.holder_organization_id as holderOrganizationId',
      ])
      .where(sql<boolean>`pd.di = any(${dis}::text[])`)
      .execute();
  },

  async licences(db: Kysely<DB>, organizationIds: number[]): Promise<LicenceRow[]> {
    if (organizationIds.length === 0) return [];
    return db
      .selectFrom('licenses')
      .select(['organization_id as organizationId', 'kind', 'scope_classes as scopeClasses', 'valid_from as validFrom', 'valid_to as validTo', 'status'])
      .where(sql<boolean>`organization_id = any(${organizationIds}::bigint[])`)
      .where('kind', 'in', ['production_license', 'production_filing', 'distribution_license', 'distribution_filing'])
      .execute();
  },
};
