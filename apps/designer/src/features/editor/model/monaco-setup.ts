import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { registerJsonata } from './jsonata-language';

// Monaco is bundled from the local package; the loader must never fetch it from a CDN.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });
registerJsonata(monaco);

export { monaco };
