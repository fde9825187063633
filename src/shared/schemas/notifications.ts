/** Request and response schemas of the notifications module (admin outbox). */
import { Type, type Static } from '@sinclair/typebox';

export const NotificationStatus = Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')], {
  description: 'pending: waiting for its next attempt; sending: claimed by a deliverer; sent; failed: attempts used up',
});

export const ListNotificationsQuery = Type.Object(
  {
    status: Type.Optional(NotificationStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'How many (newest first), default 100' })),
  },
  { additionalProperties: false },
);
export type TListNotificationsQuery = Static<typeof ListNotificationsQuery>;

export const Notification = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    channel: Type.Union([Type.Literal('email'), Type.Literal('whatsapp'), Type.Literal('sms')]),
    /** Masked: b***@example.go.id, +62******7890. */
    recipient: Type.String({ description: 'Recipient, masked' }),
    template: Type.String({ description: 'Template, e.g. complaint.received' }),
    locale: Type.Union([Type.Literal('id'), Type.Literal('en')]),
    status: NotificationStatus,
    attempts: Type.Integer(),
    nextAttemptAt: Type.String({ format: 'date-time', description: 'Next attempt (pending) or end of the claim (sending)' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    relatedType: Type.Union([Type.String(), Type.Null()]),
    relatedId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TNotification = Static<typeof Notification>;

export const NotificationList = Type.Object({ items: Type.Array(Notification) }, { additionalProperties: false });
export type TNotificationList = Static<typeof NotificationList>;
