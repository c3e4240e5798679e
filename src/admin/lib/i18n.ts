import { commonMessages, createI18n } from '../../shared/i18n';
import { staffMessages } from '../../staff-kit/i18n';
import { adminMessages } from './messages';
import { segmentMessages } from './segment-messages';

/** The dashboard's catalogue: its own words and the staff words. */
const catalogue = {
  ja: { ...commonMessages.ja, ...staffMessages.ja, ...adminMessages.ja, ...segmentMessages.ja },
  en: { ...commonMessages.en, ...staffMessages.en, ...adminMessages.en, ...segmentMessages.en },
};

export type MessageKey = keyof typeof catalogue.ja;

export const { translate, useI18n } = createI18n<MessageKey>(catalogue);

