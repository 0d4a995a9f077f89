import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One distinct delivery content per source record; redeliveries only count up `deliveries`. */
@Entity('intake_receipts')
export class IntakeReceiptEntity {
  @PrimaryColumn({ type: 'varchar', length: 60, name: 'source_system' }) sourceSystem!: string;
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'external_id' }) externalId!: string;
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'source_hash' }) sourceHash!: string;
  @Column({ type: 'varchar', length: 200, name: 'entry_id' }) entryId!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'integer' }) deliveries!: number;
  @Column({ type: 'varchar', length: 40, name: 'first_at' }) firstAt!: string;
  @Column({ type: 'varchar', length: 40, name: 'last_at' }) lastAt!: string;
}
