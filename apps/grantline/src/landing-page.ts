// What a person sees at the public origin: where each API lives and how to check the platform.
interface LandingPageInput {
  routes: ReadonlyArray<{ prefix: string; service: string }>;
  auditUrl: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function renderLandingPage({ routes, auditUrl }: LandingPageInput): string {
  const rows = routes
    .map(
      (route) =>
        `<tr><td><code>${escapeHtml(route.prefix)}</code></td><td>${escapeHtml(route.service)}</td></tr>`,
    )
    .join('');
  // Each service's OpenAPI reference is routed under /docs/<service> (one origin, no collisions).
  const docs = routes
    .filter((route) => route.prefix.startsWith('/docs/'))
    .map(
      (route) =>
        `\n<li><a href="${escapeHtml(route.prefix)}">${escapeHtml(route.service)}</a> &mdash; <a href="${escapeHtml(route.prefix)}/openapi.json">OpenAPI document</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grantline</title>
<style>
body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#1b2330}
h1{margin-bottom:.2rem}p.lead{color:#4a5568;margin-top:0}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #e2e8f0}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:.2rem}
</style>
</head>
<body>
<h1>Grantline</h1>
<p class="lead">FAPI 2.0 authorization server and consent platform &mdash; embedded runtime</p>
<h2>Public API</h2>
<table><thead><tr><th>Path</th><th>Service</th></tr></thead><tbody>${rows}</tbody></table>
<h2 id="api-reference">API reference</h2>
<ul>${docs}
<li>audit (internal origin): <code>${escapeHtml(auditUrl)}/docs/audit</code></li>
</ul>
<h2>For the bank's customers</h2>
<p><a href="/account/access">/account/access</a> &mdash; see which apps hold access to your accounts, and withdraw it</p>
<h2>Operations</h2>
<ul>
<li><a href="/health/ready">/health/ready</a> &mdash; every service and its database</li>
<li><a href="/metrics">/metrics</a> &mdash; Prometheus metrics</li>
<li>Audit API (internal origin): <code>${escapeHtml(auditUrl)}</code></li>
</ul>
</body>
</html>
`;
}
