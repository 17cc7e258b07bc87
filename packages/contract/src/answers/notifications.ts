import { z } from 'zod';
import { Time } from './common.ts';

/** An in-app notification: the same words as its mail, with the console path it points to. */
export const Notification = z
  .object({
    id: z.string(),
    issueId: z.string().nullable(),
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: 'A console path, e.g. /issues/{id}' }),
    createdAt: Time,
    readAt: Time.nullable(),
  })
  .meta({ id: 'Notification' });

export const NotificationUnreadCount = z.object({ count: z.number().int() }).meta({ id: 'NotificationUnreadCount' });

export const NotificationsMarked = z.object({ marked: z.number().int().meta({ description: 'How many were unread' }) }).meta({ id: 'NotificationsMarked' });
