import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganization, makeProduct, makeUser, PASSWORD } from '../../test/fixtures.ts';
import { loginHeaders, useTestApp } from '../../test/test-app.ts';
import { batchPayload, receiptPayload } from '../production/production.test-helpers.ts';
import { detectMediaType } from './file-type.ts';

const t = useTestApp();
type Who = 'mfrA' | 'mfrB' | 'cityHz' | 'jiangsu';
const w = {} as { headers: Record<Who, Record<string, string>>; batchId: number; receiptId: number; orgA: number; dir: string };

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.7\n% 工艺规程 V2.2\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-fake-image-data')]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function form(fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }) {
  const boundary = `----lianjian${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(who: Who, fields: Record<string, string>, file?: { name: string; content: Buffer; type: string }, headers: Record<string, string> = {}) {
  const f = form(fields, file);
  return t().app.inject({ method: 'POST', url: '/api/attachments', payload: f.payload, headers: { ...w.headers[who], ...f.headers, ...headers } });
}
const get = (who: Who, url: string) => t().app.inject({ method: 'GET', url, headers: w.headers[who] });
const blobCount = async () => Number((await t().deps.db.selectFrom('attachment_blobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  const { deps, app } = t();
  w.dir = mkdtempSync(join(tmpdir(), 'lianjian-attachments-'));
  deps.config.attachmentDir = w.dir;
  deps.config.attachmentMaxBytes = 4096;
  const mfrA = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const mfrB = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330106' });
  const supplier = await makeOrganization(deps, { type: 'manufacturer', regionCode: '330110' });
  w.orgA = mfrA.id;
  const di = (await makeProduct(deps, mfrA.id, mfrA.gs1CompanyPrefix ?? '')).di ?? '';
  const users = {
    mfrA: await makeUser(deps, { role: 'enterprise', organizationId: mfrA.id }),
    mfrB: await makeUser(deps, { role: 'enterprise', organizationId: mfrB.id }),
    cityHz: await makeUser(deps, { role: 'regulator', jurisdictionCode: '330100', regulatorLevel: 'city' }),
    jiangsu: await makeUser(deps, { role: 'regulator', jurisdictionCode: '320000', regulatorLevel: 'province' }),
  };
  w.headers = {} as typeof w.headers;
  for (const who of Object.keys(users) as Who[]) w.headers[who] = await loginHeaders(app, users[who], PASSWORD);
  const receipt = (await app.inject({ method: 'POST', url: '/api/material-receipts', headers: w.headers.mfrA, payload: receiptPayload(supplier.id) })).json();
  w.receiptId = receipt.id;
  const batch = await app.inject({ method: 'POST', url: '/api/batches', headers: w.headers.mfrA, payload: batchPayload(di, [{ materialCode: receipt.material.code, materialLot: receipt.materialLot }]) });
  expect(batch.statusCode, batch.body).toBe(201);
  w.batchId = batch.json().id;
});

afterAll(() => rmSync(w.dir, { recursive: true, force: true }));

describe('file types by magic bytes', () => {
  it('recognises PDF, PNG and JPEG by content and nothing else', () => {
    expect(detectMediaType(PDF)).toBe('application/pdf');
    expect(detectMediaType(PNG)).toBe('image/png');
    expect(detectMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(detectMediaType(HTML)).toBeNull();
    expect(detectMediaType(Buffer.from('%PD'))).toBeNull();
  });
});

describe('upload', () => {
  it('stores a process document by its SHA-256, versions it, and stores the same content once', async () => {
    const first = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'process-spec', title: '口罩生产工艺规程' }, { name: '工艺规程.pdf', content: PDF, type: 'application/pdf' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ subjectType: 'batch', subjectId: w.batchId, organizationId: w.orgA, documentKey: 'process-spec', version: 1, sha256: sha(PDF), sizeBytes: PDF.length, mediaType: 'application/pdf', fileName: '工艺规程.pdf', deduplicated: false });
    expect(existsSync(join(w.dir, sha(PDF).slice(0, 2), sha(PDF)))).toBe(true);

    const same = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'process-spec' }, { name: 'copy.pdf', content: PDF, type: 'application/pdf' });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ id: first.json().id, version: 1, deduplicated: true });

    const elsewhere = await upload('mfrA', { subjectType: 'material_receipt', subjectId: String(w.receiptId), documentKey: 'supplier-licence' }, { name: 'licence.pdf', content: PDF, type: 'application/pdf' });
    expect(elsewhere.statusCode).toBe(201);
    expect(await blobCount()).toBe(1);
    expect(readdirSync(join(w.dir, sha(PDF).slice(0, 2)))).toEqual([sha(PDF)]);

    const v2 = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'process-spec' }, { name: '工艺规程 V2.2.pdf', content: PDF2, type: 'application/pdf' });
    expect(v2.json()).toMatchObject({ version: 2, sha256: sha(PDF2) });
    const list = await get('cityHz', `/api/attachments?subjectType=batch&subjectId=${w.batchId}`);
    expect(list.json().items.map((a: { documentKey: string; version: number }) => `${a.documentKey}@${a.version}`)).toEqual(['process-spec@2', 'process-spec@1']);
    const audit = await t().deps.db.selectFrom('audit_log').select('object_id').where('action', '=', 'attachment.upload').execute();
    expect(audit).toHaveLength(3);
  });

  it('decides the type by the content, not by the client\'s content-type or file name', async () => {
    const png = await upload('mfrA', { subjectType: 'organization', subjectId: String(w.orgA), documentKey: 'gmp-photo' }, { name: 'scan.pdf', content: PNG, type: 'application/pdf' });
    expect(png.statusCode).toBe(201);
    expect(png.json().mediaType).toBe('image/png');
    const html = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'evil' }, { name: 'report.pdf', content: HTML, type: 'application/pdf' }, { 'accept-language': 'en' });
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'attachment.type_not_allowed', title: 'This file type is not accepted (detected: 0x3c68746d6c3e3c73)' });
  });

  it('answers 413 beyond the size limit and stores nothing', async () => {
    const before = await blobCount();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x20)]);
    const res = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'big' }, { name: 'big.pdf', content: big, type: 'application/pdf' });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'attachment.too_large', params: { limit: '4 KiB' } });
    expect(await blobCount()).toBe(before);
  });

  it('rejects missing files, bad fields, someone else\'s subject and non-manufacturer writers', async () => {
    const none = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'x' });
    expect(none.json().errors).toMatchObject([{ code: 'attachment.file_missing', path: 'file' }]);
    const bad = await upload('mfrA', { subjectType: 'invoice', subjectId: 'abc', documentKey: 'Bad Key' }, { name: 'a.pdf', content: PDF, type: 'application/pdf' });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['subjectType', 'subjectId', 'documentKey']);
    expect(bad.json().errors[0]).toMatchObject({ code: 'generic.enum' });
    // Nothing chosen reads as a missing field, not as a wrong choice.
    const unchosen = await upload('mfrA', { subjectType: '', subjectId: String(w.batchId), documentKey: 'x' }, { name: 'a.pdf', content: PDF, type: 'application/pdf' });
    expect(unchosen.json().errors).toMatchObject([{ code: 'generic.required', path: 'subjectType' }]);
    const intruder = Buffer.from('%PDF-1.7 not yours');
    const theirs = await upload('mfrB', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'x' }, { name: 'a.pdf', content: intruder, type: 'application/pdf' });
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json().errors).toMatchObject([{ code: 'attachment.subject_unknown', path: 'subjectId' }]);
    expect(existsSync(join(w.dir, sha(intruder).slice(0, 2), sha(intruder)))).toBe(false);
    expect((await upload('cityHz', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'x' }, { name: 'a.pdf', content: PDF, type: 'application/pdf' })).statusCode).toBe(403);
  });

  it('removes the file it wrote when the transaction fails, but keeps a file another row references', async () => {
    const fields = { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'sterilisation-validation' };
    const key = { 'idempotency-key': `orphan-${Math.random().toString(16).slice(2)}` };
    const first = Buffer.from('%PDF-1.7\n% 灭菌确认 V1\n%%EOF\n');
    const ok = await upload('mfrA', fields, { name: 'v1.pdf', content: first, type: 'application/pdf' }, key);
    expect(ok.statusCode, ok.body).toBe(201);
    const pathOf = (b: Buffer) => join(w.dir, sha(b).slice(0, 2), sha(b));
    expect(existsSync(pathOf(first))).toBe(true);
    const blobsBefore = await blobCount();

    // The same key with other content: the file is written, then the transaction fails (409, key reused).
    const second = Buffer.from('%PDF-1.7\n% 灭菌确认 V2 — never committed\n%%EOF\n');
    const reused = await upload('mfrA', fields, { name: 'v2.pdf', content: second, type: 'application/pdf' }, key);
    expect(reused.statusCode, reused.body).toBe(409);
    expect(reused.json().code).toBe('idempotency.key_reused');
    expect(existsSync(pathOf(second))).toBe(false);
    expect(readdirSync(join(w.dir, sha(second).slice(0, 2))).filter((f) => f.startsWith(sha(second)))).toEqual([]);
    expect(await blobCount()).toBe(blobsBefore);

    // A failed upload of content that a committed row already references leaves that file alone.
    const again = await upload('mfrA', { ...fields, documentKey: 'other-doc' }, { name: 'v1.pdf', content: first, type: 'application/pdf' }, key);
    expect(again.statusCode).toBe(409);
    expect(existsSync(pathOf(first))).toBe(true);
    expect((await get('mfrA', `/api/attachments/${ok.json().id}/content`)).rawPayload.equals(first)).toBe(true);
  });
});

describe('download', () => {
  it('serves the file only inside the caller\'s scope (404 outside) and audits every download', async () => {
    const up = await upload('mfrA', { subjectType: 'batch', subjectId: String(w.batchId), documentKey: 'release-cert' }, { name: '放行证书.pdf', content: Buffer.from('%PDF-1.4\nrelease\n'), type: 'application/pdf' });
    const id = up.json().id;
    const mine = await get('mfrA', `/api/attachments/${id}/content`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('放行证书.pdf')}`);
    expect(mine.rawPayload.toString()).toBe('%PDF-1.4\nrelease\n');
    expect((await get('cityHz', `/api/attachments/${id}/content`)).statusCode).toBe(200);
    expect((await get('jiangsu', `/api/attachments/${id}/content`)).statusCode).toBe(404);
    expect((await get('mfrB', `/api/attachments/${id}/content`)).statusCode).toBe(404);
    expect((await get('mfrB', `/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await get('jiangsu', '/api/attachments')).json().total).toBe(0);
    const audit = await t().deps.db.selectFrom('audit_log').select('actor_name').where('action', '=', 'attachment.download').where('object_id', '=', String(id)).execute();
    expect(audit).toHaveLength(2);
  });
});
