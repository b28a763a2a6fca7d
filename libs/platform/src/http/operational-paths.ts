// Probes and scrapes: never rate-limited (a busy pod must still answer its kubelet) and not logged
// per request (they would drown the request log).
export const OPERATIONAL_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

/** Whether a request URL (path and query) is one of the operational paths. */
export function isOperationalPath(url: string): boolean {
  const query = url.indexOf('?');
  return OPERATIONAL_PATHS.has(query === -1 ? url : url.slice(0, query));
}
