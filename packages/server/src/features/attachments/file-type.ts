/** Media types accepted for attachments: PDF documents and PNG / JPEG images (scans, photos of certificates). */
export const ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const SIGNATURES: { type: AttachmentMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/**
 * The media type by the file's magic bytes, or null. The client's Content-Type is never trusted:
 * a renamed executable or HTML page must not be stored and later served as a "PDF".
 */
export function detectMediaType(content: Uint8Array): AttachmentMediaType | null {
  for (const s of SIGNATURES) if (content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b)) return s.type;
  return null;
}

/** What a rejected file looked like, for the error message: its first bytes in hex. */
export function describeBytes(content: Uint8Array): string {
  return content.length === 0 ? 'empty' : `0x${Buffer.from(content.subarray(0, 8)).toString('hex')}`;
}
