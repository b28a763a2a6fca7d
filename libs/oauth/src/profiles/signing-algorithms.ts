// ALG-1: the JWS algorithms Grantline accepts anywhere; `none`, HS* and RS256 are never in it.
// libs/crypto owns the list, so a profile can only narrow what verification accepts.
export {
  JWS_ALGORITHMS as SIGNING_ALGORITHMS,
  isJwsAlgorithm as isSigningAlgorithm,
  type JwsAlgorithm as SigningAlgorithm,
} from '@grantline/crypto';
