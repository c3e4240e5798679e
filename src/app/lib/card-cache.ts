import { MemberCardSchema, type CardFace, type MemberCard } from '../../contract/card';

/**
 * The last card shown, kept in localStorage so a repeat open shows it at once — before LIFF and
 * the network answer — and so the card still works offline at the register.
 */
const STORAGE_KEY = 'mc-last-card';

export type CachedCard = { card: MemberCard; savedAt: number };

export function loadCachedCard(): CachedCard | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { card?: unknown; savedAt?: unknown };
    const card = MemberCardSchema.safeParse(parsed.card);
    if (!card.success || typeof parsed.savedAt !== 'number') return undefined;
    return { card: card.data, savedAt: parsed.savedAt };
  } catch {
    return undefined; // unreadable cache: behave as a first open
  }
}

export function saveCachedCard(card: MemberCard, savedAt: number) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ card, savedAt }));
  } catch {
    // Storage full or disabled (private mode): the card simply is not cached.
  }
}

/**
 * What index.html's inline boot script paints before any module loads: the barcode exactly as
 * JsBarcode drew it (SVG markup) and the card's words already translated and formatted. The boot
 * script accepts only SVG shapes and text from it and sets every word as text, never as HTML.
 */
export const BOOT_PAINT_KEY = 'mc-boot-paint';

export type BootPaint = {
  lang: string;
  title: string;
  barcodeSvg: string;
  pointsLabel: string;
  points: string;
  tier: string;
  /** The band's colours (#rrggbb, checked again by the boot script). */
  face: CardFace;
};

export function saveBootPaint(paint: BootPaint) {
  try {
    localStorage.setItem(BOOT_PAINT_KEY, JSON.stringify(paint));
  } catch {
    // As for the card: without storage the next open simply waits for the app.
  }
}

export function clearCachedCard() {
  localStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(BOOT_PAINT_KEY);
}
