import { commonMessages, createI18n } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { en } from './messages.en';
import { ja } from './messages.ja';

/** The shopper's catalogue: its own words and the card words it shares with the clerk; no staff words. */
const catalogue = {
  ja: { ...commonMessages.ja, ...memberCardMessages.ja, ...ja },
  en: { ...commonMessages.en, ...memberCardMessages.en, ...en },
};

export type MessageKey = keyof typeof catalogue.ja;

export const { translate, useI18n } = createI18n<MessageKey>(catalogue);
