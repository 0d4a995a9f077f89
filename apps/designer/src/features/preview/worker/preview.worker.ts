/// <reference lib="webworker" />
import { PreviewEngine, PreviewRequest } from '../model/preview-engine';

// Preview errors show code, message and position, never a stack; jsonata and the library build an Error
// for each failing record, and capturing its stack is work nobody sees.
Error.stackTraceLimit = 0;

const engine = new PreviewEngine();
let latest = 0;

// Requests arrive on every keystroke; one superseded before it starts gets an empty answer instead of a run.
self.onmessage = async (event: MessageEvent<PreviewRequest>) => {
  latest = event.data.id;
  await new Promise((resolve) => setTimeout(resolve, 0));
  const response = event.data.id === latest ? await engine.run(event.data) : { id: event.data.id, outcomes: [], elapsedMs: 0 };
  (self as unknown as Worker).postMessage(response);
};
