import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AppError } from '../common/app-error';
import { Dialect, dialectOf } from './data-source.factory';

/** Serialises SQLite writers: one connection means interleaved transactions would share state. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

export type ConstraintKind = 'unique' | 'trigger' | 'other';

/** Classifies driver errors without ever passing their text to clients. */
export function constraintKind(err: unknown): ConstraintKind {
  if (!(err instanceof QueryFailedError)) return 'other';
  const driver = (err as QueryFailedError & { driverError?: { code?: string; message?: string } }).driverError;
  const code = driver?.code ?? '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  if (code === 'P0001' || code === 'SQLITE_CONSTRAINT_TRIGGER') return 'trigger';
  return 'other';
}

/** Database rules are a backstop for the service's checks; name the rule, never echo the driver text. */
export function translateTriggerError(err: unknown): unknown {
  if (constraintKind(err) !== 'trigger') return err;
  const text = String((err as { driverError?: { message?: string } }).driverError?.message ?? '');
  if (text.includes('author cannot approve')) return new AppError('SELF_APPROVAL_FORBIDDEN', 'The author of a version cannot approve it.');
  if (text.includes('not enough approvals')) return new AppError('INSUFFICIENT_APPROVALS', 'The version does not have the approvals its risk class requires.');
  return new AppError('VERSION_IMMUTABLE', 'The record is protected and cannot be changed.');
}

@Injectable()
export class TransactionService {
  readonly dialect: Dialect;
  private readonly sqliteWriter = new Mutex();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.dialect = dialectOf(dataSource);
  }

  /** Runs `fn` in one transaction; PostgreSQL uses real concurrency, SQLite one writer at a time. */
  async write<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction((manager) => fn(manager));
    try {
      return this.dialect === 'sqlite' ? await this.sqliteWriter.run(run) : await run();
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw translateTriggerError(err);
    }
  }

  /** Takes a transaction-scoped lock in PostgreSQL; SQLite is already single-writer. */
  async lock(manager: EntityManager, name: string): Promise<void> {
    if (this.dialect === 'postgres') {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
    }
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
