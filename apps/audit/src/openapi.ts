// The audit API's OpenAPI document, served as JSON at /audit/openapi.json (no UI bundle: the
// internal origin serves no static assets).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function publishOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Grantline audit API')
      .setDescription(
        'Masked, tamper-evident audit log for compliance teams (AUD-1..3). Authenticate with a compliance officer token (JWT, aud "grantline-audit").',
      )
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('audit/docs', app, document, {
    ui: false,
    raw: ['json'],
    jsonDocumentUrl: 'audit/openapi.json',
  });
}
