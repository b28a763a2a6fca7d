// The authorization server's form endpoints: POST /par (PAR-*, JAR-*, CLI-2) and POST /token,
// /revoke, /introspect (CLI-2, DPOP-1). Each input is a good request with one part changed: one
// form parameter, the client assertion, the request object, a header or the DPoP proof.
import fc from 'fast-check';
import { type Form, type FormEdit, editedForm, formEdit } from './body-mutation';
import type { FuzzWorld } from './fuzz-world';
import { type HeaderEdit, headerEdit } from './header-mutation';
import { type JwtMutation, UNMUTATED_JWT, jwtMutation, mutatedJwt } from './jwt-mutation';
import { oddString } from './junk';
import { type FuzzTarget, withHeaderEdit } from './target';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JWT_HEADER_NAMES = ['alg', 'kid', 'typ', 'jwk', 'x5c', 'crit', 'cty'];
const ASSERTION_CLAIMS = ['iss', 'sub', 'aud', 'jti', 'iat', 'exp', 'nbf'];
const REQUEST_CLAIMS = [
  'iss',
  'aud',
  'client_id',
  'exp',
  'nbf',
  'response_type',
  'redirect_uri',
  'scope',
  'code_challenge',
  'code_challenge_method',
  'authorization_details',
  'dpop_jkt',
  'state',
  'nonce',
  'request_uri',
];
const FORM_NAMES = [
  'client_id',
  'client_assertion',
  'client_assertion_type',
  'grant_type',
  'scope',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'request',
  'request_uri',
  'authorization_details',
  'resource',
  'token',
  'token_type_hint',
  'client_secret',
  'prompt',
  'max_age',
  'claims',
  'response_mode',
];

/** Exactly one part of the request changes. */
type FormInput =
  | { part: 'form'; edit: FormEdit }
  | { part: 'assertion'; mutation: JwtMutation }
  | { part: 'request-object'; mutation: JwtMutation }
  | { part: 'header'; edit: HeaderEdit };

function formInput(withRequestObject: boolean): fc.Arbitrary<FormInput> {
  const parts: Array<fc.WeightedArbitrary<FormInput>> = [
    { weight: 4, arbitrary: formEdit(FORM_NAMES).map((edit) => ({ part: 'form' as const, edit })) },
    {
      weight: 3,
      arbitrary: jwtMutation(JWT_HEADER_NAMES, ASSERTION_CLAIMS).map((mutation) => ({
        part: 'assertion' as const,
        mutation,
      })),
    },
    {
      weight: 2,
      arbitrary: headerEdit(['content-type', 'dpop', 'authorization']).map((edit) => ({
        part: 'header' as const,
        edit,
      })),
    },
  ];
  if (withRequestObject) {
    parts.push({
      weight: 2,
      arbitrary: jwtMutation(JWT_HEADER_NAMES, REQUEST_CLAIMS).map((mutation) => ({
        part: 'request-object' as const,
        mutation,
      })),
    });
  }
  return fc.oneof(...parts);
}

const formHeaders = (): Array<[string, string]> => [['content-type', 'application/x-www-form-urlencoded']];

async function authenticated(world: FuzzWorld, input: FormInput, form: Form): Promise<Form> {
  const assertion = await world.clientAssertion(input.part === 'assertion' ? input.mutation : UNMUTATED_JWT);
  return [['client_assertion_type', ASSERTION_TYPE], ['client_assertion', assertion], ...form];
}

export const parTarget: FuzzTarget<FormInput & { signed: boolean }> = {
  name: 'par',
  ids: ['ROB-1', 'PAR-1', 'JAR-1', 'CLI-2'],
  format: 'oauth',
  arbitrary: fc
    .tuple(formInput(true), fc.boolean())
    .map(([input, signed]) => ({ ...input, signed: signed || input.part === 'request-object' })),
  async request(world, input) {
    const pkce = world.tpp.newPkce();
    const parameters = world.tpp.authorizationRequest(pkce, {
      authorization_details: JSON.stringify([
        { type: 'account_access', consent_id: world.accountAccessConsentId },
      ]),
    });
    let form: Form = Object.entries(parameters).map(([name, value]) => [name, String(value)]);
    if (input.signed) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: world.tpp.clientId, aud: world.origin, nbf: now, exp: now + 300, ...parameters };
      const mutation = input.part === 'request-object' ? input.mutation : UNMUTATED_JWT;
      const header = { typ: 'oauth-authz-req+jwt', kid: world.tpp.signingKey.kid };
      const request = await mutatedJwt(world.tpp.signingKey, header, claims, mutation);
      form = [
        ['client_id', world.tpp.clientId],
        ['request', request],
      ];
    }
    form = await authenticated(world, input, form);
    const headers = await withHeaderEdit(
      world,
      formHeaders(),
      input.part === 'header' ? input.edit : { kind: 'keep' },
      {
        method: 'POST',
        url: `${world.origin}/par`,
      },
    );
    return {
      method: 'POST',
      path: '/par',
      headers,
      body: editedForm(form, input.part === 'form' ? input.edit : { kind: 'keep' }),
    };
  },
};

const GRANTS = ['client_credentials', 'authorization_code', 'refresh_token'] as const;

type TokenInput = FormInput & {
  endpoint: '/token' | '/revoke' | '/introspect';
  grant: (typeof GRANTS)[number] | string;
};

export const tokenTarget: FuzzTarget<TokenInput> = {
  name: 'token',
  ids: ['ROB-1', 'CLI-2', 'DPOP-1'],
  format: 'oauth',
  arbitrary: fc
    .record({
      endpoint: fc.constantFrom<TokenInput['endpoint']>(
        '/token',
        '/token',
        '/token',
        '/revoke',
        '/introspect',
      ),
      grant: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...GRANTS) },
        { weight: 1, arbitrary: oddString },
      ),
      input: formInput(false),
    })
    .map(({ endpoint, grant, input }) => ({ ...input, endpoint, grant })),
  async request(world, input) {
    const url = `${world.origin}${input.endpoint}`;
    let form: Form;
    if (input.endpoint !== '/token') {
      form = [['token', 'x'.repeat(43)]];
    } else if (input.grant === 'authorization_code') {
      const pkce = world.tpp.newPkce();
      form = [
        ['grant_type', input.grant],
        ['code', 'Y29kZQ.'.repeat(8)],
        ['redirect_uri', world.tpp.redirectUri],
        ['code_verifier', pkce.verifier],
      ];
    } else if (input.grant === 'refresh_token') {
      form = [
        ['grant_type', input.grant],
        ['refresh_token', 'r'.repeat(43)],
      ];
    } else {
      form = [
        ['grant_type', input.grant],
        ['scope', 'accounts'],
      ];
    }
    form = await authenticated(world, input, form);
    const base: Array<[string, string]> = [...formHeaders(), ['dpop', await world.dpopProof('POST', url)]];
    const headers = await withHeaderEdit(
      world,
      base,
      input.part === 'header' ? input.edit : { kind: 'keep' },
      {
        method: 'POST',
        url,
      },
    );
    return {
      method: 'POST',
      path: input.endpoint,
      headers,
      body: editedForm(form, input.part === 'form' ? input.edit : { kind: 'keep' }),
    };
  },
};
