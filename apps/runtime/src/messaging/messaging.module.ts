import { Global, Module } from '@nestjs/common';
import { ExceptionsModule } from '../exceptions/exceptions.module';
import { MessageDispatcher } from './message-dispatcher.service';
import { MessagingMetrics } from './messaging.metrics';
import { MessagingRepository } from './messaging.repository';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';

/** Global so any feature can write events inside its own transaction without importing this module. */
@Global()
@Module({ imports: [ExceptionsModule], providers: [OutboxService, MessagingRepository, MessageDispatcher, OutboxRelay, MessagingMetrics], exports: [OutboxService, MessagingRepository, MessageDispatcher, OutboxRelay] })
export class MessagingModule {}
