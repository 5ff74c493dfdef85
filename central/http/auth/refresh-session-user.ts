// A console session holds the roles an account had at login; this re-reads them (cached briefly,
// account-roles) on every request, so a role removed from an account, or an account deleted,
// stops counting at once instead of after the session's 8 hours.
import type { NextFunction, Request, Response } from 'express';
import type { AccountRoles } from '../../accounts/account-roles.js';
import './session-data.js';

export function refreshSessionUser(accounts: AccountRoles) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const user = req.session?.user;
    if (user === undefined) return next();
    accounts.rolesOf(user.name).then((roles) => {
      if (roles === null) {
        req.session.destroy((err) => next(err));
        return;
      }
      if (roles.join('\u0000') !== user.roles.join('\u0000')) req.session.user = { name: user.name, roles };
      next();
    }, next);
  };
}
