// Static proof of k8s/: every manifest parses and validates against the Kubernetes schemas, each
// overlay renders, and what the manifests say matches what the apps read and serve.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ALL_TOPICS, DEAD_LETTER_TOPIC } from '@grantline/contracts';
import { securitySettingsFromEnvironment } from '@grantline/oauth';
import { loadConfig, OPERATIONAL_PATHS, type Environment } from '@grantline/platform';
import { PUBLIC_ROUTES } from '../gateway';
import { DISTRIBUTED_SERVICES } from './dev-setup';
import { renderKustomization } from './test/kustomize';
import {
  ROOT,
  defaultPortOf,
  parseYamlDocuments,
  readYaml,
  serviceNamed,
  variablesReadBy,
  yamlFilesUnder,
  type Manifest,
} from './test/deployment-files';

const OVERLAYS = ['dev', 'prod'] as const;
const rendered: Record<string, Manifest[]> = {};

beforeAll(() => {
  for (const overlay of OVERLAYS) {
    const dir = join('k8s', 'overlays', overlay);
    rendered[overlay] = parseYamlDocuments(renderKustomization(ROOT, dir), dir);
  }
}, 300_000);

const ofKind = (docs: Manifest[], kind: string) => docs.filter((doc) => doc.kind === kind);
const named = (docs: Manifest[], kind: string, name: string): Manifest => {
  const found = docs.find((doc) => doc.kind === kind && doc.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const podSpecs = (docs: Manifest[]): Array<{ owner: string; spec: Manifest }> =>
  docs.flatMap((doc) => {
    const owner = `${doc.kind}/${doc.metadata.name}`;
    if (doc.kind === 'Deployment' || doc.kind === 'Job') return [{ owner, spec: doc.spec.template.spec }];
    if (doc.kind === 'CronJob') return [{ owner, spec: doc.spec.jobTemplate.spec.template.spec }];
    return [];
  });
const containersOf = (spec: Manifest): Manifest[] => [...(spec.initContainers ?? []), ...spec.containers];
/** The service a container runs: its image is grantline-<service> (renamed per overlay). */
const serviceOfContainer = (container: Manifest): string => {
  const match = /grantline[-/](authorize|token|consent|grants|audit)(:|$)/.exec(container.image);
  if (!match?.[1]) throw new Error(`container ${container.name} runs an unknown image ${container.image}`);
  return match[1];
};

/** A container's environment as the kubelet would give it: ConfigMaps resolved, secrets as placeholders. */
function environmentOf(container: Manifest, docs: Manifest[]): Environment {
  const env: Environment = {};
  for (const source of container.envFrom ?? []) {
    Object.assign(env, named(docs, 'ConfigMap', source.configMapRef.name).data);
  }
  for (const variable of container.env ?? []) {
    env[variable.name] = variable.value ?? SECRET_PLACEHOLDERS[variable.name] ?? 'from-a-secret';
  }
  return env;
}
/** Well-formed stand-ins for what the operator's Secrets hold (none of them is in git). */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgres://grantline:secret@postgres.postgres.svc:5432/grantline',
  CODE_SEALING_KEYS: `k1:${'A'.repeat(43)}`,
  SUBJECT_PSEUDONYM_KEY: 'B'.repeat(43),
  DPOP_NONCE_SECRETS: 'C'.repeat(43),
};

async function validateAgainstSchema(doc: Manifest): Promise<void> {
  if (doc.apiVersion === 'kafka.strimzi.io/v1beta2')
    return doc.kind === 'KafkaUser' ? validateKafkaUser(doc) : validateKafkaTopic(doc);
  if (doc.apiVersion === 'monitoring.coreos.com/v1') return new ServiceMonitor(doc as never).validate();
  if (doc.apiVersion === 'kustomize.config.k8s.io/v1beta1') return;
  const models = require(`kubernetes-models/${doc.apiVersion}`) as Record<
    string,
    new (value: unknown) => { validate(): void }
  >;
  const Model = models[doc.kind];
  if (!Model) throw new Error(`${doc.apiVersion} ${doc.kind} has no schema`);
  new Model(doc).validate();
}

/** Strimzi's KafkaTopic (no published model package): the fields the Topic Operator requires. */
function validateKafkaTopic(doc: Manifest): void {
  expect(doc.kind).toBe('KafkaTopic');
  expect(doc.metadata.labels['strimzi.io/cluster']).toEqual(expect.any(String));
  expect(doc.spec.topicName).toMatch(/^[a-zA-Z0-9._-]{1,249}$/);
  expect(Number.isInteger(doc.spec.partitions) && doc.spec.partitions > 0).toBe(true);
  expect(Number.isInteger(doc.spec.replicas) && doc.spec.replicas > 0).toBe(true);
}

/** Strimzi's KafkaUser: SCRAM over TLS, with ACLs only (the fields the User Operator requires). */
function validateKafkaUser(doc: Manifest): void {
  expect(doc.metadata.labels['strimzi.io/cluster']).toEqual(expect.any(String));
  expect(doc.spec.authentication.type).toBe('scram-sha-512');
  expect(doc.spec.authorization.type).toBe('simple');
  for (const acl of doc.spec.authorization.acls) {
    expect(['topic', 'group', 'cluster']).toContain(acl.resource.type);
    expect(acl.operations.length).toBeGreaterThan(0);
  }
}

describe('k8s/ manifests', () => {
  const files = yamlFilesUnder(join(ROOT, 'k8s'));

  it('parses every YAML file and validates each resource against its Kubernetes schema', async () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      for (const doc of readYaml(file)) {
        await expect(validateAgainstSchema(doc)).resolves.toBeUndefined();
      }
    }
  });

  it.each(OVERLAYS)('renders the %s overlay into valid resources', async (overlay) => {
    const docs = rendered[overlay] ?? [];
    expect(ofKind(docs, 'Deployment')).toHaveLength(DISTRIBUTED_SERVICES.length);
    for (const doc of docs) await expect(validateAgainstSchema(doc)).resolves.toBeUndefined();
  });

  it('never stores a Secret: they are referenced by name only', () => {
    const everything = [
      ...files.flatMap(readYaml),
      ...OVERLAYS.flatMap((overlay) => rendered[overlay] ?? []),
    ];
    expect(ofKind(everything, 'Secret')).toEqual([]);
    const generators = files.flatMap(readYaml).flatMap((doc) => doc.secretGenerator ?? []);
    expect(generators).toEqual([]);
  });

  describe.each(OVERLAYS)('%s overlay', (overlay) => {
    const docs = () => rendered[overlay] ?? [];

    it.each(DISTRIBUTED_SERVICES.map((definition) => definition.name))(
      'runs %s with a Service, HPA and PodDisruptionBudget on the port its config class serves',
      (name) => {
        const definition = serviceNamed(name);
        const deployment = named(docs(), 'Deployment', `grantline-${name}`);
        const [container] = deployment.spec.template.spec.containers;
        const port = container.ports.find((p: Manifest) => p.name === 'http').containerPort;
        expect(port).toBe(defaultPortOf(definition));
        expect(loadConfig(definition.configClass, environmentOf(container, docs())).PORT).toBe(port);
        const service = named(docs(), 'Service', `grantline-${name}`);
        expect(service.spec.ports[0].targetPort).toBe('http');
        expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
        expect(named(docs(), 'HorizontalPodAutoscaler', `grantline-${name}`).spec.scaleTargetRef.name).toBe(
          deployment.metadata.name,
        );
        expect(named(docs(), 'PodDisruptionBudget', `grantline-${name}`).spec.selector.matchLabels).toEqual(
          deployment.spec.selector.matchLabels,
        );
      },
    );

    it('probes only the health paths every service serves', () => {
      for (const deployment of ofKind(docs(), 'Deployment')) {
        const [container] = deployment.spec.template.spec.containers;
        expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
        expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
        for (const path of ['/health/live', '/health/ready']) expect(OPERATIONAL_PATHS.has(path)).toBe(true);
      }
    });

    it('gives each container only variables its service reads, and a configuration that loads', () => {
      for (const { owner, spec } of podSpecs(docs())) {
        for (const container of containersOf(spec)) {
          const definition = serviceNamed(serviceOfContainer(container));
          const env = environmentOf(container, docs());
          const unknown = Object.keys(env).filter((name) => !variablesReadBy(definition).has(name));
          expect({ owner, container: container.name, unknown }).toEqual({
            owner,
            container: container.name,
            unknown: [],
          });
          expect(() => loadConfig(definition.configClass, env)).not.toThrow();
          if (definition.checkEnvironment) expect(() => securitySettingsFromEnvironment(env)).not.toThrow();
        }
      }
    });

    it('tells every service the same issuer', () => {
      const issuers = ofKind(docs(), 'ConfigMap').flatMap((map) =>
        map.data?.ISSUER ? [map.data.ISSUER] : [],
      );
      expect(issuers.length).toBeGreaterThanOrEqual(3);
      expect(new Set(issuers).size).toBe(1);
    });

    it('runs every pod as non-root on a read-only root with no capabilities and the runtime seccomp profile', () => {
      for (const { owner, spec } of podSpecs(docs())) {
        expect({ owner, pod: spec.securityContext }).toMatchObject({
          owner,
          pod: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        });
        expect(spec.automountServiceAccountToken).toBe(false);
        for (const container of containersOf(spec)) {
          expect({ owner, security: container.securityContext }).toMatchObject({
            owner,
            security: {
              runAsNonRoot: true,
              readOnlyRootFilesystem: true,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
            },
          });
          expect(container.resources.requests).toBeDefined();
          expect(container.resources.limits).toBeDefined();
          const tmp = container.volumeMounts.find((mount: Manifest) => mount.mountPath === '/tmp');
          expect(spec.volumes.find((volume: Manifest) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
        }
      }
      for (const deployment of ofKind(docs(), 'Deployment')) {
        const keys = deployment.spec.template.spec.topologySpreadConstraints.map(
          (c: Manifest) => c.topologyKey,
        );
        expect(keys).toEqual(
          expect.arrayContaining(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']),
        );
      }
    });

    it('migrates every service schema in the Job before the services start', () => {
      const job = named(docs(), 'Job', 'grantline-migrate');
      const containers = containersOf(job.spec.template.spec);
      expect(containers.map(serviceOfContainer).sort()).toEqual(
        DISTRIBUTED_SERVICES.map((d) => d.name).sort(),
      );
      for (const container of containers) expect(container.args).toEqual(['migrate']);
    });

    it('drops audit partitions past retention monthly, as the schema owner, with a retention set', () => {
      const cron = named(docs(), 'CronJob', 'grantline-audit-retain');
      const [container] = cron.spec.jobTemplate.spec.template.spec.containers;
      expect(serviceOfContainer(container)).toBe('audit');
      expect(container.args).toEqual(['retain']);
      const env = environmentOf(container, docs());
      expect(Number(env['AUDIT_RETENTION_MONTHS'])).toBeGreaterThanOrEqual(1);
      const url = container.env.find((variable: Manifest) => variable.name === 'DATABASE_URL');
      expect(url.valueFrom.secretKeyRef).toEqual({ name: 'grantline-database', key: 'audit-migrate' });
      expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    });

    it('[MTLS-1] routes the public paths as the embedded gateway does and forwards the client certificate', () => {
      const ingress = named(docs(), 'Ingress', 'grantline');
      const paths = ingress.spec.rules.flatMap((rule: Manifest) => rule.http.paths);
      expect(
        paths.map((path: Manifest) => ({ prefix: path.path, service: path.backend.service.name })),
      ).toEqual(
        PUBLIC_ROUTES.map((route) => ({ prefix: route.prefix, service: `grantline-${route.service}` })),
      );
      for (const path of paths) expect(path.pathType).toBe('Prefix');
      const annotations = ingress.metadata.annotations;
      expect(annotations['nginx.ingress.kubernetes.io/auth-tls-pass-certificate-to-upstream']).toBe('true');
      expect(annotations['nginx.ingress.kubernetes.io/auth-tls-verify-client']).toBe('optional_no_ca');
      // ingress-nginx forwards the certificate in ssl-client-cert: what the services believe.
      for (const route of PUBLIC_ROUTES) {
        const container = named(docs(), 'Deployment', `grantline-${route.service}`).spec.template.spec
          .containers[0];
        expect(environmentOf(container, docs())['CLIENT_CERT_HEADER']).toBe('ssl-client-cert');
      }
      expect(paths.some((path: Manifest) => path.backend.service.name === 'grantline-audit')).toBe(false);
    });

    it('denies all traffic by default and lets the ingress controller reach the public services only', () => {
      const policies = ofKind(docs(), 'NetworkPolicy');
      const defaultDeny = policies.find(
        (policy) => Object.keys(policy.spec.podSelector).length === 0 && policy.spec.ingress === undefined,
      );
      expect(defaultDeny?.spec.policyTypes).toEqual(['Ingress', 'Egress']);
      const fromIngress = named(docs(), 'NetworkPolicy', 'grantline-from-ingress-controller');
      const exposure = fromIngress.spec.podSelector.matchLabels['grantline.io/exposure'];
      for (const deployment of ofKind(docs(), 'Deployment')) {
        const labels = deployment.spec.template.metadata.labels;
        const routed = PUBLIC_ROUTES.some(
          (route) => `grantline-${route.service}` === deployment.metadata.name,
        );
        expect({
          name: deployment.metadata.name,
          public: labels['grantline.io/exposure'] === exposure,
        }).toEqual({
          name: deployment.metadata.name,
          public: routed,
        });
      }
    });

    it('declares the Kafka topics of libs/contracts with the services’ partitioning', () => {
      const topics = ofKind(docs(), 'KafkaTopic');
      expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual(
        [...ALL_TOPICS, DEAD_LETTER_TOPIC].sort(),
      );
      const common = named(docs(), 'Deployment', 'grantline-token').spec.template.spec.containers[0];
      const env = environmentOf(common, docs());
      for (const topic of topics) {
        expect(topic.metadata.namespace).toBe('kafka');
        expect(topic.spec.partitions).toBe(Number(env['KAFKA_TOPIC_PARTITIONS']));
        expect(topic.spec.replicas).toBe(Number(env['KAFKA_REPLICATION_FACTOR']));
        expect(topic.spec.config['min.insync.replicas']).toBe(
          Math.max(1, Math.min(2, topic.spec.replicas - 1)),
        );
      }
    });

    it('[TLS-1] reaches Kafka over TLS with a SCRAM user of its own per service, allowed its consumer group only', () => {
      const users = new Map(ofKind(docs(), 'KafkaUser').map((user) => [user.metadata.name, user]));
      for (const deployment of ofKind(docs(), 'Deployment')) {
        for (const container of containersOf(deployment.spec.template.spec)) {
          const env = environmentOf(container, docs());
          expect(env).toMatchObject({ KAFKA_TLS: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' });
          expect(env['KAFKA_BROKERS']).toMatch(/:9093$/);
          expect(JSON.stringify(ofKind(docs(), 'NetworkPolicy'))).not.toContain('"port":9092');
          const user = users.get(env['KAFKA_SASL_USERNAME']);
          if (!user) throw new Error(`no KafkaUser ${env['KAFKA_SASL_USERNAME']}`);
          const groups = user.spec.authorization.acls.filter(
            (acl: { resource: { type: string } }) => acl.resource.type === 'group',
          );
          const group = env['CONSUMER_GROUP'] ?? serviceOfContainer(container);
          expect(groups.map((acl: { resource: { name: string } }) => acl.resource.name)).toEqual([group]);
        }
      }
    });

    it('scrapes the metrics path the services serve', () => {
      const monitor = named(docs(), 'ServiceMonitor', 'grantline');
      expect(OPERATIONAL_PATHS.has(monitor.spec.endpoints[0].path)).toBe(true);
      for (const service of ofKind(docs(), 'Service')) {
        expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
        expect(service.spec.ports.map((port: Manifest) => port.name)).toContain(
          monitor.spec.endpoints[0].port,
        );
      }
    });
  });

  it('documents how to create every Secret the manifests reference', () => {
    const readme = readFileSync(join(ROOT, 'k8s', 'README.md'), 'utf8');
    const referenced = new Set<string>();
    for (const { spec } of podSpecs(rendered['prod'] ?? [])) {
      for (const volume of spec.volumes ?? []) if (volume.secret) referenced.add(volume.secret.secretName);
      for (const container of containersOf(spec))
        for (const variable of container.env ?? [])
          if (variable.valueFrom?.secretKeyRef) referenced.add(variable.valueFrom.secretKeyRef.name);
    }
    for (const secret of referenced) expect(readme).toContain(secret);
  });
});
