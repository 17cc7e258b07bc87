/**
 * The file's real type from its first bytes, never from its name or the client's claim.
 * Only the kinds officials exchange with enterprises are accepted.
 */
const SIGNATURES: Array<{ type: string; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  // OOXML (docx, xlsx, pptx) and OFD are zip containers.
  { type: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  // Legacy Word and Excel (OLE compound file).
  { type: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

const BY_EXTENSION: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ofd: 'application/ofd',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** Every media type an attachment is stored, and downloaded, with. */
export const STORED_MEDIA_TYPES: readonly string[] = [...new Set([...SIGNATURES.map((s) => s.type).filter((t) => t !== 'application/x-ole-storage'), ...Object.values(BY_EXTENSION)])];

/** The media type to store, or null when the content is not an accepted kind. */
export function sniffMediaType(head: Buffer, filename: string): string | null {
  const found = SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b));
  if (!found) return null;
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  if (found.type === 'application/zip') return ['docx', 'xlsx', 'pptx', 'ofd'].includes(ext) ? (BY_EXTENSION[ext] ?? null) : 'application/zip';
  if (found.type === 'application/x-ole-storage') return ['doc', 'xls'].includes(ext) ? (BY_EXTENSION[ext] ?? null) : null;
  return found.type;
}
