import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('config', () => {
  it('reads working periods and names a bad variable', () => {
    expect(loadConfig({}).workingPeriods).toEqual([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]);
    expect(loadConfig({ WORKING_PERIODS: '08:30-12:00,14:00-18:00' }).workingPeriods).toEqual([
      ['08:30', '12:00'],
      ['14:00', '18:00'],
    ]);
    expect(() => loadConfig({ WORKING_PERIODS: '9-12' })).toThrow(/WORKING_PERIODS/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reads the SMS vendor and its templates, naming what is missing or unknown', () => {
    expect(loadConfig({}).sms).toBeNull();
    const tencent = { SMS_PROVIDER: 'tencent', SMS_ACCESS_KEY_ID: 'AKID', SMS_ACCESS_KEY_SECRET: 'k', SMS_SIGN_NAME: '回音', SMS_SDK_APP_ID: '1400', SMS_TEMPLATES: 'red=101,digest=102' };
    expect(loadConfig(tencent).sms).toEqual({
      provider: 'tencent',
      endpoint: 'https://sms.tencentcloudapi.com/',
      accessKeyId: 'AKID',
      accessKeySecret: 'k',
      signName: '回音',
      sdkAppId: '1400',
      region: 'ap-guangzhou',
      templates: { red: '101', digest: '102' },
    });
    expect(() => loadConfig({ ...tencent, SMS_SDK_APP_ID: '' })).toThrow(/SMS_SDK_APP_ID: required with SMS_PROVIDER=tencent/);
    expect(() => loadConfig({ ...tencent, SMS_TEMPLATES: 'crimson=1' })).toThrow(/SMS_TEMPLATES: unknown kind crimson/);
    expect(() => loadConfig({ ...tencent, SMS_TEMPLATES: 'red' })).toThrow(/SMS_TEMPLATES/);
    expect(loadConfig({ SMS_PROVIDER: 'aliyun', SMS_ACCESS_KEY_ID: 'LTAI', SMS_ACCESS_KEY_SECRET: 's', SMS_SIGN_NAME: '回音' }).sms).toMatchObject({
      endpoint: 'https://dysmsapi.aliyuncs.com/',
      region: 'cn-hangzhou',
      sdkAppId: null,
      templates: {},
    });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
