import type { OAuth2Descriptor } from '../plugins/ProfileDescriptor';

/** A registered OAuth2 client of one provider: the profile's descriptor plus the app's identity. */
export interface OAuth2ClientConfig extends OAuth2Descriptor {
  readonly clientId: string;
  /** Confidential clients only; desktop and CLI apps usually have none. */
  readonly clientSecret?: string;
}
