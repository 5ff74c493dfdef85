// The two calls the POS makes to central outside replication: CouchDB's own login
// (`POST /db/_session`, which sets the HttpOnly AuthSession cookie replication then uses) and
// device enrollment (`POST /api/devices`, with Basic credentials: an Authorization header is
// exempt from the console's CSRF check, and the password is at hand right after login).

export class LoginError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export interface CouchUser {
  name: string;
  roles: string[];
}

export async function couchLogin(name: string, password: string): Promise<CouchUser> {
  let res: Response;
  try {
    res = await fetch('/db/_session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
      credentials: 'include',
    });
  } catch {
    throw new LoginError('Sin conexión con la central: no se puede iniciar sesión ahora.', 0);
  }
  if (res.status === 401) throw new LoginError('Usuario o contraseña incorrectos.', 401);
  if (!res.ok) throw new LoginError(`La central respondió ${res.status}. Intente de nuevo.`, res.status);
  const body = (await res.json()) as { name?: string; roles?: string[] };
  return { name: body.name ?? name, roles: body.roles ?? [] };
}

/** The store an account belongs to, from its `store:<id>` role. */
export function storeOf(user: CouchUser): string | undefined {
  return user.roles.find((r) => r.startsWith('store:'))?.slice('store:'.length);
}

export async function enrollDevice(
  credentials: { name: string; password: string },
  body: { store: string; device: string; publicJwk: JsonWebKey },
): Promise<void> {
  const basic = btoa(unescape(encodeURIComponent(`${credentials.name}:${credentials.password}`)));
  const res = await fetch('/api/devices', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${basic}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string };
    throw new LoginError(`No se pudo registrar este equipo: ${err.message ?? res.status}`, res.status);
  }
}
