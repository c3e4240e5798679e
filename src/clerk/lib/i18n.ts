import { commonMessages, createI18n } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { staffMessages } from '../../staff-kit/i18n';
import { clerkMessages } from './messages';

/** The clerk console's catalogue: its own words, the staff words, and the card words it shares with the shopper. */
const catalogue = {
  ja: { ...commonMessages.ja, ...memberCardMessages.ja, ...staffMessages.ja, ...clerkMessages.ja },
  en: { ...commonMessages.en, ...memberCardMessages.en, ...staffMessages.en, ...clerkMessages.en },
};

export type MessageKey = keyof typeof catalogue.ja;

export const { translate, useI18n } = createI18n<MessageKey>(catalogue);

