import { hash as hashOnce } from 'node:crypto';

// A fast, non-cryptographic content hash (cyrb53): tells whether a stored row changed, nothing more.
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * The change-detection hash of a stored list row: 16 characters of SHA-1 (base64), computed by
 * the crypto library (a third of the time of contentHash on a 170-character row). Rows stored
 * before it carry a contentHash (at most 11 characters): see isLegacyRowHash.
 */
export function rowHash(text: string): string {
  return hashOnce('sha1', text, 'base64').slice(0, 16);
}

/** A row hash written before rowHash existed (contentHash, base 36, at most 11 characters). */
export function isLegacyRowHash(hash: string): boolean {
  return hash.length < 16;
}
