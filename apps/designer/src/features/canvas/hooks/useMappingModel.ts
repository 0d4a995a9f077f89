import { useMemo, useRef } from 'react';
import { JsonataSyntaxError, MappingModel, parseMapping } from '../model/jsonata-mapping';

/** The canvas model of the current text; while the text does not parse, the last good model stays on screen. */
export function useMappingModel(expression: string): { model: MappingModel; error: JsonataSyntaxError | null } {
  const lastGood = useRef<MappingModel>({ kind: 'opaque', text: '', reason: 'empty' });
  return useMemo(() => {
    const parsed = parseMapping(expression);
    if (parsed.ok) {
      lastGood.current = parsed.model;
      return { model: parsed.model, error: null };
    }
    return { model: lastGood.current, error: parsed.error };
  }, [expression]);
}
