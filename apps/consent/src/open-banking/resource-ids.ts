// Resource ids: 128 bits from the CSPRNG (ALG-3), in the identifier alphabet events accept.
import { randomId } from '@grantline/crypto';

export const newResourceId = (prefix: 'aac' | 'pdc' | 'dp') => `${prefix}-${randomId(16).replace(/_/g, '~')}`;
