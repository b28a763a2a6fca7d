// The demo bank's customers and their passwords, printed at start and listed in README.md. The
// authorize service stores only their scrypt hashes (apps/authorize/src/psu/demo-psu-authenticator.ts).
export const DEMO_PSU_PASSWORDS: ReadonlyArray<{ username: string; password: string }> = [
  { username: 'alice', password: 'alice-demo-pass' },
  { username: 'bob', password: 'bob-demo-pass' },
];
