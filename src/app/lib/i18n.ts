import { commonMessages, createI18n, type Catalogue } from '../../shared/i18n';
import { memberCardMessages } from '../../shared/member-card-messages';
import { en } from './messages.en';
import { ja } from './messages.ja';
import type { screenJa } from './screen-messages.ja';

/** The shopper's catalogue: its own words and the card words it shares with the clerk; no staff words. */
const startCatalogue = {
  ja: { ...commonMessages.ja, ...memberCardMessages.ja, ...ja },
  en: { ...commonMessages.en, ...memberCardMessages.en, ...en },
};

export type ScreenMessageKey = keyof typeof screenJa;
export type MessageKey = keyof typeof startCatalogue.ja | ScreenMessageKey;

// Typed with every key, filled with the screens' words by addScreenMessages when the rest of the app
// arrives: no screen that uses them renders before that (app.tsx imports screen-words.ts).
const catalogue = startCatalogue as Catalogue<MessageKey>;

export const { translate, useI18n } = createI18n<MessageKey>(catalogue);

/** Adds the words of every screen but the card (screen-words.ts). */
export function addScreenMessages(screens: Catalogue<ScreenMessageKey>) {
  Object.assign(catalogue.ja, screens.ja);
  Object.assign(catalogue.en, screens.en);
}
