import { InvalidClientMetadataError, InvalidRedirectUriError } from '../errors/registration.errors';
import { validateClientMetadata, type ClientValidationOptions } from './validate-client';

const EC_KEY = {
  kty: 'EC',
  kid: 'tpp-sig-1',
  crv: 'P-256',
  x: 'XPtgBegaIvdMgvV1h41yhutA3x8U7ht7Fiw2aPoeJNg',
  y: 'orZw8BRi4jXdMw19OKRPw1kRrA3_7sAfgc1LSAtt4yM',
};
const RSA_1024 = {
  kty: 'RSA',
  n: '0UDe0-J0WxC21UfrDUKmhR-_1NSvaO-d0cYqnPAZ415S57mEJQtjfuxhXcZinsUbMwlLxMk9t425Aw-CUqhzQdc6rJF4QrQEUKRH4mmxNV0oiALwaXY81Yw2EBJQMPx_PCJFCeZVhsmXzkTxNW3Wy3JIPF35cBCgx5tyIUzWifE',
  e: 'AQAB',
};
const RSA_2048 = {
  kty: 'RSA',
  kid: 'tpp-rsa',
  n: 'qIm_AKFUsKMcnXZN7_5PVRKt9DTQTXqB5tyihUwZBTn1SXQFghmwQhbYH1swMsI94ykhR5qXgNpKGis8A9sWbSrYHGemdeQub4lL0GVH9usw4Z58SXsht1rm4HcMhuxXH7IkwGZlOIQEUyU6hf7OctwQGeN1lC88e7U_uzYz9RpDgJDkbYUqW9KTmIPgzrW0hbrtzr2xMrtGtLDwreJfXYEbkg82sOoZxWgio3sLVfJZHJwC4bOmW2P-uWR6KWrbawE6sBJPcC1veTMdk6QVNVCNIw9hNajvw1d-VUOFeS_7Yjtw7_F_Yc4VgeING5FA1OgoyI4DqisRV9KIWH6fEQ',
  e: 'AQAB',
};

const client = (overrides: Record<string, unknown> = {}) => ({
  client_id: 'tpp-1',
  client_name: 'Moneywise',
  redirect_uris: ['https://tpp.example/cb'],
  token_endpoint_auth_method: 'private_key_jwt',
  jwks: { keys: [EC_KEY] },
  roles: ['AISP'],
  ...overrides,
});

function rejection(raw: unknown, options?: ClientValidationOptions): InvalidClientMetadataError {
  try {
    validateClientMetadata(raw, options);
  } catch (error) {
    if (error instanceof InvalidClientMetadataError) return error;
    throw error;
  }
  throw new Error('expected the client to be rejected');
}

describe('client metadata validation', () => {
  it.each(['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none'])(
    '[CLI-1] rejects %s',
    (method) => {
      const error = rejection(client({ token_endpoint_auth_method: method }));
      expect(error.code).toBe('invalid_client_metadata');
      expect(error.field).toBe('token_endpoint_auth_method');
      expect(error.message).toContain(`"${method}" is not allowed`);
      expect(error.message).toContain('CLI-1');
    },
  );

  it('[CLI-1] rejects an unknown authentication method', () => {
    expect(rejection(client({ token_endpoint_auth_method: 'magic' })).field).toBe(
      'token_endpoint_auth_method',
    );
  });

  it('[CLI-4] rejects a method the active profile does not allow', () => {
    const error = rejection(
      client({
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=tpp-1',
        jwks: undefined,
      }),
      { clientAuthMethods: ['private_key_jwt'] },
    );
    expect(error.field).toBe('token_endpoint_auth_method');
    expect(error.message).toContain('active security profile');
  });

  it.each([
    ['http://tpp.example/cb', 'must use https'],
    ['http://127.0.0.1:3000/cb', 'loopback hosts in development'],
    ['https://tpp.example/cb#frag', 'must not contain a fragment'],
    ['https://tpp.example/cb#', 'must not contain a fragment'],
    ['https://*.tpp.example/cb', 'not a pattern'],
    ['https://user:pw@tpp.example/cb', 'must not contain credentials'],
    ['/relative/cb', 'is not an absolute URL'],
    ['com.tpp.app:/cb', 'must use https'],
    ['javascript:alert(1)', 'must use https'],
  ])('[PAR-6] rejects the redirect URI %s', (uri, reason) => {
    const error = rejection(client({ redirect_uris: ['https://tpp.example/ok', uri] }));
    expect(error).toBeInstanceOf(InvalidRedirectUriError);
    expect(error.code).toBe('invalid_redirect_uri');
    expect(error.field).toBe('redirect_uris[1]');
    expect(error.message).toContain(reason);
  });

  it('[PAR-6] allows loopback http only when the development flag says so', () => {
    const loopback = client({
      redirect_uris: ['http://127.0.0.1:3000/cb', 'http://[::1]/cb', 'http://localhost/cb'],
    });
    expect(validateClientMetadata(loopback, { allowLoopbackHttp: true }).redirect_uris).toHaveLength(3);
    expect(
      rejection(client({ redirect_uris: ['http://10.0.0.1/cb'] }), { allowLoopbackHttp: true }).code,
    ).toBe('invalid_redirect_uri');
  });

  it('[PAR-6] requires at least one redirect URI, as an array of strings', () => {
    expect(rejection(client({ redirect_uris: [] })).field).toBe('redirect_uris');
    expect(rejection(client({ redirect_uris: 'https://tpp.example/cb' })).field).toBe('redirect_uris');
    expect(rejection(client({ redirect_uris: [42] })).field).toBe('redirect_uris');
  });

  it.each(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])(
    '[CLI-1] rejects a jwks key carrying private member "%s"',
    (member) => {
      const error = rejection(client({ jwks: { keys: [{ ...EC_KEY, [member]: 'c2VjcmV0' }] } }));
      expect(error.field).toBe('jwks.keys[0]');
      expect(error.message).toContain('private key material');
      expect(error.message).not.toContain('c2VjcmV0');
    },
  );

  it('[CLI-1] rejects a symmetric key', () => {
    expect(rejection(client({ jwks: { keys: [{ kty: 'oct' }] } })).message).toContain(
      'kty must be RSA, EC or OKP',
    );
  });

  it('[ALG-2] rejects an RSA-1024 key', () => {
    expect(rejection(client({ jwks: { keys: [RSA_1024] } })).message).toContain('under 2048 bits');
    expect(validateClientMetadata(client({ jwks: { keys: [RSA_2048] } })).jwks?.keys).toHaveLength(1);
  });

  it('[ALG-1] rejects a key declaring RS256', () => {
    expect(rejection(client({ jwks: { keys: [{ ...RSA_2048, alg: 'RS256' }] } })).message).toContain(
      'RS256 is not allowed',
    );
  });

  it('rejects an unknown curve and two keys with the same kid', () => {
    expect(rejection(client({ jwks: { keys: [{ ...EC_KEY, crv: 'secp256k1' }] } })).field).toBe(
      'jwks.keys[0]',
    );
    expect(rejection(client({ jwks: { keys: [EC_KEY, EC_KEY] } })).message).toContain('same kid');
  });

  it('[CLI-5] private_key_jwt needs exactly one of jwks and jwks_uri', () => {
    expect(rejection(client({ jwks: undefined })).message).toContain('exactly one of jwks or jwks_uri');
    expect(rejection(client({ jwks_uri: 'https://tpp.example/jwks' })).message).toContain('must not both');
    expect(
      validateClientMetadata(client({ jwks: undefined, jwks_uri: 'https://tpp.example/jwks' })).jwks_uri,
    ).toBe('https://tpp.example/jwks');
  });

  it('[CLI-5] requires an https jwks_uri', () => {
    const error = rejection(client({ jwks: undefined, jwks_uri: 'http://tpp.example/jwks' }));
    expect(error.field).toBe('jwks_uri');
  });

  it('[CLI-5] [MTLS-1] tls_client_auth needs exactly one subject field', () => {
    const mtls = client({ token_endpoint_auth_method: 'tls_client_auth', jwks: undefined });
    expect(rejection(mtls).field).toBe('tls_client_auth_subject_dn');
    expect(
      rejection({ ...mtls, tls_client_auth_subject_dn: 'CN=a', tls_client_auth_san_dns: 'tpp.example' })
        .message,
    ).toContain('exactly one');
    expect(
      validateClientMetadata({ ...mtls, tls_client_auth_subject_dn: 'CN=tpp-1,O=TPP' })
        .token_endpoint_auth_method,
    ).toBe('tls_client_auth');
    expect(rejection(client({ tls_client_auth_subject_dn: 'CN=a' })).message).toContain(
      'only used with tls_client_auth',
    );
  });

  it('[CLI-5] self_signed_tls_client_auth needs its certificate in jwks or jwks_uri', () => {
    expect(
      rejection(client({ token_endpoint_auth_method: 'self_signed_tls_client_auth', jwks: undefined })).field,
    ).toBe('jwks');
  });

  it.each([
    ['client_id', 42],
    ['client_name', ['x']],
    ['dpop_bound_access_tokens', 'yes'],
    ['tls_client_certificate_bound_access_tokens', 'yes'],
    ['roles', ['AISP', 'ADMIN']],
    ['roles', []],
    ['scope', 'accounts  payments'],
    ['logo_uri', 7],
    ['jwks', 'not-an-object'],
    ['grant_types', ['password']],
    ['response_types', ['code id_token']],
  ])('[CLI-5] rejects %s of the wrong type or value (%p)', (field, value) => {
    expect(rejection(client({ [field]: value })).field).toBe(field);
  });

  it('[ALG-1] rejects RS256 and none as a response signing algorithm', () => {
    expect(rejection(client({ authorization_signed_response_alg: 'RS256' })).field).toBe(
      'authorization_signed_response_alg',
    );
    expect(rejection(client({ id_token_signed_response_alg: 'none' })).field).toBe(
      'id_token_signed_response_alg',
    );
    expect(
      rejection(client({ authorization_signed_response_alg: 'ES256' }), { signingAlgorithms: ['PS256'] })
        .message,
    ).toContain('active security profile');
  });

  it('rejects an unknown field, naming it (a typo must not pass silently)', () => {
    const error = rejection(client({ redirect_uri: 'https://tpp.example/cb' }));
    expect(error.field).toBe('redirect_uri');
    expect(error.message).toBe('unknown field "redirect_uri"');
  });

  it('rejects an own __proto__ member instead of following it', () => {
    const raw = JSON.parse(
      `{"__proto__": {"roles": ["PISP"]}, ${JSON.stringify(client()).slice(1)}`,
    ) as unknown;
    expect(rejection(raw).field).toBe('__proto__');
  });

  it('rejects something that is not an object', () => {
    expect(rejection('tpp-1').code).toBe('invalid_client_metadata');
    expect(rejection(null).code).toBe('invalid_client_metadata');
  });

  it('[CLI-5] accepts and freezes full RFC 7591 metadata', () => {
    const metadata = validateClientMetadata(
      client({
        org_name: 'Moneywise Ltd',
        logo_uri: 'https://tpp.example/logo.png',
        dpop_bound_access_tokens: true,
        tls_client_certificate_bound_access_tokens: true,
        authorization_signed_response_alg: 'PS256',
        roles: ['AISP', 'PISP'],
        scope: 'accounts payments',
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        response_types: ['code'],
      }),
    );
    expect(metadata).toMatchObject({
      client_id: 'tpp-1',
      roles: ['AISP', 'PISP'],
      dpop_bound_access_tokens: true,
      tls_client_certificate_bound_access_tokens: true,
    });
    expect(Object.isFrozen(metadata)).toBe(true);
    expect(Object.isFrozen(metadata.redirect_uris)).toBe(true);
    expect(Object.isFrozen(metadata.jwks?.keys[0])).toBe(true);
  });
});
