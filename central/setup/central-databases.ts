// Central's own databases: console sessions and script tokens (central/http/auth), and the change
// follower's checkpoints (central/resolver/checkpoint). No design doc; `_security` lets in only
// the server admin central runs as (setup/security.ts).
export const CENTRAL_DATABASES = { sessions: 'pronto-sessions', tokens: 'pronto-tokens', checkpoints: 'pronto-checkpoints' } as const;
