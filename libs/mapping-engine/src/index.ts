export const ENGINE_NAME = 'mapwright-mapping-engine';
