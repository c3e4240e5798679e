import type { RenderedMessage, SendMessage } from '../../contract/segments';
import type { LineMessage } from '../line/line-client';
import { jstDate } from '../loyalty/jst';

/**
 * Rendering a send's message, pure. A text message is the same for everyone; a card names the
 * member's own figures through {name}, {balance}, {expiringPoints}, {expiryDate}, so it is
 * rendered per member (and goes out as one push each: the figures make almost every card unique,
 * so grouping identical cards into multicasts would save little).
 */

export type MemberFigures = {
  displayName: string | null;
  /** Live points now. */
  balance: number;
  /** Points of the soonest expiry among live lots, and its instant (null: nothing expires). */
  expiringPoints: number | null;
  expiresAt: Date | null;
};

export function isPersonalised(message: SendMessage): boolean {
  return message.kind === 'card';
}

const yenStyle = new Intl.NumberFormat('ja-JP');

/** 3/31: month and day in JST. */
function monthDay(at: Date): string {
  const { month, day } = jstDate(at);
  return `${month}/${day}`;
}

export function fillPlaceholders(template: string, figures: MemberFigures): string {
  const values: Record<string, string> = {
    name: figures.displayName ?? 'お客様',
    balance: yenStyle.format(figures.balance),
    expiringPoints: yenStyle.format(figures.expiringPoints ?? 0),
    expiryDate: figures.expiresAt ? monthDay(figures.expiresAt) : '—',
  };
  return template.replace(/\{(name|balance|expiringPoints|expiryDate)\}/g, (_, key: string) => values[key]!);
}

export function renderMessage(message: SendMessage, figures: MemberFigures | null): RenderedMessage {
  if (message.kind === 'text') return { kind: 'text', text: message.text };
  const empty: MemberFigures = { displayName: null, balance: 0, expiringPoints: null, expiresAt: null };
  return { kind: 'card', title: fillPlaceholders(message.title, figures ?? empty), body: fillPlaceholders(message.body, figures ?? empty) };
}

/** The Messaging API message: text, or a Flex bubble with the title and body (altText is what notifications show). */
export function toLineMessages(rendered: RenderedMessage): LineMessage[] {
  if (rendered.kind === 'text') return [{ type: 'text', text: rendered.text }];
  return [
    {
      type: 'flex',
      altText: `${rendered.title} ${rendered.body}`.slice(0, 400),
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          spacing: 'md',
          contents: [
            { type: 'text', text: rendered.title, weight: 'bold', size: 'lg', wrap: true },
            { type: 'text', text: rendered.body, size: 'md', wrap: true },
          ],
        },
      },
    },
  ];
}
