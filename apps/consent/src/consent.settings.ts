// Settings handlers need, as one injectable value derived from ConsentConfig.
export const CONSENT_SETTINGS = Symbol('consent.settings');

export interface ConsentSettings {
  paymentConsentLifetimeSeconds: number;
  expirySweepMs: number;
}
