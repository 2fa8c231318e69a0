// base64url without padding (RFC 4648 §5): the alphabet that survives URLs, chat apps and mail.
const CHUNK = 0x8000;

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  // fromCharCode in chunks: spreading a large array at once overflows the call stack.
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or null when the text is not canonical base64url (a damaged or hand-edited link). */
export function base64urlToBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(b64);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  // The last character can carry unused bits; text our encoder never writes is damaged text, so
  // it is refused rather than read as the same bytes.
  return bytesToBase64url(out) === text ? out : null;
}
