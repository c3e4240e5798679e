import { addScreenMessages } from './i18n';
import { screenEn } from './screen-messages.en';
import { screenJa } from './screen-messages.ja';

/**
 * The words of every screen but the card, installed on import: app.tsx (the rest of the app, loaded
 * once the card is on screen) and the goodbye screen's start import this module before rendering.
 */
addScreenMessages({ ja: screenJa, en: screenEn });
