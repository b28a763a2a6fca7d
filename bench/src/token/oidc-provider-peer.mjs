// The peer for `npm run bench -- token`: node-oidc-provider (ESM-only, hence this .mjs child process)
// configured for FAPI 2.0 as bench/src/par's peer is — PAR required, private_key_jwt only, DPoP,
// PKCE S256 — plus what a whole flow needs, built as Grantline builds it so both do the same work:
//  - a login page and a consent page as plain HTML forms, each with a CSRF token, the password
//    checked against the same scrypt hash (N=2^15) Grantline's demo bank uses (PEER_PASSWORD_HASH);
//  - refresh tokens issued with every code redemption and never rotated (FAPI 2.0), as Grantline does;
//  - storage: an in-memory Map adapter (oidc-provider's default one is an LRU of 1,000 entries,
//    which would evict the codes minted ahead of a run). Grantline writes to PostgreSQL: that
//    difference favours the peer.
// POST /bench/codes mints authorization codes ahead of a /token run through oidc-provider's own
// models (Grant + AuthorizationCode), the peer's equivalent of sealing codes with Grantline's key.
// Prints `listening <port>` once it accepts requests.
import { randomBytes, scrypt, timingSafeEqual, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PEER_PORT);
const client = JSON.parse(process.env.PEER_CLIENT ?? '{}');
const passwordHash = process.env.PEER_PASSWORD_HASH ?? '';
const issuer = `http://127.0.0.1:${port}`;

class MapAdapter {
  static store = new Map();
  constructor(model) {
    this.model = model;
  }
  key(id) {
    return `${this.model}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    MapAdapter.store.set(this.key(id), { payload, expiresAt });
    if (payload.grantId) {
      const grantKey = `grant:${payload.grantId}`;
      const members = MapAdapter.store.get(grantKey) ?? { payload: [], expiresAt };
      members.payload.push(this.key(id));
      MapAdapter.store.set(grantKey, members);
    }
    if (payload.uid) MapAdapter.store.set(`uid:${payload.uid}`, { payload: id, expiresAt });
  }
  async find(id) {
    const entry = MapAdapter.store.get(this.key(id));
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt < Date.now()) {
      MapAdapter.store.delete(this.key(id));
      return undefined;
    }
    return entry.payload;
  }
  async findByUid(uid) {
    const id = MapAdapter.store.get(`uid:${uid}`)?.payload;
    return id === undefined ? undefined : this.find(id);
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id) {
    const entry = MapAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    MapAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const key of MapAdapter.store.get(`grant:${grantId}`)?.payload ?? []) MapAdapter.store.delete(key);
    MapAdapter.store.delete(`grant:${grantId}`);
  }
}

// Its own signing keys (ID tokens); generated per run so no dev keys are used.
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  adapter: MapAdapter,
  clients: [client],
  jwks: { keys: [{ ...ecKey, alg: 'ES256', use: 'sig', kid: 'peer-es256' }] },
  scopes: ['openid', 'accounts', 'payments'],
  clientAuthMethods: ['private_key_jwt'],
  enabledJWA: {
    clientAuthSigningAlgValues: ['ES256', 'PS256'],
    idTokenSigningAlgValues: ['ES256', 'PS256'],
    dPoPSigningAlgValues: ['ES256', 'PS256'],
  },
  features: {
    fapi: { enabled: true, profile: '2.0' },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
    dPoP: { enabled: true },
    devInteractions: { enabled: false },
  },
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, peerClient) => peerClient.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: false,
  // Grantline's codes live 30 s by default; the peer's default is 60 s.
  ttl: { AuthorizationCode: 60 },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
});

// ---- the PSU's pages: login, then consent; CSRF token per interaction, scrypt password check ----

const csrfTokens = new Map();

function verifyPassword(password) {
  const [, N, r, p, salt, expected] = passwordHash.split('$');
  const want = Buffer.from(expected, 'base64url');
  return new Promise((resolve) => {
    scrypt(
      password,
      Buffer.from(salt, 'base64url'),
      want.length,
      { N: Number(N), r: Number(r), p: Number(p), maxmem: 256 * Number(N) * Number(r) },
      (error, key) => resolve(!error && timingSafeEqual(key, want)),
    );
  });
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function page(res, status, body) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
    'cache-control': 'no-store',
  });
  res.end(`<!doctype html><html><body>${body}</body></html>`);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, '<p>wrong interaction</p>');
  if (req.method === 'GET') {
    const csrf = randomBytes(32).toString('base64url');
    csrfTokens.set(uid, csrf);
    const form =
      details.prompt.name === 'login'
        ? `<form method="post" action="/interaction/${uid}/login"><input type="hidden" name="csrf_token" value="${csrf}"><input name="username"><input name="password" type="password"><button>Sign in</button></form>`
        : `<form method="post" action="/interaction/${uid}/consent"><input type="hidden" name="csrf_token" value="${csrf}"><input type="checkbox" name="account" value="acc-1" checked><button name="decision" value="approve">Approve</button></form>`;
    return page(res, 200, form);
  }
  const form = await readForm(req);
  const expected = csrfTokens.get(uid);
  if (!expected || form.get('csrf_token') !== expected) return page(res, 403, '<p>bad csrf</p>');
  csrfTokens.delete(uid);
  if (action === 'login') {
    if (form.get('username') !== 'alice' || !(await verifyPassword(form.get('password') ?? ''))) {
      return page(res, 401, '<p>wrong password</p>');
    }
    return provider.interactionFinished(req, res, { login: { accountId: 'psu-alice' } });
  }
  const grant = new provider.Grant({
    accountId: details.session.accountId,
    clientId: details.params.client_id,
  });
  grant.addOIDCScope(details.params.scope);
  return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
}

// ---- bench-only: mint codes ahead of a /token run, through oidc-provider's own models ----

async function mintCodes(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const { count, codeChallenge, dpopJkt, scope } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const codes = [];
  const authTime = Math.floor(Date.now() / 1000);
  for (let i = 0; i < count; i++) {
    const grant = new provider.Grant({ accountId: 'psu-alice', clientId: client.client_id });
    grant.addOIDCScope(scope);
    const grantId = await grant.save();
    const code = new provider.AuthorizationCode({
      accountId: 'psu-alice',
      clientId: client.client_id,
      grantId,
      redirectUri: client.redirect_uris[0],
      scope,
      codeChallenge,
      codeChallengeMethod: 'S256',
      dpopJkt,
      authTime,
      acr: 'urn:bench:pwd',
      expiresWithSession: false,
    });
    codes.push(await code.save());
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ codes }));
}

const handle = provider.callback();
const server = createServer((req, res) => {
  const path = req.url.split('?')[0];
  const route = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|consent))?$/.exec(path);
  if (route) {
    interaction(req, res, route[1], route[2]).catch((error) => page(res, 500, String(error.message)));
    return;
  }
  if (req.method === 'POST' && path === '/bench/codes') {
    mintCodes(req, res).catch((error) => {
      res.writeHead(500);
      res.end(String(error.message));
    });
    return;
  }
  handle(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
