import { createHash } from 'node:crypto';
import { formatShanghaiInstant } from '@lianjian/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../app-context.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/app-error.ts';
import type { Page } from '../../http/list-query.ts';
import type { RequestContext } from '../auth/actor.ts';
import { businessScope } from '../auth/data-scope.ts';
import { requirePermission } from '../auth/permissions.ts';
import { whoFrom } from '../audit/audit.service.ts';
import { idempotent } from '../idempotency/idempotency.ts';
import { organizationsRepository } from '../organizations/organizations.repository.ts';
import { productionRepository } from '../production/production.repository.ts';
import { AttachmentStore } from './attachment-store.ts';
import { attachmentsRepository, type AttachmentFilter, type AttachmentRow, type AttachmentSubjectType } from './attachments.repository.ts';
import { describeBytes, detectMediaType } from './file-type.ts';

export interface AttachmentFields {
  subjectType: AttachmentSubjectType;
  subjectId: number;
  /** Names the document across its versions, e.g. 'process-spec', 'sterilisation-validation'. */
  documentKey: string;
  title?: string | undefined;
}

export function attachmentView(a: AttachmentRow) {
  return {
    id: a.id, subjectType: a.subjectType, subjectId: a.subjectId, organizationId: a.organizationId, regionCode: a.regionCode, documentKey: a.documentKey,
    version: a.version, title: a.title, fileName: a.fileName, sha256: a.sha256, sizeBytes: a.sizeBytes, mediaType: a.mediaType, createdAt: formatShanghaiInstant(a.createdAt),
    contentUrl: `/api/attachments/${a.id}/content`,
  };
}

const MiB = 1024 * 1024;
export const formatLimit = (bytes: number) => (bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${Math.round(bytes / 1024)} KiB`);

/**
 * Process documents attached to a batch, a material receipt or an organisation (issue 4, item 6):
 * versioned per document key, typed by magic bytes, stored once per SHA-256 on the filesystem, and
 * served only to callers whose scope holds the attachment's organisation (404 otherwise), audited.
 */
export class AttachmentsService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  /** Read per call, so the directory and limit follow the configuration (tests point them elsewhere). */
  get #store() {
    return new AttachmentStore(this.#deps.config.attachmentDir);
  }

  get maxBytes(): number {
    return this.#deps.config.attachmentMaxBytes;
  }

  /** Checks permission before the upload is read, so strangers cannot make the server buffer a file. */
  assertCanUpload(ctx: RequestContext): void {
    requirePermission(ctx.actor, 'attachments.write');
    if (ctx.actor.organizationId === null) throw forbidden('auth.forbidden', { permission: 'attachments.write' });
  }

  /**
   * Stores a new version of a document. The same content as the document's newest version is not
   * a new version: the existing one is answered (status 200, deduplicated).
   */
  async upload(ctx: RequestContext, fields: AttachmentFields, file: { content: Buffer; fileName: string }, idempotencyKey?: string) {
    this.assertCanUpload(ctx);
    const mediaType = detectMediaType(file.content);
    if (!mediaType) throw new AppError(415, 'attachment.type_not_allowed', { detected: describeBytes(file.content) });
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    // The subject is checked before anything is written, so nobody can fill the disk with files for others' records.
    await this.#subject(this.#deps.db, ctx, fields);
    // Then the file, before the transaction, so a committed row always has its file even if the
    // process dies right after the commit. If the transaction fails, the file written now is removed
    // again (#discard), unless a row for the same content exists by then.
    const wrote = await this.#store.put(sha256, file.content);
    let result;
    try {
      result = await this.#record(ctx, fields, { ...file, sha256, mediaType }, idempotencyKey);
    } catch (error) {
      if (wrote) await this.#discard(sha256, file.content);
      throw error;
    }
    // A concurrent upload of the same content whose transaction failed may have removed the file
    // between our write and our commit (it saw no row yet); put it back. A no-op when it is there.
    await this.#store.put(sha256, file.content);
    return result;
  }

  /**
   * Removes the file of a failed upload unless a blob row names it. The row is looked at again after
   * the removal: an upload of the same content that committed in between gets its file back.
   */
  async #discard(sha256: string, content: Buffer): Promise<void> {
    const { db } = this.#deps;
    try {
      if (await attachmentsRepository.blobExists(db, sha256)) return;
      await this.#store.remove(sha256);
      if (await attachmentsRepository.blobExists(db, sha256)) await this.#store.put(sha256, content);
    } catch {
      // Cleaning up must not hide why the upload failed; at worst an unreferenced file stays.
    }
  }

  async #record(ctx: RequestContext, fields: AttachmentFields, file: { content: Buffer; fileName: string; sha256: string; mediaType: NonNullable<ReturnType<typeof detectMediaType>> }, idempotencyKey?: string) {
    const { sha256, mediaType } = file;
    return withTransaction(this.#deps.db, (trx) =>
      idempotent(trx, { owner: { actorType: ctx.actor.type, actorId: ctx.actor.id }, key: idempotencyKey, route: 'POST /api/attachments', request: { ...fields, sha256 } }, async () => {
        const owner = await this.#subject(trx, ctx, fields);
        await attachmentsRepository.insertBlob(trx, { sha256, sizeBytes: file.content.length, mediaType });
        const latest = await attachmentsRepository.latest(trx, fields.subjectType, fields.subjectId, fields.documentKey);
        if (latest && latest.sha256 === sha256) return { status: 200, body: { ...attachmentView(latest), deduplicated: true } };
        const id = await attachmentsRepository.insert(trx, {
          ...fields, ...owner, version: (latest?.version ?? 0) + 1, title: fields.title ?? null, fileName: file.fileName.slice(0, 200) || 'document', sha256,
          by: { type: ctx.actor.type, id: ctx.actor.id },
        });
        await this.#deps.audit.record(trx, whoFrom(ctx), {
          action: 'attachment.upload', objectType: 'attachment', objectId: id,
          details: { subjectType: fields.subjectType, subjectId: fields.subjectId, documentKey: fields.documentKey, version: (latest?.version ?? 0) + 1, sha256, sizeBytes: file.content.length, mediaType },
        });
        return { status: 201, body: { ...attachmentView((await attachmentsRepository.find(trx, id, { kind: 'all' })) as AttachmentRow), deduplicated: false } };
      }),
    );
  }

  /** The subject's owner, which must be the uploader's own organisation. */
  async #subject(trx: Kysely<DB>, ctx: RequestContext, f: AttachmentFields): Promise<{ organizationId: number; regionCode: string }> {
    const own = { kind: 'organization' as const, organizationId: ctx.actor.organizationId as number };
    let found: { organizationId: number; regionCode: string } | undefined;
    if (f.subjectType === 'batch') found = await productionRepository.findBatch(trx, f.subjectId, own);
    else if (f.subjectType === 'material_receipt') found = await productionRepository.findReceipt(trx, f.subjectId, own);
    else {
      const o = await organizationsRepository.findById(trx, f.subjectId, own);
      found = o && { organizationId: o.id, regionCode: o.regionCode };
    }
    if (!found) throw invalid([{ code: 'attachment.subject_unknown', path: ['subjectId'], params: { subjectType: f.subjectType, subjectId: f.subjectId } }]);
    return { organizationId: found.organizationId, regionCode: found.regionCode };
  }

  async list(ctx: RequestContext, f: AttachmentFilter, page: Page) {
    requirePermission(ctx.actor, 'attachments.read');
    const r = await attachmentsRepository.list(this.#deps.db, businessScope(ctx.actor), f, page);
    return { total: r.total, items: r.items.map(attachmentView) };
  }

  async get(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'attachments.read');
    const a = await attachmentsRepository.find(this.#deps.db, id, businessScope(ctx.actor));
    if (!a) throw notFound('attachment', id);
    return attachmentView(a);
  }

  /** The file, after the scope check; every download is audited. */
  async download(ctx: RequestContext, id: number) {
    requirePermission(ctx.actor, 'attachments.read');
    const { db, audit } = this.#deps;
    const a = await attachmentsRepository.find(db, id, businessScope(ctx.actor));
    if (!a) throw notFound('attachment', id);
    const content = await this.#store.read(a.sha256);
    if (!content) throw new AppError(500, 'attachment.content_missing', { id });
    await audit.recordNow(db, whoFrom(ctx), { action: 'attachment.download', objectType: 'attachment', objectId: id, details: { sha256: a.sha256, subjectType: a.subjectType, subjectId: a.subjectId } });
    return { attachment: a, content };
  }
}
