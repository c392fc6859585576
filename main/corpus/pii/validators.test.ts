import { describe, expect, it } from 'vitest';
import { isIpv4, isIpv6, isNanpNumber, isValidMonthDay, isValidSsn, luhnValid, vinCheckDigit, vinValid } from './validators';

describe('identifier validity checks', () => {
  it('applies the SSA area, group and serial rules', () => {
    expect(isValidSsn('123', '45', '6789')).toBe(true);
    expect(isValidSsn('000', '45', '6789')).toBe(false);
    expect(isValidSsn('666', '45', '6789')).toBe(false);
    expect(isValidSsn('912', '45', '6789')).toBe(false);
    expect(isValidSsn('123', '00', '6789')).toBe(false);
    expect(isValidSsn('123', '45', '0000')).toBe(false);
  });

  it('checks Luhn over spaced and dashed card numbers', () => {
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111-1111-1111-1112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(false); // valid Luhn but too short to be a card
  });

  it('verifies the VIN check digit and refuses I, O, Q', () => {
    expect(vinValid('1HGCM82633A004352')).toBe(true);
    expect(vinValid('1HGCM82643A004352')).toBe(false);
    expect(vinValid('1HGCM8263OA004352')).toBe(false);
    const body = '1FTFW1ET0DFC10312';
    expect(vinValid(body.slice(0, 8) + vinCheckDigit(body) + body.slice(9))).toBe(true);
  });

  it('accepts only real IP addresses', () => {
    expect(isIpv4('192.168.10.24')).toBe(true);
    expect(isIpv4('256.1.1.1')).toBe(false);
    expect(isIpv6('2001:db8:85a3::8a2e:370:7334')).toBe(true);
    expect(isIpv6('10:30:00')).toBe(false);
  });

  it('knows month lengths and NANP numbering', () => {
    expect(isValidMonthDay(2, 29)).toBe(true);
    expect(isValidMonthDay(4, 31)).toBe(false);
    expect(isValidMonthDay(13, 1)).toBe(false);
    expect(isNanpNumber('6175550134')).toBe(true);
    expect(isNanpNumber('1235550134')).toBe(false);
    expect(isNanpNumber('6171550134')).toBe(false);
  });
});
