/**
 * Path navigation: steps mapped over the input sequence with one-level flattening,
 * stage filters, and the tuple-stream form used by focus (`@`), index (`#`) and
 * parent (`%`) bindings. Mirrors evaluatePath / evaluateStep / evaluateTupleStep.
 */
import { AstNode, CompileContext } from './compile-context';
import { Ev, Frame, throwDepth, tick } from './runtime';
import { createSequence, finish, isSequence, Seq, sequenceOf, Tuple } from './sequence';
import { compileFilter } from './filters';
import { compileGroup } from './group';
import { compileSort } from './sort';

type StepEv = (input: any, env: Frame) => any;
type TupleStepEv = (input: any, tuples: Tuple[] | undefined, env: Frame) => Seq;

export function frameFromTuple(env: Frame, tuple: Tuple): Frame {
  const frame = env.child();
  for (const key of Object.keys(tuple)) frame.vars[key] = tuple[key];
  return frame;
}

/** Stages: filters and index bindings applied after a step. */
function compileStages(stages: AstNode[] | undefined, depth: number, cc: CompileContext): ((input: any, env: Frame) => any) | undefined {
  if (!stages || stages.length === 0) return undefined;
  const parts = stages.map((stage) => {
    if (stage.type === 'filter') {
      const filter = compileFilter(stage.expr as AstNode, depth, cc);
      return (input: any, env: Frame) => filter(input, env);
    }
    const name = stage.value as string;
    return (input: any) => {
      for (let i = 0; i < input.length; i++) input[i][name] = i;
      return input;
    };
  });
  return (input, env) => {
    let result = input;
    for (const part of parts) result = part(result, env);
    return result;
  };
}

function compileStep(step: AstNode, depth: number, cc: CompileContext, lastStep: boolean): StepEv {
  if (step.type === 'sort') {
    const sort = compileSort(step, depth, cc);
    const stages = compileStages(step.stages, depth, cc);
    return (input, env) => {
      const sorted = sort(input, env);
      return stages ? stages(sorted, env) : sorted;
    };
  }
  const ev = cc.node(step, depth);
  const stageList = step.stages ?? [];
  const filters = stageList.map((stage) => compileFilter(stage.expr as AstNode, depth, cc));
  return (input, env) => {
    const result: unknown[] = [];
    for (let i = 0; i < input.length; i++) {
      let res = ev(input[i], env);
      for (let s = 0; s < filters.length; s++) res = filters[s](res, env);
      if (res !== undefined) result.push(res);
    }
    if (lastStep && result.length === 1 && Array.isArray(result[0]) && !isSequence(result[0])) return result[0];
    const out = createSequence();
    for (let r = 0; r < result.length; r++) {
      const res = result[r];
      if (!Array.isArray(res) || (res as Seq).cons) {
        out.push(res);
      } else {
        for (let k = 0; k < res.length; k++) out.push(res[k]);
      }
    }
    return out;
  };
}

function compileTupleStep(step: AstNode, depth: number, cc: CompileContext): TupleStepEv {
  const stages = compileStages(step.stages, depth, cc);
  if (step.type === 'sort') {
    const sort = compileSort(step, depth, cc);
    const indexName = step.index as string;
    return (input, tuples, env) => {
      let result: Seq;
      if (tuples) {
        result = sort(tuples, env);
      } else {
        const sorted = sort(input, env);
        result = createSequence();
        result.tupleStream = true;
        for (let s = 0; s < sorted.length; s++) {
          const tuple: Tuple = { '@': sorted[s] };
          tuple[indexName] = s;
          result.push(tuple);
        }
      }
      return stages ? stages(result, env) : result;
    };
  }
  const ev = cc.node(step, depth);
  const { focus, index, ancestor } = step;
  return (input, tuples, env) => {
    let result = createSequence();
    result.tupleStream = true;
    const bindings: Tuple[] = tuples ?? (input as unknown[]).map((item) => ({ '@': item }));
    for (let e = 0; e < bindings.length; e++) {
      const stepEnv = frameFromTuple(env, bindings[e]);
      let res: any = ev(bindings[e]['@'], stepEnv);
      if (res === undefined) continue;
      if (!Array.isArray(res)) res = [res];
      for (let b = 0; b < res.length; b++) {
        const tuple: Tuple = Object.create(null);
        Object.assign(tuple, bindings[e]);
        if ((res as Seq).tupleStream) {
          Object.assign(tuple, res[b]);
        } else {
          if (focus) {
            tuple[focus] = res[b];
            tuple['@'] = bindings[e]['@'];
          } else {
            tuple['@'] = res[b];
          }
          if (index) tuple[index] = b;
          if (ancestor) tuple[ancestor.label] = bindings[e]['@'];
        }
        result.push(tuple);
      }
    }
    if (stages) result = stages(result, env);
    return result;
  };
}

function isPlainName(step: AstNode): boolean {
  return step.type === 'name' && !step.stages?.length && !step.predicate?.length && !step.group && !step.keepArray && !step.tuple && step.focus === undefined && step.index === undefined && !step.ancestor;
}

/**
 * `a.b.c` over a single object: walk the fields directly. Anything that would need
 * flattening (an array on the way) goes to the general path, which starts over.
 */
function namesFastPath(names: string[], depth: number, guarded: boolean, general: Ev): Ev {
  const hasOwn = Object.prototype.hasOwnProperty;
  const last = names.length - 1;
  return (input, env) => {
    if (Array.isArray(input)) return general(input, env);
    if (guarded) {
      const ctx = env.ctx;
      if (ctx.base + depth + 1 > ctx.maxDepth) throwDepth();
      tick(ctx);
    }
    let value: any = input;
    for (let i = 0; i <= last; i++) {
      if (value === null || typeof value !== 'object' || value._jsonata_function === true || value._jsonata_lambda === true) return undefined;
      if (!hasOwn.call(value, names[i])) return undefined;
      value = value[names[i]];
      if (Array.isArray(value) && (i < last || (value as Seq).sequence === true)) return general(input, env);
    }
    return value;
  };
}

/** Compiles a path; with `finished`, results are already collapsed as evaluate() would. */
export function compilePath(node: AstNode, depth: number, cc: CompileContext, finished = false): Ev {
  const raw = compileRawPath(node, depth, cc);
  const steps = node.steps as AstNode[];
  if (!finished) return raw;
  const keepArray = node.keepArray === true;
  const general: Ev = (input, env) => finish(raw(input, env), keepArray);
  if (steps.every(isPlainName) && !node.group && !node.keepSingletonArray && !node.tuple && !keepArray) {
    return namesFastPath(steps.map((s) => s.value as string), depth, cc.guarded, general);
  }
  return general;
}

function compileRawPath(node: AstNode, depth: number, cc: CompileContext): Ev {
  const steps = node.steps as AstNode[];
  const firstIsVariable = steps[0].type === 'variable';
  const group = node.group ? compileGroup(node.group, depth + 1, cc) : undefined;
  const keepSingletonArray = node.keepSingletonArray === true;
  const tupleFrom = steps.findIndex((s) => s.tuple);
  const consFirst = steps[0].consarray === true ? cc.node(steps[0], depth + 1) : undefined;

  const finishPath = (resultSequence: any, tuples: any, env: Frame) => {
    if (keepSingletonArray) {
      if (Array.isArray(resultSequence) && (resultSequence as Seq).cons && !(resultSequence as Seq).sequence) {
        resultSequence = sequenceOf(resultSequence);
      }
      resultSequence.keepSingleton = true;
    }
    if (group) resultSequence = group(tuples !== undefined ? tuples : resultSequence, env);
    return resultSequence;
  };

  if (tupleFrom < 0) {
    const compiled = steps.map((step, i) => (i === 0 && consFirst ? undefined : compileStep(step, depth + 1, cc, i === steps.length - 1)));
    return (input, env) => {
      let inputSequence: any = Array.isArray(input) && !firstIsVariable ? input : sequenceOf(input);
      let resultSequence: any;
      for (let i = 0; i < compiled.length; i++) {
        const step = compiled[i];
        resultSequence = step === undefined ? (consFirst as Ev)(inputSequence, env) : step(inputSequence, env);
        if (resultSequence === undefined || resultSequence.length === 0) break;
        inputSequence = resultSequence;
      }
      return finishPath(resultSequence, undefined, env);
    };
  }

  // Tuple stream: once a step binds focus/index/ancestor, later steps carry bindings.
  const plain = steps.map((step, i) => (i < tupleFrom && !(i === 0 && consFirst) ? compileStep(step, depth + 1, cc, i === steps.length - 1) : undefined));
  const tupled = steps.map((step, i) => (i >= tupleFrom && !(i === 0 && consFirst) ? compileTupleStep(step, depth + 1, cc) : undefined));
  const keepTuples = node.tuple === true;
  return (input, env) => {
    let inputSequence: any = Array.isArray(input) && !firstIsVariable ? input : sequenceOf(input);
    let resultSequence: any;
    let tuples: Tuple[] | undefined;
    let inTuples = false;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (step.tuple) inTuples = true;
      if (i === 0 && consFirst) {
        resultSequence = consFirst(inputSequence, env);
      } else if (inTuples) {
        tuples = (tupled[i] as TupleStepEv)(inputSequence, tuples, env) as Tuple[];
      } else {
        resultSequence = (plain[i] as StepEv)(inputSequence, env);
      }
      if (!inTuples && (resultSequence === undefined || resultSequence.length === 0)) break;
      if (step.focus === undefined) inputSequence = resultSequence;
    }
    if (inTuples) {
      if (keepTuples) {
        resultSequence = tuples;
      } else {
        resultSequence = createSequence();
        for (const tuple of tuples as Tuple[]) resultSequence.push(tuple['@']);
      }
    }
    return finishPath(resultSequence, inTuples ? tuples : undefined, env);
  };
}
