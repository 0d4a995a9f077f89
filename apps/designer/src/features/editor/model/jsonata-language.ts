import type * as Monaco from 'monaco-editor';
import { parseJsonata } from '../../canvas/model/jsonata-mapping';
import { FUNCTION_CATALOG } from './function-catalog';
import { formatJsonata } from './format-jsonata';

export const JSONATA = 'jsonata';

/** What completion offers right now: the open spec's source paths (schema and sample). */
export const completionContext: { sourcePaths: string[] } = { sourcePaths: [] };

const monarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: ['and', 'or', 'in', 'true', 'false', 'null', 'function'],
  operators: [':=', '~>', '!=', '<=', '>=', '..', '?:', '??', '=', '<', '>', '&', '+', '-', '*', '/', '%', '?', ':', '|', '^'],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  tokenizer: {
    root: [
      [/\/\*/, 'comment', '@comment'],
      [/\$[a-zA-Z_][\w]*(?=\s*\()/, 'support.function'],
      [/\$[a-zA-Z_][\w]*/, 'variable'],
      [/\$\$?/, 'variable'],
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/`[^`]*`/, 'identifier'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/'([^'\\]|\\.)*'/, 'string'],
      [/-?\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/[{}()[\]]/, '@brackets'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/[;,]/, 'delimiter'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

let registered = false;

export function registerJsonata(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: JSONATA, extensions: ['.jsonata'], aliases: ['JSONata'] });
  monaco.languages.setMonarchTokensProvider(JSONATA, monarch);
  monaco.languages.setLanguageConfiguration(JSONATA, {
    comments: { blockComment: ['/*', '*/'] },
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }],
  });
  monaco.languages.registerCompletionItemProvider(JSONATA, {
    triggerCharacters: ['$', '.'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const fnMatch = /\$([\w]*)$/.exec(line);
      const pathMatch = /([\w.]*)$/.exec(line);
      const word = fnMatch ? fnMatch[1] : (pathMatch?.[1] ?? '');
      const range = new monaco.Range(position.lineNumber, position.column - word.length, position.lineNumber, position.column);
      if (fnMatch) {
        return {
          suggestions: FUNCTION_CATALOG.map((f) => ({
            label: `$${f.name}`,
            kind: monaco.languages.CompletionItemKind.Function,
            detail: `${f.signature}${f.library ? ' · Mapwright library' : ''}`,
            documentation: f.summary,
            insertText: f.snippet,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
            sortText: f.library ? `0${f.name}` : `1${f.name}`,
          })),
        };
      }
      return {
        suggestions: completionContext.sourcePaths.map((p) => ({ label: p, kind: monaco.languages.CompletionItemKind.Field, detail: 'source field', insertText: p, range })),
      };
    },
  });
  const formatter = (whole: (m: Monaco.editor.ITextModel) => boolean): Monaco.languages.DocumentFormattingEditProvider => ({
    provideDocumentFormattingEdits(model) {
      const text = model.getValue();
      const formatted = formatJsonata(text, whole(model));
      return formatted === text ? [] : [{ range: model.getFullModelRange(), text: formatted }];
    },
  });
  // Whole mappings are multi-line documents; per-field expressions are single values.
  monaco.languages.registerDocumentFormattingEditProvider(JSONATA, formatter((m) => m.getLineCount() > 3));
}

/** Underlines the parse error at the exact token jsonata reports; clears markers when the text parses. */
export function validateJsonataModel(monaco: typeof Monaco, model: Monaco.editor.ITextModel): string | null {
  const result = parseJsonata(model.getValue());
  if (result.ok) {
    monaco.editor.setModelMarkers(model, JSONATA, []);
    return null;
  }
  const start = model.getPositionAt(result.error.start);
  const end = model.getPositionAt(result.error.end);
  monaco.editor.setModelMarkers(model, JSONATA, [{
    severity: monaco.MarkerSeverity.Error,
    message: `${result.error.code}: ${result.error.message}`,
    startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column,
  }]);
  return `${result.error.code} at ${start.lineNumber}:${start.column} — ${result.error.message}`;
}
