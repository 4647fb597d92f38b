import nodemailer, { type Transporter } from 'nodemailer';
import { messageSubject, messageText, type AlertChannel, type AlertMessage, type ChannelTarget } from './alert-channel.ts';

/** Alert e-mail over SMTP (nodemailer). The SMTP URL may hold credentials: it is never logged. */
export class EmailChannel implements AlertChannel {
  readonly channel = 'email' as const;
  readonly #transport: Transporter;
  readonly #from: string;

  constructor(smtpUrl: string, from: string) {
    // Plain SMTP inside a government network is common; STARTTLS is used when the server offers it.
    this.#transport = nodemailer.createTransport(smtpUrl);
    this.#from = from;
  }

  async send(target: ChannelTarget, message: AlertMessage): Promise<void> {
    await this.#transport.sendMail({
      from: this.#from,
      to: target.target,
      subject: messageSubject(message),
      text: messageText(message),
      headers: { 'X-Lianjian-Delivery': message.deliveryId, 'X-Lianjian-Alert': String(message.alert.id) },
      messageId: `<${message.deliveryId}@lianjian>`,
    });
  }

  close(): void {
    this.#transport.close();
  }
}
