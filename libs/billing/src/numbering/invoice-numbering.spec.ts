import { allocateNumber, allocateNumbers, findSequenceGap, type NumberSeries } from './invoice-numbering';

const series: NumberSeries = { legalEntityId: 'le-uk', documentType: 'invoice', prefix: 'UK-INV-', width: 6, lastNumber: 122 };

describe('invoice numbering', () => {
  it('allocates the next number after the last one and advances the series', () => {
    const next = allocateNumber(series);
    expect(next).toEqual({ number: 'UK-INV-000123', sequence: 123, series: { ...series, lastNumber: 123 } });
    expect(series.lastNumber).toBe(122);
  });

  it('allocates a gapless block and the result checks clean', () => {
    const { numbers, series: after } = allocateNumbers({ ...series, lastNumber: 0 }, 4);
    expect(numbers).toEqual(['UK-INV-000001', 'UK-INV-000002', 'UK-INV-000003', 'UK-INV-000004']);
    expect(after.lastNumber).toBe(4);
    expect(findSequenceGap('UK-INV-', numbers)).toEqual({ missing: [], duplicates: [] });
    expect(findSequenceGap('UK-INV-', ['UK-INV-000001', 'UK-INV-000003', 'UK-INV-000003'])).toEqual({ missing: [2], duplicates: [3] });
  });

  it('refuses a broken series and a number that outgrows its width', () => {
    expect(() => allocateNumber({ ...series, lastNumber: -1 })).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_SEQUENCE' }));
    expect(() => allocateNumber({ ...series, width: 2, lastNumber: 99 })).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_SEQUENCE' }));
    expect(() => findSequenceGap('UK-INV-', ['DE-INV-1'])).toThrow(expect.objectContaining({ code: 'BILLING_INVALID_SEQUENCE' }));
  });
});
