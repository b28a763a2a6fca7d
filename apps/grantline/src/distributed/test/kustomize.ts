// Renders a kustomization the way a cluster operator would: `kubectl kustomize` when this machine's
// kubectl embeds kustomize v4 or newer, else a kustomize built once from its Go module into .cache/
// (Debian's kubernetes-client is 1.20, whose kustomize v2 cannot read today's kustomization fields).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const KUSTOMIZE_MODULE = 'sigs.k8s.io/kustomize/kustomize/v5@v5.5.0';

function run(command: string, args: string[], cwd?: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

function kubectlWithModernKustomize(): string | undefined {
  const kubectl = process.env['KUBECTL'] ?? 'kubectl';
  try {
    const version = run(kubectl, ['version', '--client']);
    const major = /Kustomize Version: v(\d+)/.exec(version)?.[1];
    return major && Number(major) >= 4 ? kubectl : undefined;
  } catch {
    return undefined;
  }
}

/** A command line that renders a kustomization directory to YAML on stdout. */
export function kustomizeCommand(root: string): { command: string; args: (dir: string) => string[] } {
  const kubectl = kubectlWithModernKustomize();
  if (kubectl) return { command: kubectl, args: (dir) => ['kustomize', dir] };
  const bin = join(root, '.cache', 'bin');
  const kustomize = join(bin, 'kustomize');
  if (!existsSync(kustomize)) {
    execFileSync('go', ['install', KUSTOMIZE_MODULE], {
      stdio: 'inherit',
      env: { ...process.env, GOBIN: bin, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    });
  }
  return { command: kustomize, args: (dir) => ['build', dir] };
}

export function renderKustomization(root: string, dir: string): string {
  const { command, args } = kustomizeCommand(root);
  return run(command, args(dir), root);
}
