export const CANONICAL_MODEL_VERSION = '0.1.0';
