/** File types a consult accepts, by extension, with the media type they are served as. */
export const ACCEPTED_TYPES: Record<string, string> = {
  dcm: 'application/dicom',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/**
 * A display name safe to store and to put in a Content-Disposition header: no directories
 * (`../../etc/passwd` → `passwd`), no control or shell-special characters, no leading dots,
 * at most 100 characters, and an extension only from the accepted list (else `.dcm`-less).
 */
export function safeFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cf}"'`<>|:*?;$&%{}[\]]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, 90).trim() || 'image';
  return ACCEPTED_TYPES[extension] ? `${stem}.${extension}` : stem;
}
