// Why a consent refuses a command. Each is an OB error, so the HTTP layer can let it through and
// event reactions can recognise a refusal (and ignore it) as opposed to a failure.
import { ObError } from '../../open-banking/ob-error';

export class ConsentRefused extends ObError {
  constructor(message: string, errorCode = 'UK.OBIE.Resource.InvalidConsentStatus', status = 400) {
    super(status, errorCode, message);
  }
}

export const consentNotFound = () =>
  new ConsentRefused('Consent was not found', 'UK.OBIE.Resource.NotFound', 404);
