// Annotation ids: 'urn:uuid:' and a random UUID (version 4), made the same way in every host the extension runs in.
//
// `crypto.randomUUID` exists only in secure contexts: VS Code for the Web served over plain http (code-server on a
// LAN address, for one) has `crypto.getRandomValues` but no `randomUUID`. Pure: no `vscode`, no Node built-ins.

/** The part of Web Crypto ids need (globalThis.crypto in Node 20, browsers and web workers). */
export interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function hostCrypto(): RandomSource | undefined {
  return (globalThis as { crypto?: RandomSource }).crypto;
}

function formatUuid(bytes: ArrayLike<number>): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    let b = bytes[i] & 0xff;
    if (i === 6) b = (b & 0x0f) | 0x40; // version 4
    if (i === 8) b = (b & 0x3f) | 0x80; // variant 10xx
    hex += b.toString(16).padStart(2, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A random UUID v4: `crypto.randomUUID()` when the host has it; else one made from `crypto.getRandomValues`; else,
 * in a host with no Web Crypto at all, from `random` (Math.random: unique enough for ids, not for secrets).
 * `source` is the host's Web Crypto unless given (null: none, as tests use it).
 */
export function randomUuid(source: RandomSource | null | undefined = hostCrypto(), random: () => number = Math.random): string {
  if (source && typeof source.randomUUID === 'function') {
    try {
      const id = source.randomUUID().toLowerCase();
      if (UUID.test(id)) return id;
    } catch {
      // Some hosts define it but refuse to run it outside a secure context: fall through.
    }
  }
  if (source && typeof source.getRandomValues === 'function') {
    try {
      return formatUuid(source.getRandomValues(new Uint8Array(16)));
    } catch {
      // fall through
    }
  }
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) bytes.push(Math.floor(random() * 256));
  return formatUuid(bytes);
}

/** A new annotation id, 'urn:uuid:…' (see randomUuid for where the randomness comes from). */
export function newAnnotationId(source?: RandomSource | null, random?: () => number): string {
  return `urn:uuid:${randomUuid(source, random)}`;
}
