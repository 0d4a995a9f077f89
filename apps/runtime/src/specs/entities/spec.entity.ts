import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Mapping kinds plus `reference` and `routing`, which share the same lifecycle and tables. */
export type SpecKind = 'inbound' | 'outbound' | 'canonical' | 'reference' | 'routing';
export type RiskClass = 'financial' | 'operational' | 'standard';

@Entity('specs')
export class SpecEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: SpecKind;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 200 })
  owner!: string;

  @Column({ type: 'varchar', length: 20, name: 'risk_class' })
  riskClass!: RiskClass;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;

  @Column({ type: 'varchar', length: 100, name: 'correlation_id' })
  correlationId!: string;
}
