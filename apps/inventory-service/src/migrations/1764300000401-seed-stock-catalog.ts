import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog the demo, the end-to-end tests and the README use. Plenty of the everyday items; RARE-001 (one unit)
 * and SOLD-OUT-001 (none) make the OUT_OF_STOCK rejection and its compensation easy to show.
 */
export const seedCatalog: ReadonlyArray<{ sku: string; name: string; onHand: number }> = [
  { sku: 'BOOK-001', name: 'Domain-Driven Design', onHand: 500 },
  { sku: 'BOOK-002', name: 'Designing Data-Intensive Applications', onHand: 500 },
  { sku: 'BOOK-003', name: 'Enterprise Integration Patterns', onHand: 500 },
  { sku: 'MUG-042', name: 'Event-Driven Coffee Mug', onHand: 500 },
  { sku: 'TSHIRT-007', name: 'Outbox Pattern T-Shirt', onHand: 300 },
  { sku: 'STICKER-100', name: 'Kafka Sticker Pack', onHand: 1000 },
  { sku: 'RARE-001', name: 'Signed First Edition', onHand: 1 },
  { sku: 'SOLD-OUT-001', name: 'Limited Edition Poster', onHand: 0 },
];

export class SeedStockCatalog1764300000401 implements MigrationInterface {
  name = 'SeedStockCatalog1764300000401';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { sku, name, onHand } of seedCatalog) {
      await queryRunner.query(
        `INSERT INTO stock (sku, name, on_hand, reserved) VALUES ($1, $2, $3, 0) ON CONFLICT (sku) DO NOTHING`,
        [sku, name, onHand],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM stock WHERE sku = ANY($1) AND reserved = 0`, [
      seedCatalog.map((item) => item.sku),
    ]);
  }
}
