// Payment orders recorded but not yet settled by the bank: the hand-over sweep finds here the ones
// the bank never received (it failed, or the service stopped before handing them over).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentHandOvers1763900000950 implements MigrationInterface {
  name = 'CreatePaymentHandOvers1763900000950';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE payment_hand_overs (
        payment_id  text        PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX payment_hand_overs_recorded_at ON payment_hand_overs (recorded_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE payment_hand_overs');
  }
}
