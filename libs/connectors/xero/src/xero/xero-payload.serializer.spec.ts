import Decimal from 'decimal.js';
import { serializeXeroPayload } from './xero-payload.serializer';

describe('serializeXeroPayload', () => {
  it('writes decimal strings as JSON numbers with every digit kept', () => {
    const json = serializeXeroPayload({ LineItems: [{ LineAmount: '12345678901234567.89', Quantity: '007.50', UnitAmount: new Decimal('0.1') }] });
    expect(json).toBe('{"LineItems":[{"LineAmount":12345678901234567.89,"Quantity":7.5,"UnitAmount":0.1}]}');
  });

  it('leaves non-money strings alone and drops undefined fields', () => {
    expect(serializeXeroPayload({ Reference: '123.45', AccountCode: '200', Url: undefined })).toBe('{"Reference":"123.45","AccountCode":"200"}');
  });

  it('refuses a money field that is not a decimal', () => {
    expect(() => serializeXeroPayload({ LineAmount: '1,000.00' })).toThrow(expect.objectContaining({ code: 'XERO_PAYLOAD_NOT_DECIMAL' }));
  });
});
