// One configured secret, separate keys per use (HMAC-based derivation), so the session cookie
// signature and the CSRF token HMAC never share a key.
import { createHmac } from 'node:crypto';

export const deriveKey = (secret: string, purpose: 'session-cookie' | 'csrf'): string =>
  createHmac('sha256', secret).update(`pronto-sync/${purpose}`).digest('base64url');
