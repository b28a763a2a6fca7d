// Probes and scrapes: never rate-limited (a busy pod must still answer its kubelet) and not logged
// per request (they would drown the request log).
export const OPERATIONAL_PATHS: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);
