// Every service publishes its API reference the same way: an OpenAPI 3 document generated from its
// controllers' decorators (@nestjs/swagger) and a static HTML page rendered from it, both under
// /docs/<service> so the services never collide on the one public origin (the gateway and the
// Ingress route each prefix to its service). No Swagger UI: the page needs no script at all, so
// every origin keeps its script-free Content-Security-Policy.
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { SecuritySchemeObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { REFERENCE_PAGE_STYLESHEET, renderReferencePage } from './reference-page';

export interface ApiReference {
  title: string;
  /** What the API is for and how a TPP (or an operator) authenticates; Markdown-free plain text. */
  description: string;
  /** Feature modules whose controllers are documented; default every controller of the service. */
  include?: Type<unknown>[];
  /** Paths left out of the reference, e.g. pages only a PSU's browser reaches. */
  excludePaths?: readonly RegExp[];
  /** Security schemes the operations name with @ApiSecurity / @ApiBearerAuth. */
  securitySchemes?: Record<string, SecuritySchemeObject>;
}

/** Where a service's reference lives: HTML at the path itself, the document at `/openapi.json`. */
export const apiReferencePath = (service: string): string => `/docs/${service}`;

export function buildOpenApiDocument(app: NestFastifyApplication, reference: ApiReference): OpenAPIObject {
  const builder = new DocumentBuilder().setTitle(reference.title).setDescription(reference.description);
  for (const [name, scheme] of Object.entries(reference.securitySchemes ?? {})) {
    builder.addSecurity(name, scheme);
  }
  const document = SwaggerModule.createDocument(app, builder.build(), {
    ...(reference.include ? { include: reference.include } : {}),
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
    // Tags are the API families the services name themselves, not their controllers' class names.
    autoTagControllers: false,
  });
  for (const path of Object.keys(document.paths)) {
    if (reference.excludePaths?.some((excluded) => excluded.test(path))) delete document.paths[path];
  }
  return document;
}

export function publishApiReference(
  app: NestFastifyApplication,
  service: string,
  reference: ApiReference,
): void {
  const document = buildOpenApiDocument(app, reference);
  const json = JSON.stringify(document);
  const base = apiReferencePath(service);
  const html = renderReferencePage(document, {
    documentUrl: `${base}/openapi.json`,
    stylesheetUrl: `${base}/reference.css`,
  });
  const server = app.getHttpAdapter().getInstance();
  // Public, unchanging per deployment: caches may keep them (the platform default is no-store).
  server.get(`${base}/openapi.json`, async (_request, reply) =>
    reply
      .headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' })
      .send(json),
  );
  server.get(`${base}/reference.css`, async (_request, reply) =>
    reply
      .headers({ 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' })
      .send(REFERENCE_PAGE_STYLESHEET),
  );
  server.get(base, async (_request, reply) =>
    reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=300',
        // The platform's policy plus one thing: stylesheets from this origin (no script, no inline).
        'content-security-policy':
          "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      })
      .send(html),
  );
}
