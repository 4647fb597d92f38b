import type { AppDeps } from '../../app-context.ts';
import type { RequestContext } from '../auth/actor.ts';
import type { DataScope } from '../auth/data-scope.ts';
import type { BatchRow } from '../production/production.repository.ts';

/**
 * The sections a dossier is made of. Each section loads one part for the subject; the service runs
 * them all and puts each result under its key. Another feature adds its part (e.g. use records)
 * by appending one section to the list below — nothing else in the dossier changes.
 */

export interface LotDossierSubject {
  deps: AppDeps;
  ctx: RequestContext;
  scope: DataScope;
  di: string;
  lot: string;
  /** The production batch of the lot, when the manufacturer recorded one. */
  batch: BatchRow | undefined;
  /** The manufacturer: the batch's, else the registration holder's. */
  manufacturerId: number | null;
}

export interface OrganizationDossierSubject {
  deps: AppDeps;
  ctx: RequestContext;
  scope: DataScope;
  organizationId: number;
}

export interface DossierSection<S> {
  key: string;
  load(subject: S): Promise<unknown>;
}

/** Extra lot sections contributed by other features, in the order they appear after the built-in ones. */
export const EXTRA_LOT_SECTIONS: DossierSection<LotDossierSubject>[] = [];

/** Extra organisation sections contributed by other features. */
export const EXTRA_ORGANIZATION_SECTIONS: DossierSection<OrganizationDossierSubject>[] = [];
