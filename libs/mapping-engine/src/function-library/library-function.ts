import type jsonata from 'jsonata';

/** One function of the engine's library, registered on every prepared spec. */
export interface LibraryFunction {
  name: string;
  /** JSONata signature string, checked by JSONata before the call. */
  signature: string;
  implementation: (this: jsonata.Focus, ...args: any[]) => unknown;
}
