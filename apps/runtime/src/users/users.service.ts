import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../auth/principal';
import { DEMO_USERS, Role, isRole } from '../auth/roles';
import { AppError } from '../common/app-error';
import { canonicalHash } from '../common/canonical-hash';
import { TransactionService } from '../database/transaction.service';
import { UserEntity } from './entities/user.entity';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly repo: UsersRepository,
    @Inject(TransactionService) private readonly tx: TransactionService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** First start only: the demo users named in the product brief. */
  async seedDemoUsers(): Promise<number> {
    if ((await this.repo.count()) > 0) return 0;
    await this.tx.write(async (manager) => {
      for (const u of DEMO_USERS) {
        const row = Object.assign(new UserEntity(), { name: u.name, displayName: u.displayName, roles: JSON.stringify(u.roles), createdAt: new Date().toISOString() });
        await this.repo.insert(manager, row);
        await this.audit.append(manager, { actor: SYSTEM_ACTOR, action: 'user.seeded', entityType: 'user', entityId: u.name, afterHash: canonicalHash({ name: u.name, roles: u.roles }) });
      }
    });
    return DEMO_USERS.length;
  }

  async requireUser(name: string): Promise<{ name: string; displayName: string; roles: Role[] }> {
    const row = await this.repo.find(name);
    if (!row) throw new AppError('UNKNOWN_USER', `No user "${name}"; demo users are ${DEMO_USERS.map((u) => u.name).join(', ')}.`);
    return { name: row.name, displayName: row.displayName, roles: (JSON.parse(row.roles) as unknown[]).filter(isRole) };
  }
}
