import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 200, name: 'display_name' })
  displayName!: string;

  /** JSON array of role names. */
  @Column({ type: 'text' })
  roles!: string;

  @Column({ type: 'varchar', length: 40, name: 'created_at' })
  createdAt!: string;
}
