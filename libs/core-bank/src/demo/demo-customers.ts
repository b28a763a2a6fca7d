// The demo bank's customers. Their PSU ids are shared by the demo PSU authenticator (apps/authorize,
// which holds their scrypt-hashed passwords) and the demo core bank (their accounts).
export interface DemoCustomer {
  psuId: string;
  username: string;
  name: string;
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { psuId: 'psu-alice', username: 'alice', name: 'Alice Example' },
  { psuId: 'psu-bob', username: 'bob', name: 'Bob Example' },
];
