// The API reference as one static HTML page rendered from the OpenAPI document: operations grouped
// by tag, their parameters, bodies and responses, and the schemas they name. No script: readable
// under the platform's Content-Security-Policy, in any browser, and by curl.
import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (text: unknown) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' ? (value as Json) : {};

const refName = (ref: unknown) => (typeof ref === 'string' ? ref.split('/').pop() : undefined);

/** A schema in one line: `string (uri)`, `array of Consent`, `"a" | "b"`, a link for a $ref. */
export function describeSchema(schema: unknown): string {
  const s = asObject(schema);
  const named = refName(s['$ref']);
  if (named) return `<a href="#schema-${escapeHtml(named)}">${escapeHtml(named)}</a>`;
  if (Array.isArray(s['enum']))
    return s['enum'].map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(s[combinator]))
      return s[combinator].map(describeSchema).join(combinator === 'allOf' ? ' &amp; ' : ' | ');
  }
  if (s['type'] === 'array') return `array of ${describeSchema(s['items'])}`;
  const type = escapeHtml(s['type'] ?? 'any');
  return s['format'] ? `${type} (${escapeHtml(s['format'])})` : type;
}

function propertiesTable(schema: unknown): string {
  const s = asObject(schema);
  const properties = Object.entries(asObject(s['properties']));
  if (properties.length === 0) return '';
  const required = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : []);
  const rows = properties
    .map(([name, property]) => {
      const p = asObject(property);
      return `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? ' <b>required</b>' : ''}</td><td>${describeSchema(p)}</td><td>${escapeHtml(p['description'])}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function parametersTable(parameters: unknown): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return '';
  const rows = parameters
    .map(asObject)
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p['name'])}</code>${p['required'] ? ' <b>required</b>' : ''}</td><td>${escapeHtml(p['in'])}</td><td>${describeSchema(p['schema'])}</td><td>${escapeHtml(p['description'])}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function contentOf(content: unknown): string {
  return Object.entries(asObject(content))
    .map(([mediaType, media]) => {
      const schema = asObject(media)['schema'];
      const named = refName(asObject(schema)['$ref']);
      return `<p><code>${escapeHtml(mediaType)}</code>${schema ? `: ${describeSchema(schema)}` : ''}</p>${named ? '' : propertiesTable(schema)}`;
    })
    .join('');
}

function operationSection(path: string, method: string, operation: Json): string {
  const id = escapeHtml(operation['operationId'] ?? `${method}-${path}`);
  const security = (Array.isArray(operation['security']) ? operation['security'] : [])
    .flatMap((requirement) => Object.keys(asObject(requirement)))
    .map((name) => `<code>${escapeHtml(name)}</code>`);
  const body = asObject(operation['requestBody']);
  const responses = Object.entries(asObject(operation['responses']))
    .map(
      ([status, response]) =>
        `<li><b>${escapeHtml(status)}</b> ${escapeHtml(asObject(response)['description'])}${contentOf(asObject(response)['content'])}</li>`,
    )
    .join('');
  return `<section id="${id}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
${operation['summary'] ? `<p><b>${escapeHtml(operation['summary'])}</b></p>` : ''}
${operation['description'] ? `<p>${escapeHtml(operation['description'])}</p>` : ''}
${security.length > 0 ? `<p>Authentication: ${security.join(', ')}</p>` : ''}
${parametersTable(operation['parameters'])}
${Object.keys(body).length > 0 ? `<h4>Request body${body['required'] ? '' : ' (optional)'}</h4>${body['description'] ? `<p>${escapeHtml(body['description'])}</p>` : ''}${contentOf(body['content'])}` : ''}
${responses ? `<h4>Responses</h4><ul>${responses}</ul>` : ''}
</section>`;
}

export interface ReferencePageLinks {
  documentUrl: string;
  stylesheetUrl: string;
}

export function renderReferencePage(document: OpenAPIObject, links: ReferencePageLinks): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = asObject(asObject(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const tag =
        (Array.isArray(operation['tags']) ? String(operation['tags'][0]) : undefined) ?? 'endpoints';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationSection(path, method, operation)]);
    }
  }
  const groups = [...byTag.entries()]
    .map(([tag, sections]) => `<h2>${escapeHtml(tag)}</h2>${sections.join('\n')}`)
    .join('\n');
  const schemas = Object.entries(asObject(document.components?.schemas))
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${asObject(schema)['description'] ? `<p>${escapeHtml(asObject(schema)['description'])}</p>` : ''}${propertiesTable(schema) || `<p>${describeSchema(schema)}</p>`}</section>`,
    )
    .join('\n');
  const schemes = Object.entries(asObject(document.components?.securitySchemes))
    .map(
      ([name, scheme]) =>
        `<li><code>${escapeHtml(name)}</code>: ${escapeHtml(asObject(scheme)['description'] ?? asObject(scheme)['type'])}</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)}</title>
<link rel="stylesheet" href="${escapeHtml(links.stylesheetUrl)}">
</head>
<body>
<h1>${escapeHtml(document.info.title)}</h1>
<p>${escapeHtml(document.info.description)}</p>
<p>OpenAPI ${escapeHtml(document.openapi)} document: <a href="${escapeHtml(links.documentUrl)}">${escapeHtml(links.documentUrl)}</a></p>
${schemes ? `<h2>Authentication</h2><ul>${schemes}</ul>` : ''}
${groups}
${schemas ? `<h2>Schemas</h2>${schemas}` : ''}
</body>
</html>
`;
}

export const REFERENCE_PAGE_STYLESHEET = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b2330;line-height:1.45}
h2{border-bottom:2px solid #e2e8f0;padding-bottom:.2rem;margin-top:2.5rem}
section{border:1px solid #e2e8f0;border-radius:.4rem;padding:.2rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e2e8f0;vertical-align:top}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:.2rem}
.method{font-family:ui-monospace,monospace;padding:.1rem .4rem;border-radius:.2rem;color:#fff;background:#4a5568}
.get{background:#2b6cb0}.post{background:#2f855a}.delete{background:#c53030}.put,.patch{background:#b7791f}
`;
