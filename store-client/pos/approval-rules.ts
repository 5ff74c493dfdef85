// Who may approve at a till, and when repeated wrong passwords lock approvals for a while,
// pure: roles, times and failure lists in, decisions out.

/** Wrong passwords allowed per manager name within the window before approvals lock. */
export const MAX_FAILURES = 5;
export const LOCK_WINDOW_MS = 5 * 60_000;
/** A manager's key kept for offline approvals is used this long after central last confirmed their password and roles. */
export const CONFIRMED_TTL_MS = 30 * 24 * 60 * 60_000;

/**
 * A chain admin, or a manager of this store: the same rule central applies to an approval
 * (central/approvers/approver-roles.ts). CouchDB's server admin is not an account central can
 * check later, so it does not approve.
 */
export function canApprove(roles: readonly string[], store: string): boolean {
  if (roles.includes('admin')) return true;
  return roles.includes('manager') && roles.includes(`store:${store}`);
}

/** The failures still inside the window. */
export function recentFailures(failures: readonly number[], now: number): number[] {
  return failures.filter((at) => at <= now && now - at < LOCK_WINDOW_MS);
}

/** Milliseconds until approvals for this name unlock; 0 when they are open. */
export function lockedFor(failures: readonly number[], now: number): number {
  const recent = recentFailures(failures, now);
  if (recent.length < MAX_FAILURES) return 0;
  return Math.max(0, LOCK_WINDOW_MS - (now - recent[recent.length - MAX_FAILURES]!));
}

/** Whether central's last confirmation of a manager is recent enough to approve offline. */
export function confirmationFresh(confirmedAt: number, now: number): boolean {
  return now - confirmedAt <= CONFIRMED_TTL_MS && confirmedAt <= now + 60_000;
}
