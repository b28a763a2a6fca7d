// The only place that touches jose and node:crypto: keys, JWKS, JWS with algorithm allow-lists,
// DPoP, client assertions, request objects, PKCE, thumbprints, sealing, random ids. (G3)
export {};
