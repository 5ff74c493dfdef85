// Express 5 handler for async work: a rejected promise goes to the error handler
// (`{code, message, details}`), never an unhandled rejection.
import type { NextFunction, Request, Response } from 'express';

export const asyncRoute = (fn: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req, res).catch(next);
  };
