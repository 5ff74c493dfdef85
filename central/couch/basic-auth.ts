// The one place that turns admin credentials into an HTTP Basic header (for fetch calls that
// bypass nano: long-polls, readiness checks).
export function basicAuthHeader(auth: { username: string; password: string }): Record<string, string> {
  return { Authorization: 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64') };
}
