import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT_METADATA = 'mapwright:idempotent';

/** Marks a creating POST as honouring the Idempotency-Key header. */
export const Idempotent = () => SetMetadata(IDEMPOTENT_METADATA, true);
