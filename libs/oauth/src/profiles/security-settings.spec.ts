import { SECURITY_PROFILES, SECURITY_PROFILE_NAMES } from './security-profiles';
import {
  SecurityProfileViolation,
  profileViolations,
  resolveSecuritySettings,
  satisfiedProfiles,
  type SecuritySettingsInput,
} from './security-settings';
import { securitySettingsFromEnvironment } from './security-settings.environment';

function violationOf(input: SecuritySettingsInput): SecurityProfileViolation {
  try {
    resolveSecuritySettings(input);
  } catch (error) {
    if (error instanceof SecurityProfileViolation) return error;
    throw error;
  }
  throw new Error('expected a SecurityProfileViolation');
}

describe('security profiles refuse to start outside their ranges', () => {
  it('[TOK-2] rejects a 60 s access token under au-cdr (120–600 s)', () => {
    const error = violationOf({ profile: 'au-cdr', accessTokenLifetimeSeconds: 60 });
    expect(error.code).toBe('SECURITY_PROFILE_VIOLATION');
    expect(error.setting).toBe('ACCESS_TOKEN_LIFETIME_SECONDS');
    expect(error.value).toBe('60');
    expect(error.message).toBe(
      "Invalid security configuration: ACCESS_TOKEN_LIFETIME_SECONDS=60 is outside the au-cdr profile's range 120–600 seconds",
    );
    expect(error.message).not.toContain('\n');
  });

  it('[TOK-2] rejects a 1000 s access token under br-of (300–900 s) and a 200 s one too', () => {
    expect(violationOf({ profile: 'br-of', accessTokenLifetimeSeconds: 1000 }).allowed).toBe(
      '300–900 seconds',
    );
    expect(violationOf({ profile: 'br-of', accessTokenLifetimeSeconds: 200 }).setting).toBe(
      'ACCESS_TOKEN_LIFETIME_SECONDS',
    );
  });

  it('[PAR-3] rejects a 30 s request_uri under br-of (at least 60 s)', () => {
    const error = violationOf({ profile: 'br-of', parRequestUriLifetimeSeconds: 30 });
    expect(error.setting).toBe('PAR_REQUEST_URI_LIFETIME_SECONDS');
    expect(error.message).toContain('PAR_REQUEST_URI_LIFETIME_SECONDS=30');
    expect(error.message).toContain('60–599 seconds');
  });

  it('[PAR-3] rejects a request_uri of 600 s or more in every profile', () => {
    for (const profile of SECURITY_PROFILE_NAMES) {
      expect(violationOf({ profile, parRequestUriLifetimeSeconds: 600 }).setting).toBe(
        'PAR_REQUEST_URI_LIFETIME_SECONDS',
      );
    }
  });

  it('[PAR-3] rejects request_uri lifetimes outside 10–90 s under au-cdr', () => {
    expect(violationOf({ profile: 'au-cdr', parRequestUriLifetimeSeconds: 9 }).value).toBe('9');
    expect(violationOf({ profile: 'au-cdr', parRequestUriLifetimeSeconds: 91 }).value).toBe('91');
    expect(resolveSecuritySettings({ profile: 'au-cdr', parRequestUriLifetimeSeconds: 10 })).toBeDefined();
  });

  it('[CODE-1] rejects a 120 s authorization code in every profile', () => {
    for (const profile of SECURITY_PROFILE_NAMES) {
      const error = violationOf({ profile, authorizationCodeLifetimeSeconds: 120 });
      expect(error.setting).toBe('AUTHORIZATION_CODE_LIFETIME_SECONDS');
    }
  });

  it('[CODE-1] rejects a zero, negative or fractional lifetime', () => {
    expect(violationOf({ authorizationCodeLifetimeSeconds: 0 }).value).toBe('0');
    expect(violationOf({ accessTokenLifetimeSeconds: -300 }).value).toBe('-300');
    expect(violationOf({ accessTokenLifetimeSeconds: 300.5 }).value).toBe('300.5');
  });

  it('[ALG-1] rejects RS256, HS256 and none in every profile', () => {
    for (const profile of SECURITY_PROFILE_NAMES) {
      for (const alg of ['RS256', 'HS256', 'none']) {
        const error = violationOf({ profile, signingAlgorithms: ['PS256', alg] });
        expect(error.setting).toBe('SIGNING_ALGORITHMS');
        expect(error.value).toBe(alg);
      }
    }
  });

  it('[ALG-1] br-of allows PS256 only', () => {
    const error = violationOf({ profile: 'br-of', signingAlgorithms: ['PS256', 'ES256'] });
    expect(error.message).toBe(
      'Invalid security configuration: SIGNING_ALGORITHMS includes ES256, which the br-of profile does not allow (allowed: PS256)',
    );
  });

  it('[ALG-1] rejects an empty algorithm list', () => {
    expect(violationOf({ signingAlgorithms: [] }).setting).toBe('SIGNING_ALGORITHMS');
  });

  it('[CLI-4] rejects mTLS client authentication under au-cdr', () => {
    for (const method of ['tls_client_auth', 'self_signed_tls_client_auth']) {
      const error = violationOf({ profile: 'au-cdr', clientAuthMethods: ['private_key_jwt', method] });
      expect(error.setting).toBe('CLIENT_AUTH_METHODS');
      expect(error.value).toBe(method);
    }
  });

  it('[CLI-4] br-of allows private_key_jwt only: tls_client_auth is rejected', () => {
    expect(violationOf({ profile: 'br-of', clientAuthMethods: ['tls_client_auth'] }).message).toContain(
      'CLIENT_AUTH_METHODS includes tls_client_auth, which the br-of profile does not allow (allowed: private_key_jwt)',
    );
  });

  it('[CLI-1] rejects client_secret_basic and none in every profile', () => {
    for (const profile of SECURITY_PROFILE_NAMES) {
      expect(violationOf({ profile, clientAuthMethods: ['client_secret_basic'] }).setting).toBe(
        'CLIENT_AUTH_METHODS',
      );
      expect(violationOf({ profile, clientAuthMethods: ['none'] }).value).toBe('none');
    }
  });

  it('[CON-5] uk-ob refuses to run with x-jws-signature on payments turned off', () => {
    const error = violationOf({ profile: 'uk-ob', requirePaymentJwsSignature: false });
    expect(error.setting).toBe('REQUIRE_PAYMENT_JWS_SIGNATURE');
  });

  it('[JAR-1] jurisdiction profiles refuse to run without signed request objects', () => {
    for (const profile of ['au-cdr', 'br-of', 'uk-ob', 'strict']) {
      expect(violationOf({ profile, requireSignedRequestObject: false }).setting).toBe(
        'REQUIRE_SIGNED_REQUEST_OBJECT',
      );
    }
  });

  it('rejects an unknown profile, naming the ones there are', () => {
    const error = violationOf({ profile: 'fapi1' });
    expect(error.setting).toBe('SECURITY_PROFILE');
    expect(error.message).toContain('allowed: fapi2, au-cdr, br-of, uk-ob, strict');
  });
});

describe('security profile defaults and reports', () => {
  it('[PAR-3] [CODE-1] [TOK-2] defaults to fapi2 with 60 s request_uri, 30 s code and 300 s access token', () => {
    expect(resolveSecuritySettings()).toEqual({
      profile: 'fapi2',
      signingAlgorithms: ['PS256', 'ES256', 'EdDSA'],
      clientAuthMethods: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
      parRequestUriLifetimeSeconds: 60,
      authorizationCodeLifetimeSeconds: 30,
      accessTokenLifetimeSeconds: 300,
      requireSignedRequestObject: false,
      requirePaymentJwsSignature: false,
    });
  });

  it("every profile's defaults are inside its own ranges", () => {
    for (const name of SECURITY_PROFILE_NAMES) {
      expect(satisfiedProfiles(resolveSecuritySettings({ profile: name }))).toContain(name);
    }
  });

  it('strict satisfies every profile at once', () => {
    expect(satisfiedProfiles(resolveSecuritySettings({ profile: 'strict' }))).toEqual([
      'fapi2',
      'au-cdr',
      'br-of',
      'uk-ob',
      'strict',
    ]);
    const strict = SECURITY_PROFILES.strict;
    expect(strict.signingAlgorithms).toEqual(['PS256']);
    expect(strict.clientAuthMethods).toEqual(['private_key_jwt']);
    expect(strict.parRequestUriLifetime).toEqual({ min: 60, max: 90, default: 60 });
    expect(strict.accessTokenLifetime).toEqual({ min: 300, max: 600, default: 300 });
  });

  it('every value strict accepts is accepted by every other profile', () => {
    const strict = SECURITY_PROFILES.strict;
    for (const name of SECURITY_PROFILE_NAMES) {
      for (const lifetime of [strict.accessTokenLifetime.min, strict.accessTokenLifetime.max]) {
        const settings = {
          ...resolveSecuritySettings({ profile: 'strict' }),
          accessTokenLifetimeSeconds: lifetime,
        };
        expect(profileViolations(settings, SECURITY_PROFILES[name])).toEqual([]);
      }
    }
  });

  it('reports only the profiles a default fapi2 configuration satisfies', () => {
    expect(satisfiedProfiles(resolveSecuritySettings())).toEqual(['fapi2']);
  });

  it('reports au-cdr and fapi2 for a CDR configuration', () => {
    const settings = resolveSecuritySettings({ profile: 'au-cdr' });
    expect(satisfiedProfiles(settings)).toEqual(['fapi2', 'au-cdr']);
  });
});

describe('security settings from the environment', () => {
  it('reads every variable', () => {
    expect(
      securitySettingsFromEnvironment({
        SECURITY_PROFILE: 'au-cdr',
        SIGNING_ALGORITHMS: 'PS256, ES256',
        CLIENT_AUTH_METHODS: 'private_key_jwt',
        PAR_REQUEST_URI_LIFETIME_SECONDS: '90',
        AUTHORIZATION_CODE_LIFETIME_SECONDS: '20',
        ACCESS_TOKEN_LIFETIME_SECONDS: '600',
        REQUIRE_SIGNED_REQUEST_OBJECT: 'TRUE',
        REQUIRE_PAYMENT_JWS_SIGNATURE: 'true',
      }),
    ).toEqual({
      profile: 'au-cdr',
      signingAlgorithms: ['PS256', 'ES256'],
      clientAuthMethods: ['private_key_jwt'],
      parRequestUriLifetimeSeconds: 90,
      authorizationCodeLifetimeSeconds: 20,
      accessTokenLifetimeSeconds: 600,
      requireSignedRequestObject: true,
      requirePaymentJwsSignature: true,
    });
  });

  it('[TOK-2] stops on a lifetime that is not a whole number, naming the variable', () => {
    expect(() => securitySettingsFromEnvironment({ ACCESS_TOKEN_LIFETIME_SECONDS: '5m' })).toThrow(
      'ACCESS_TOKEN_LIFETIME_SECONDS=5m must be a whole number of seconds',
    );
  });

  it('[TOK-2] stops on a lifetime outside the profile', () => {
    expect(() =>
      securitySettingsFromEnvironment({ SECURITY_PROFILE: 'au-cdr', ACCESS_TOKEN_LIFETIME_SECONDS: '60' }),
    ).toThrow(SecurityProfileViolation);
  });

  it('stops on a flag that is not true or false', () => {
    expect(() => securitySettingsFromEnvironment({ REQUIRE_SIGNED_REQUEST_OBJECT: 'yes' })).toThrow(
      'REQUIRE_SIGNED_REQUEST_OBJECT must be true or false',
    );
  });
});
