/** ISO 4217 minor units for active currency codes (list of 2024); codes not listed are refused. */
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE ' +
  'CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL ' +
  'HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR ' +
  'MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK ' +
  'SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD ' +
  'XCG YER ZAR ZMW ZWG';

function table(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  const add = (codes: string, units: number) => codes.split(' ').forEach((c) => map.set(c, units));
  add(TWO, 2);
  add(ZERO, 0);
  add(THREE, 3);
  add(FOUR, 4);
  return map;
}

export const CURRENCY_MINOR_UNITS: ReadonlyMap<string, number> = table();

export function minorUnitsOf(currency: string): number | undefined {
  // codes mostly arrive in upper case already; only other spellings pay for the conversion
  return CURRENCY_MINOR_UNITS.get(currency) ?? CURRENCY_MINOR_UNITS.get(currency.toUpperCase());
}
