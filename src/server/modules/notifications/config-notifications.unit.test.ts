import { describe, expect, it } from 'vitest';
import { loadNotificationSettings, notificationSettings } from './config-notifications.js';

describe('notification settings', () => {
  it('defaults to no SMTP (logged e-mail) and a localhost public URL', () => {
    expect(loadNotificationSettings({})).toEqual({ smtpUrl: null, mailFrom: 'Prima <no-reply@localhost>', publicUrl: 'http://localhost:3000' });
    expect(loadNotificationSettings({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('reads SMTP_URL, MAIL_FROM and PRIMA_PUBLIC_URL', () => {
    expect(loadNotificationSettings({ SMTP_URL: 'smtp://user:pass@mail.example.go.id:587', MAIL_FROM: 'Prima <no-reply@example.go.id>', PRIMA_PUBLIC_URL: 'https://prima.example.go.id/' })).toEqual({
      smtpUrl: 'smtp://user:pass@mail.example.go.id:587',
      mailFrom: 'Prima <no-reply@example.go.id>',
      publicUrl: 'https://prima.example.go.id',
    });
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadNotificationSettings({ SMTP_URL: 'mail.example.go.id' })).toThrow(/SMTP_URL/);
    expect(() => loadNotificationSettings({ SMTP_URL: 'http://mail.example.go.id' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadNotificationSettings({ SMTP_URL: 'smtp://mail.example.go.id' })).toThrow(/MAIL_FROM is required/);
    expect(() => loadNotificationSettings({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM/);
    expect(() => loadNotificationSettings({ PRIMA_PUBLIC_URL: 'ftp://x' })).toThrow(/PRIMA_PUBLIC_URL/);
  });

  it('prefers the fields of Config once they exist there', () => {
    const config = { smtpUrl: null, mailFrom: 'A <a@b.c>', publicUrl: 'https://x.example' } as never;
    expect(notificationSettings({ config })).toEqual({ smtpUrl: null, mailFrom: 'A <a@b.c>', publicUrl: 'https://x.example' });
  });
});
