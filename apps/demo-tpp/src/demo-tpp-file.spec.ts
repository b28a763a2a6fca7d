import { DemoStopped, parseDemoTpp, readDemoTpp } from './demo-tpp-file';

const written = {
  client_id: 'demo-tpp',
  redirect_uri: 'http://127.0.0.1:8080/demo-tpp/callback',
  loopback_redirect_uri: 'http://127.0.0.1:8090/callback',
  jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k' }] },
};

describe('the demo TPP file', () => {
  it('gives the client_id, the private key, the loopback redirect URI and the platform origin', () => {
    expect(parseDemoTpp(JSON.stringify(written), 'f.json')).toEqual({
      clientId: 'demo-tpp',
      privateJwk: written.jwks.keys[0],
      redirectUri: 'http://127.0.0.1:8090/callback',
      platformOrigin: 'http://127.0.0.1:8080',
    });
  });

  it.each([
    ['not JSON', '{', 'is not JSON'],
    [
      'no private key',
      JSON.stringify({ ...written, jwks: { keys: [{ kty: 'EC' }] } }),
      'no client_id and private key',
    ],
    ['no client_id', JSON.stringify({ ...written, client_id: undefined }), 'no client_id and private key'],
    [
      'an older runtime',
      JSON.stringify({ ...written, loopback_redirect_uri: undefined }),
      'names no loopback redirect URI',
    ],
  ])('stops with one sentence on %s', (_, text, message) => {
    expect(() => parseDemoTpp(text, 'f.json')).toThrow(DemoStopped);
    expect(() => parseDemoTpp(text, 'f.json')).toThrow(message);
  });

  it('tells to start the platform when the file is missing', () => {
    expect(() => readDemoTpp('/nonexistent/demo-tpp.json')).toThrow(
      'no demo TPP file at /nonexistent/demo-tpp.json: start the platform first (npm start writes it)',
    );
  });
});
