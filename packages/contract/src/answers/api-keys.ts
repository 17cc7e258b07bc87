import { z } from 'zod';
import { Time, listOf } from './common.ts';

/** An enterprise's API key as listed: never the key itself, which only its issuing answer shows. */
export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The key’s first characters, to tell keys apart' }),
    accountId: z.string().meta({ description: 'The enterprise account the key acts as' }),
    createdAt: Time,
    lastUsedAt: Time.nullable(),
    revokedAt: Time.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const IssuedApiKey = ApiKey.extend({
  key: z.string().meta({ description: 'The key: shown in this answer only, kept hashed. Send it as Open311 `api_key`.' }),
}).meta({ id: 'IssuedApiKey' });

export const ApiKeyList = listOf(ApiKey).meta({ id: 'ApiKeyList' });
