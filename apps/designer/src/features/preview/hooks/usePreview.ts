import { useCallback, useEffect, useRef, useState } from 'react';
import { PreviewEngine, PreviewRequest, PreviewResponse, PreviewSample } from '../model/preview-engine';

interface Runner {
  run(req: PreviewRequest): Promise<PreviewResponse>;
  dispose(): void;
}

/** The Web Worker when the browser has one; in-thread otherwise (component tests run in jsdom). */
function createRunner(): Runner {
  if (typeof Worker === 'undefined') {
    const engine = new PreviewEngine();
    return { run: (req) => engine.run(req), dispose: () => undefined };
  }
  const worker = new Worker(new URL('../worker/preview.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, (r: PreviewResponse) => void>();
  worker.onmessage = (e: MessageEvent<PreviewResponse>) => {
    waiting.get(e.data.id)?.(e.data);
    waiting.delete(e.data.id);
  };
  return {
    run: (req) => new Promise<PreviewResponse>((resolve) => {
      waiting.set(req.id, resolve);
      worker.postMessage(req);
    }),
    dispose: () => worker.terminate(),
  };
}

export interface PreviewInput {
  expression: string;
  samples: PreviewSample[];
  reference: unknown;
  outputSchema?: object;
}

/** Re-runs the mapping over the samples as the text changes; only the newest answer is kept. */
export function usePreview({ expression, samples, reference, outputSchema }: PreviewInput) {
  const runner = useRef<Runner | null>(null);
  const seq = useRef(0);
  const [response, setResponse] = useState<PreviewResponse | null>(null);

  useEffect(() => {
    runner.current = createRunner();
    return () => runner.current?.dispose();
  }, []);

  useEffect(() => {
    const id = ++seq.current;
    const timer = setTimeout(() => {
      runner.current?.run({ id, expression, samples, reference, outputSchema }).then((r) => {
        if (r.id === seq.current) setResponse(r);
      });
    }, 40);
    return () => clearTimeout(timer);
  }, [expression, samples, reference, outputSchema]);

  /** Maps `count` copies of the first sample and reports the worker's own timing. */
  const benchmark = useCallback(async (count: number): Promise<PreviewResponse | null> => {
    if (!runner.current || samples.length === 0) return null;
    const many = Array.from({ length: count }, (_, i) => ({ ...samples[i % samples.length], name: `copy ${i + 1}` }));
    const id = ++seq.current;
    return runner.current.run({ id, expression, samples: many, reference, outputSchema });
  }, [expression, samples, reference, outputSchema]);

  return { response, benchmark };
}
