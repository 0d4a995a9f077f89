/**
 * Transform expressions (`| pattern | update, delete |`): evaluate to a function
 * that clones its argument with $clone and applies updates and deletions to the
 * matched parts. Mirrors evaluateTransformExpression.
 */
import { AstNode, CompileContext } from './compile-context';
import { jsonataError } from './errors';
import { applyFunction, defineNative, Ev, Frame } from './runtime';
import { isJsonataFunction, objectKeys } from './sequence';
import { ref } from './reference-library';

export function compileTransform(node: AstNode, cc: CompileContext): Ev {
  // Runs like a function body: one level below the node that invokes it.
  const pattern = cc.node(node.pattern as AstNode, 0);
  const update = cc.node(node.update as AstNode, 0);
  const deletion = node.delete !== undefined ? cc.node(node.delete, 0) : undefined;
  const position = node.position;
  const updatePosition = (node.update as AstNode).position;
  const deletePosition = node.delete?.position;
  const signature = ref().parseSignature('<(oa):o>');
  const { isArrayOfStrings } = ref().utils;
  return (_input, env: Frame) => {
    const transformer = (obj: unknown) => {
      if (obj === undefined) return undefined;
      const cloneFunction = env.lookup('clone');
      if (!isJsonataFunction(cloneFunction)) throw jsonataError('T2013', { position });
      const ctx = env.ctx;
      const savedBase = ctx.base;
      const savedCall = ctx.callDepth;
      if (ctx.guarded) ctx.base = ctx.callDepth + 1;
      try {
        const result = applyFunction(cloneFunction, [obj], null, ctx);
        let matches: any = pattern(result, env);
        if (matches !== undefined) {
          if (!Array.isArray(matches)) matches = [matches];
          for (let i = 0; i < matches.length; i++) {
            const match = matches[i];
            const updated: any = update(match, env);
            if (updated !== undefined) {
              if (typeof updated !== 'object' || updated === null || Array.isArray(updated)) {
                throw jsonataError('T2011', { position: updatePosition, value: updated });
              }
              for (const prop of objectKeys(updated)) match[prop] = updated[prop];
            }
            if (deletion) {
              let deletions: any = deletion(match, env);
              if (deletions !== undefined) {
                const value = deletions;
                if (!Array.isArray(deletions)) deletions = [deletions];
                if (!isArrayOfStrings(deletions)) throw jsonataError('T2012', { position: deletePosition, value });
                for (const key of deletions) {
                  if (typeof match === 'object' && match !== null) delete match[key];
                }
              }
            }
          }
        }
        return result;
      } finally {
        ctx.base = savedBase;
        ctx.callDepth = savedCall;
      }
    };
    return defineNative(transformer, signature);
  };
}
