// Email as the services see it: the job scheduler's completion notices. On every runtime the adapter is
// an email provider's HTTP API (server/mail/http.ts); the sandbox plays that provider and shows what it
// received on its outbox page.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The same key is sent at most once by the provider: a retried send never makes a second email. */
  idempotencyKey: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The provider cannot take the message now (429, 5xx, timeout): retrying later helps. */
export class MailUnavailableError extends Error {
  override name = "MailUnavailableError";
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The provider refused the message (a bad address, a bad key): retrying will not help. */
export class MailRejectedError extends Error {
  override name = "MailRejectedError";
}
