// What the attack catalogue must prove beyond the requirement IDs: the negative modules of the
// OpenID Foundation conformance suite's FAPI 2.0 plans (fapi2-security-profile-final-test-plan and,
// for request objects, fapi2-message-signing-final-test-plan), and the attacks of seed 004 (the Bank
// of Japan IMES study). A test proves a module when its title contains `fapi2 <module>` (short name,
// without the plan's prefix), an attack when it contains `seed 004 <attack>`. Where an existing test
// already proves a module exactly, `provenBy` names it (its own title, without describe titles).

export const MODULE_PREFIX = 'fapi2-security-profile-final-';

export interface CatalogueEntry {
  /** The module's short name (upstream testName without MODULE_PREFIX) or the attack's name. */
  name: string;
  ids: string[];
  /** What the attacker tries, and what must happen. */
  expectation: string;
  provenBy?: string[];
}

const entry = (name: string, ids: string[], expectation: string, provenBy?: string[]): CatalogueEntry => ({
  name,
  ids,
  expectation,
  provenBy,
});

export const CONFORMANCE_MODULES: CatalogueEntry[] = [
  // Request objects (message signing plan).
  entry('ensure-request-object-without-exp-fails', ['JAR-1'], 'a request object without exp is refused', [
    '[JAR-1] rejects a request object without exp',
  ]),
  entry('ensure-request-object-without-nbf-fails', ['JAR-1'], 'a request object without nbf is refused', [
    '[JAR-1] rejects a request object without nbf',
  ]),
  entry(
    'state-only-outside-request-object-not-used',
    ['JAR-2'],
    'a state outside the request object is not returned',
  ),
  entry(
    'ensure-request-object-without-redirect-uri-fails',
    ['PAR-6'],
    'a request object without redirect_uri is refused',
  ),
  entry('ensure-expired-request-object-fails', ['JAR-1'], 'an expired request object is refused', [
    '[JAR-1] rejects an expired request object',
  ]),
  entry(
    'ensure-request-object-with-bad-aud-fails',
    ['JAR-1'],
    'a request object for another audience is refused',
    ['[JAR-1] rejects a request object with a bad aud'],
  ),
  entry(
    'ensure-request-object-with-exp-over-60-fails',
    ['JAR-1'],
    'a request object living over 60 min is refused',
    ['[JAR-1] rejects exp − nbf over 60 minutes'],
  ),
  entry(
    'ensure-request-object-with-nbf-over-60-fails',
    ['JAR-1'],
    'a request object with nbf over 60 min ago is refused',
    ['[JAR-1] rejects nbf more than 60 minutes in the past'],
  ),
  entry(
    'ensure-signed-request-object-with-RS256-fails',
    ['ALG-1'],
    'a request object signed with RS256 is refused',
    ['[ALG-1] [JAR-1] rejects request objects signed with RS256, alg none, or an invalid signature'],
  ),
  entry(
    'ensure-request-object-signature-algorithm-is-not-none',
    ['ALG-1'],
    'an unsigned (alg none) request object is refused',
    ['[ALG-1] [JAR-1] rejects request objects signed with RS256, alg none, or an invalid signature'],
  ),
  entry(
    'ensure-request-object-with-invalid-signature-fails',
    ['JAR-1'],
    'a request object with a broken signature is refused',
    ['[ALG-1] [JAR-1] rejects request objects signed with RS256, alg none, or an invalid signature'],
  ),
  entry(
    'ensure-matching-key-in-authorization-request',
    ['JAR-1'],
    "a request object signed with a key not the client's is refused",
    ["[JAR-1] rejects a request object signed with another client's key"],
  ),
  entry(
    'ensure-unsigned-request-at-par-endpoint-fails',
    ['JAR-1'],
    'plain parameters are refused where signed requests are required',
    ['[JAR-1] rejects an unsigned pushed request'],
  ),
  entry(
    'par-authorization-request-containing-request_uri',
    ['PAR-5'],
    'a request object carrying request_uri is refused',
    ['[PAR-5] rejects request_uri inside the request object'],
  ),
  // Authorization requests.
  entry(
    'ensure-registered-redirect-uri',
    ['PAR-6', 'RESP-2'],
    'an unregistered redirect_uri is refused and never redirected to',
  ),
  entry(
    'ensure-unsigned-authorization-request-without-using-par-fails',
    ['PAR-1'],
    'an authorization request that was not pushed is refused',
  ),
  entry(
    'ensure-redirect-uri-in-authorization-request',
    ['PAR-6'],
    'a pushed request without redirect_uri is refused',
  ),
  entry(
    'ensure-response-type-code-idtoken-fails',
    ['FLOW-1'],
    'response_type=code id_token (hybrid) is refused',
  ),
  entry('ensure-response-type-token-fails', ['FLOW-1'], 'response_type=token (implicit) is refused'),
  // Token endpoint.
  entry(
    'ensure-client-id-in-token-endpoint',
    ['CLI-3'],
    "a client redeeming with another client's client_id is refused",
  ),
  entry(
    'ensure-holder-of-key-required',
    ['SC-1'],
    'a token request with neither DPoP proof nor client certificate is refused',
  ),
  entry(
    'ensure-authorization-code-is-bound-to-client',
    ['CODE-3'],
    'a code redeemed by another client is refused',
  ),
  entry(
    'attempt-reuse-authorization-code-after-one-second',
    ['CODE-2'],
    'a code redeemed twice fails and revokes the first tokens',
    ['[CODE-2] refuses a code reused after 1 s and revokes the tokens the first redemption issued'],
  ),
  entry('ensure-token-endpoint-fails-with-expired-auth-code', ['CODE-1'], 'an expired code is refused', [
    '[CODE-1] rejects a code presented 61 s after it was issued',
  ]),
  // Client authentication (private_key_jwt).
  entry(
    'ensure-signed-client-assertion-with-RS256-fails',
    ['ALG-1'],
    'a client assertion signed with RS256 is refused',
    ['[CLI-2] [ALG-1] rejects an RS256 client assertion'],
  ),
  entry(
    'ensure-client-assertion-in-token-endpoint',
    ['CLI-1'],
    'a token request without client authentication is refused',
  ),
  entry(
    'ensure-client-assertion-with-exp-is-5-minutes-in-past-fails',
    ['CLI-2'],
    'an assertion expired 5 min ago is refused',
    ['[CLI-2] rejects an assertion that expired 5 minutes ago'],
  ),
  entry(
    'ensure-client-assertion-with-wrong-aud-fails',
    ['CLI-2'],
    'an assertion for another audience is refused',
    ['[CLI-2] rejects an assertion whose aud is an array or another issuer'],
  ),
  entry('ensure-client-assertion-with-no-sub-fails', ['CLI-2'], 'an assertion without sub is refused', [
    '[CLI-2] rejects an assertion without sub',
  ]),
  entry(
    'ensure-invalid-client-assertions-fail',
    ['CLI-2'],
    'assertions with bad iss, sub, iat, jti or signature are refused',
    [
      '[ALG-1] [CLI-2] rejects assertions signed with RS256, none, or a broken signature',
      '[CLI-2] rejects a replayed assertion jti',
      '[CLI-2] rejects an assertion whose nbf is more than 60 s in the future',
    ],
  ),
  entry(
    'par-test-par-endpoint-url-as-audience-fails',
    ['CLI-2'],
    'an assertion whose aud is the PAR endpoint URL is refused',
    ['[CLI-2] rejects a client assertion whose aud is the PAR endpoint URL'],
  ),
  entry(
    'par-test-token-endpoint-url-as-audience-fails',
    ['CLI-2'],
    'an assertion whose aud is the token endpoint URL is refused',
    ['[CLI-2] rejects a client assertion whose aud is the token endpoint URL'],
  ),
  // DPoP.
  entry(
    'dpop-negative-tests',
    ['DPOP-1'],
    'DPoP proofs with a bad typ, alg, jwk, htm, htu, iat, ath or a replayed jti are refused',
    [
      '[DPOP-1] rejects a proof with a typ other than dpop+jwt',
      '[DPOP-1] [ALG-1] rejects alg none and HS256 proofs',
      '[DPOP-1] rejects a proof carrying a private key in its jwk',
      '[DPOP-1] rejects a proof for another URL (htu)',
      '[DPOP-1] rejects a proof for another method (htm)',
      '[DPOP-1] rejects a proof whose iat is stale or far in the future',
      '[DPOP-1] rejects a replayed proof jti',
      '[DPOP-1] rejects two DPoP headers',
    ],
  ),
  entry(
    'ensure-mismatched-dpop-jkt-fails',
    ['CODE-3', 'DPOP-3'],
    'a PAR dpop_jkt not matching the PAR DPoP proof is refused',
  ),
  entry(
    'ensure-token-endpoint-fails-with-mismatched-dpop-proof-jkt',
    ['DPOP-3'],
    'a token request proved with a key other than dpop_jkt is refused',
  ),
  entry(
    'ensure-token-endpoint-fails-with-mismatched-dpop-jkt',
    ['DPOP-3'],
    'a code bound by dpop_jkt redeemed with another DPoP key is refused',
  ),
  // Refresh tokens.
  entry(
    'refresh-token',
    ['TOK-3'],
    'a refresh token is not rotated, and fails for another client or another key',
  ),
  // PAR.
  entry('par-attempt-reuse-request_uri', ['PAR-4'], 'a request_uri used to completion cannot be used again'),
  entry('par-attempt-to-use-expired-request_uri', ['PAR-3'], 'an expired request_uri is refused', [
    '[PAR-3] rejects an expired request_uri',
  ]),
  entry(
    'par-attempt-to-use-request_uri-for-different-client',
    ['PAR-4'],
    "a request_uri used with another client's client_id is refused",
  ),
  entry(
    'par-authorization-request-containing-request_uri-form-param',
    ['PAR-5'],
    'a PAR body carrying request_uri is refused',
  ),
  entry('par-attempt-invalid-http-method', ['PAR-5'], 'a PAR request by GET is refused'),
  // PKCE.
  entry('par-ensure-pkce-required', ['PKCE-1'], 'a pushed request without code_challenge is refused'),
  entry('par-plain-pkce-rejected', ['PKCE-1'], 'code_challenge_method=plain is refused'),
  entry(
    'ensure-pkce-code-verifier-required',
    ['PKCE-2'],
    'a token request without code_verifier fails with invalid_grant',
  ),
  entry(
    'incorrect-pkce-code-verifier-rejected',
    ['PKCE-2'],
    'a wrong code_verifier fails with invalid_grant',
  ),
  // Grant management.
  entry(
    'grant-management-ensure-invalid-grant-id-fails',
    ['GM-1'],
    'a PAR naming an unknown grant_id fails with invalid_grant_id',
  ),
  entry(
    'grant-management-ensure-query-nonexistent-grant-fails',
    ['GM-2'],
    'querying an unknown grant answers 404',
  ),
  entry(
    'grant-management-ensure-query-after-revoke-fails',
    ['GM-2'],
    'a revoked grant can no longer be queried',
  ),
  entry(
    'grant-management-ensure-wrong-client-cannot-query-grant',
    ['GM-3'],
    "a client cannot query another client's grant",
  ),
  entry(
    'grant-management-ensure-wrong-client-cannot-revoke-grant',
    ['GM-3'],
    "a client cannot revoke another client's grant",
  ),
];

export const SEED_004_ATTACKS: CatalogueEntry[] = [
  entry(
    'credential entropy',
    ['ALG-3'],
    'every credential carries ≥ 128 bits, without collisions, shared prefixes or sequences',
  ),
  entry('PKCE downgrade', ['PKCE-1'], 'a request without PKCE or with plain is refused at PAR'),
  entry(
    'code injection',
    ['CODE-3', 'CLI-3'],
    "a code stolen from one client's callback is useless to another client",
  ),
  entry(
    'refresh-token misuse',
    ['TOK-3'],
    'a refresh token fails for another client, without client authentication, or with another key',
  ),
  entry(
    'redirect on error',
    ['RESP-2', 'PAR-6'],
    'errors about the client or redirect URI stay on the server, never at an unverified URI',
  ),
  entry(
    'token in query string',
    ['TOK-7'],
    'every resource server refuses an access token in the query string',
  ),
  entry(
    'tokens in logs',
    ['TOK-7'],
    'after the AIS and PIS journeys no log line holds any credential they used',
  ),
];

export const moduleMarker = (entry: CatalogueEntry): string => `fapi2 ${entry.name}`;
export const attackMarker = (entry: CatalogueEntry): string => `seed 004 ${entry.name}`;
