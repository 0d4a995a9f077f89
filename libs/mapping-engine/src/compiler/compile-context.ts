/** Shared compile-time types: the AST shape produced by jsonata's parser and the decline signal. */
import type { Ev } from './runtime';

export interface AstNode {
  type: string;
  value?: any;
  position?: number;
  steps?: AstNode[];
  stages?: AstNode[];
  predicate?: AstNode[];
  expressions?: AstNode[];
  arguments?: AstNode[];
  terms?: { descending?: boolean; expression: AstNode }[];
  lhs?: any;
  rhs?: AstNode;
  expr?: AstNode;
  expression?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  procedure?: AstNode;
  body?: AstNode;
  signature?: any;
  group?: { lhs: [AstNode, AstNode][]; position?: number };
  pattern?: AstNode;
  update?: AstNode;
  delete?: AstNode;
  slot?: { label: string };
  ancestor?: { label: string };
  focus?: string;
  index?: string;
  tuple?: boolean;
  keepArray?: boolean;
  keepSingletonArray?: boolean;
  consarray?: boolean;
  thunk?: boolean;
}

/** Thrown while compiling when an expression uses something the compiler does not handle. */
export class Decline extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function decline(reason: string): never {
  throw new Decline(reason);
}

export interface CompileContext {
  /** Emit depth and deadline checks (a separate closure tree is built for guarded runs). */
  guarded: boolean;
  /** Compiles a node whose interpreter evaluate-depth is `depth` relative to its body root. */
  node(node: AstNode, depth: number): Ev;
}
