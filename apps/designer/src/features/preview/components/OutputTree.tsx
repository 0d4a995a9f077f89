import { memo } from 'react';
import type { Violation } from '../model/preview-engine';

interface Props {
  value: unknown;
  violations: Violation[];
  picked: string | null;
  onPick(pointer: string): void;
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function Scalar({ value }: { value: unknown }) {
  return <span className={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>;
}

function Entry({ name, value, pointer, props }: { name: string; value: unknown; pointer: string; props: Props }) {
  const here = props.violations.filter((v) => v.pointer === pointer);
  const nested = value !== null && typeof value === 'object';
  return (
    <li>
      <button type="button" className={`json-key${props.picked === pointer ? ' picked' : ''}`} onClick={() => props.onPick(pointer)} data-pointer={pointer} aria-label={`Which rule produced ${pointer}`}>
        {name}
      </button>
      : {nested ? <Tree value={value} base={pointer} props={props} /> : <Scalar value={value} />}
      {here.map((v) => <span key={v.message} className="violation" role="note">⚠ {v.message}</span>)}
    </li>
  );
}

function Tree({ value, base, props }: { value: unknown; base: string; props: Props }) {
  if (Array.isArray(value)) {
    return <ul className="json-tree">{value.map((v, i) => <Entry key={i} name={`[${i}]`} value={v} pointer={`${base}/${i}`} props={props} />)}</ul>;
  }
  if (value && typeof value === 'object') {
    return <ul className="json-tree">{Object.entries(value).map(([k, v]) => <Entry key={k} name={k} value={v} pointer={`${base}/${escape(k)}`} props={props} />)}</ul>;
  }
  return <Scalar value={value} />;
}

/** The preview output as a clickable tree; each field shows the schema violations at its JSON pointer. */
export const OutputTree = memo(function OutputTree(props: Props) {
  const exists = (pointer: string): boolean => {
    let node: unknown = props.value;
    for (const part of pointer.split('/').slice(1)) {
      if (!node || typeof node !== 'object') return false;
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node !== undefined;
  };
  const elsewhere = props.violations.filter((v) => !exists(v.pointer) || v.pointer === '/');
  return (
    <div className="output-tree" aria-label="Preview output">
      {elsewhere.length > 0 && (
        <ul className="violations" aria-label="Target schema violations">
          {elsewhere.map((v) => <li key={v.pointer + v.message} className="violation"><code>{v.pointer}</code> {v.message}</li>)}
        </ul>
      )}
      <Tree value={props.value} base="" props={props} />
    </div>
  );
});
