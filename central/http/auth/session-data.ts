// What a console session holds: the account CouchDB vouched for at login, roles as they were then.
import 'express-session';

declare module 'express-session' {
  interface SessionData {
    user: { name: string; roles: string[] };
  }
}

export {};
