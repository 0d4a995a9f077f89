import { Module } from '@nestjs/common';
import { MasterDataModule } from '../master-data/master-data.module';
import { SpecsModule } from '../specs/specs.module';
import { ErpDocumentStore } from './erp-document.store';
import { PostingConsumer } from './posting.consumer';
import { XeroClientProvider } from './xero-client.provider';

@Module({ imports: [SpecsModule, MasterDataModule], providers: [ErpDocumentStore, XeroClientProvider, PostingConsumer], exports: [ErpDocumentStore, XeroClientProvider, PostingConsumer] })
export class ErpDeliveryModule {}
