import type { CanonicalModel } from './generated/canonical.generated';

/** Title of a top-level canonical object type, e.g. "TimeEntry". */
export type CanonicalObjectName = keyof CanonicalModel;

/** Any top-level canonical object. */
export type CanonicalObject = CanonicalModel[CanonicalObjectName];
