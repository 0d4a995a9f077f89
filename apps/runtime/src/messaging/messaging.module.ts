import { Global, Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** Global so any feature can write events inside its own transaction without importing this module. */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class MessagingModule {}
