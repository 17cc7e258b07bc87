import { z } from 'zod';
import { Instant, Text, type FileIssueInput } from '@huiyin/contract';

/** Clients send empty parameters for what they do not have (`lat=`): the same as not sending them. */
const blank = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const Coordinate = (max: number) => z.coerce.number().min(-max).max(max);

/**
 * POST requests.{format}: the standard's parameters, form-encoded. Strict like every body here:
 * a parameter the standard does not have (or an `attribute[…]`, since no service defines one) is
 * refused by name. The description is required: it is what the district answers.
 */
export const ServiceRequestBody = z.strictObject({
  api_key: optional(z.string().max(200)),
  jurisdiction_id: optional(z.string().max(100)),
  service_code: z.string().trim().min(1).max(50),
  description: Text(4000),
  lat: optional(Coordinate(90)),
  long: optional(Coordinate(180)),
  address_string: optional(Text(300)),
  address_id: optional(Text(100)),
  email: optional(z.email().max(200)),
  device_id: optional(Text(100)),
  account_id: optional(Text(100)),
  first_name: optional(Text(50)),
  last_name: optional(Text(50)),
  phone: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{5,20}$/, 'digits, +, - and spaces'),
  ),
  media_url: optional(z.url({ protocol: /^https?$/ }).max(2000)),
});
export type ServiceRequestBody = z.infer<typeof ServiceRequestBody>;

/** GET requests.{format}: the standard's filters; a list of ids makes the others ignored. */
export const ServiceRequestsQuery = z.object({
  service_request_id: optional(z.string().max(2000)),
  service_code: optional(z.string().max(50)),
  start_date: optional(Instant),
  end_date: optional(Instant),
  status: optional(z.enum(['open', 'closed'])),
});

/** The title an issue needs: the description's first line, cut at 60 characters. */
function titleOf(description: string): string {
  const line =
    description
      .split(/\r?\n/)
      .find((l) => l.trim().length > 0)
      ?.trim() ?? description;
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** What the client sent beyond the description, kept in the issue's text: nothing it gave is lost. */
function extrasOf(b: ServiceRequestBody): string[] {
  const where = [b.address_string, b.address_id ? `地址编号 ${b.address_id}` : undefined, b.lat !== undefined && b.long !== undefined ? `${b.lat}, ${b.long}` : undefined].filter(Boolean);
  const who = [[b.first_name, b.last_name].filter(Boolean).join(' '), b.phone ? `电话 ${b.phone}` : undefined, b.email ? `邮箱 ${b.email}` : undefined].filter(Boolean);
  const from = [b.device_id ? `设备 ${b.device_id}` : undefined, b.account_id ? `账号 ${b.account_id}` : undefined].filter(Boolean);
  return [
    where.length ? `位置：${where.join('；')}` : '',
    who.length ? `联系人：${who.join('，')}` : '',
    b.media_url ? `图片：${b.media_url}` : '',
    from.length ? `来源：Open311（${from.join('，')}）` : '',
  ].filter(Boolean);
}

/** The filing an Open311 request makes. */
export function filingOf(categoryId: string, b: ServiceRequestBody): FileIssueInput {
  const extras = extrasOf(b);
  return {
    categoryId,
    title: titleOf(b.description),
    description: extras.length ? `${b.description}\n\n${extras.join('\n')}` : b.description,
    attachmentIds: [],
    channel: 'open311',
  };
}
