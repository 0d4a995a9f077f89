import { MappingError, toMappingErrorData } from './mapping-error';

describe('toMappingErrorData', () => {
  const spec = { id: 'err', version: '2.0.0' };

  it('keeps JSONata codes, position and token, adding the spec', () => {
    expect(toMappingErrorData({ code: 'T2001', message: 'left side', position: 3, token: '+' }, spec)).toEqual({
      code: 'T2001',
      message: 'left side',
      position: 3,
      token: '+',
      specId: 'err',
      version: '2.0.0',
    });
  });

  it('reports JSONata stack and time guardrails as U1001, and its sequence limit as MW_SEQUENCE_LIMIT', () => {
    expect(toMappingErrorData({ code: 'D1011', value: 200 }, spec)).toMatchObject({ code: 'U1001', guardrail: 'depth' });
    expect(toMappingErrorData({ code: 'D1012', value: 1000 }, spec)).toMatchObject({ code: 'U1001', guardrail: 'timeout' });
    expect(toMappingErrorData({ code: 'D2015', value: 5 }, spec)).toMatchObject({ code: 'MW_SEQUENCE_LIMIT', guardrail: 'sequence' });
  });

  it('unwraps a guardrail tripped inside $eval, but keeps other $eval failures as D3121', () => {
    expect(toMappingErrorData({ code: 'D3121', error: { code: 'D1012', value: 10 } }, spec)).toMatchObject({ code: 'U1001', guardrail: 'timeout' });
    expect(toMappingErrorData({ code: 'D3121', message: 'bad', error: { code: 'T2001' } }, spec)).toMatchObject({ code: 'D3121' });
  });

  it('codes a JavaScript stack overflow as MW_DEPTH and anything else as MW_EVALUATION_FAILED', () => {
    expect(toMappingErrorData(new RangeError('Maximum call stack size exceeded'), spec)).toMatchObject({ code: 'MW_DEPTH' });
    expect(toMappingErrorData(new TypeError('boom'), spec)).toMatchObject({ code: 'MW_EVALUATION_FAILED', message: 'boom' });
    expect(toMappingErrorData('a bare string', spec)).toMatchObject({ code: 'MW_EVALUATION_FAILED' });
  });

  it('keeps a MappingError’s data and the position JSONata attached to it', () => {
    const err = MappingError.of('MW_XREF_MISS', 'no row') as MappingError & { position?: number; token?: string };
    err.position = 12;
    err.token = 'xref';
    expect(toMappingErrorData(err, spec)).toEqual({ code: 'MW_XREF_MISS', message: 'no row', position: 12, token: 'xref', specId: 'err', version: '2.0.0' });
  });
});
