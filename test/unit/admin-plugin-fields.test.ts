import { describe, expect, it } from 'vitest';
import { compactIban, groupIban, ibanProblem, ibanRemainder } from '../../admin/src/fields/plugins/ibanValue.ts';
import { convertWeight, shiftDecimal, splitUnit, trimScale } from '../../admin/src/fields/plugins/weightValue.ts';

/** The pure parts of the admin side of the shipped plugin field types: IBAN checks and exact weight conversion. */
describe('iban (admin/src/fields/plugins/ibanValue.ts)', () => {
  it('keeps IBANs compact and uppercase, and groups them in blocks of four', () => {
    expect(compactIban(' de89 3704 0044\t0532 0130 00 ')).toBe('DE89370400440532013000');
    expect(groupIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(groupIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00');
    expect(groupIban('DE89')).toBe('DE89');
  });

  it('checks the ISO 13616 check digits (mod 97 = 1) without big integers', () => {
    for (const valid of ['DE89370400440532013000', 'NL91ABNA0417164300', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'MT84MALT011000012345MTLCAST001S']) {
      expect(ibanRemainder(valid), valid).toBe(1);
      expect(ibanProblem(valid), valid).toBeNull();
    }
    expect(ibanProblem('DE88370400440532013000')).toEqual({ key: 'checksum' });
    expect(ibanProblem('DE89370400440532013001')).toEqual({ key: 'checksum' });
  });

  it('refuses what is not shaped like an IBAN, and countries the field does not allow', () => {
    for (const wrong of ['', 'DE89', '89DE370400440532013000', 'DE8937040044-532013000', 'DE89370400440532013000123456789012345']) {
      expect(ibanProblem(wrong), wrong).toEqual({ key: 'format' });
    }
    expect(ibanProblem('NL91ABNA0417164300', ['DE', 'AT'])).toEqual({ key: 'country', countries: ['DE', 'AT'] });
    expect(ibanProblem('DE89370400440532013000', ['DE', 'AT'])).toBeNull();
    expect(ibanProblem('DE89370400440532013000', [])).toBeNull();
  });
});

describe('weight (admin/src/fields/plugins/weightValue.ts)', () => {
  it('moves the decimal point exactly, on the string', () => {
    expect(shiftDecimal('24500', -3)).toBe('24.500');
    expect(shiftDecimal('24.5', 3)).toBe('24500');
    expect(shiftDecimal('0.5', -3)).toBe('0.0005');
    expect(shiftDecimal('0.0005', 3)).toBe('0.5');
    expect(shiftDecimal('-3', -3)).toBe('-0.003');
    expect(shiftDecimal('-0', 3)).toBe('0');
    expect(shiftDecimal('99999999999999999.999', 3)).toBe('99999999999999999999');
    expect(shiftDecimal('24,5', 3)).toBeNull();
  });

  it('converts between kg and t both ways, keeping what was typed', () => {
    expect(convertWeight('24500', 'kg', 't')).toBe('24.500');
    expect(convertWeight('24.5', 't', 'kg')).toBe('24500');
    expect(convertWeight('24.5', 't', 't')).toBe('24.5');
    expect(convertWeight('24500.7', 'kg', 't')).toBe('24.5007');
    for (const typed of ['24500', '24500.50', '0', '0.5', '1']) expect(convertWeight(convertWeight(typed, 'kg', 't') as string, 't', 'kg')).toBe(typed);
    expect(convertWeight('abc', 'kg', 't')).toBeNull();
  });

  it('drops only zeros beyond the scale', () => {
    expect(trimScale('24.5000', 3)).toBe('24.500');
    expect(trimScale('24.5007', 3)).toBe('24.5007');
    expect(trimScale('24.000', 0)).toBe('24');
    expect(trimScale('24', 3)).toBe('24');
  });

  it('reads a unit written after the number', () => {
    expect(splitUnit('24500 kg')).toEqual({ number: '24500', unit: 'kg' });
    expect(splitUnit('24,5t')).toEqual({ number: '24,5', unit: 't' });
    expect(splitUnit('24.5 T')).toEqual({ number: '24.5', unit: 't' });
    expect(splitUnit('24500')).toBeNull();
    expect(splitUnit('kg')).toBeNull();
  });
});
