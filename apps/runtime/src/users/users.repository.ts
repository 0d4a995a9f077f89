import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  find(name: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ name });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  async insert(manager: EntityManager, user: UserEntity): Promise<void> {
    await manager.getRepository(UserEntity).insert(user);
  }
}
