/**
 * Text the bot shows, made inert and cut to fit: markdown escaped and mentions
 * neutralized (corpus text and echoed questions), and text cut at sentence
 * boundaries (else between words), never inside a `[n]` citation marker or a
 * markdown escape. Every transform is one linear pass.
 */

const ZWSP = '\u200b';

// ------------------------------------------------------------------ escaping

/** `@everyone`, `@here` and `<@id>`/`<@&id>` stay readable but can never resolve to a mention. */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<@/g, `<@${ZWSP}`);
}

/**
 * Backslash-escapes Discord markdown in linear time (discord.js'
 * escapeMarkdown is quadratic on long text): emphasis, code, spoilers,
 * strike-through, masked links, and headings, quotes and lists at line starts.
 * `[n]` citation markers are left as they are.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\*_~`|]/g, '\\$&')
    // The `[` nearest the `](`: the one that opens the link; no `[` inside the class keeps it linear on runs of `[`.
    .replace(/\[([^[\]\n]*)\]\(/g, '\\[$1](')
    .replace(/^([ \t]*)(#{1,3}[ \t]|-#[ \t]|>|[-+][ \t])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.([ \t])/gm, '$1\\.$2');
}

/** Corpus text (or an echoed question) made inert: markdown escaped, mentions neutralized. */
export function escapeText(text: string): string {
  return neutralizeMentions(escapeMarkdownText(text));
}

export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** One line of corpus text for places that render markdown (titles, field names), escaped and cut. */
export function inlineText(text: string, max: number, fallback = '…'): string {
  return cutText(escapeText(oneLine(text)), max) || fallback;
}

/** A title or label for places that render no markdown (buttons, thread names, choices). */
export function plainLabel(text: string, max: number, fallback = '…'): string {
  const cut = cutText(oneLine(text), max);
  return cut || fallback;
}

// ------------------------------------------------------------------ cutting

/** Ends of sentences, including the `[n]` markers (and closing quotes) that belong to them. */
const SENTENCE_END = /(?:[.!?…]["'”’)\]]*|\[\d+\])(?:\s*\[\d+\])*(?=\s|$)/g;

/**
 * Shortens `text` to at most `max` characters. Prefers the last sentence
 * boundary that keeps at least a third of the budget; otherwise cuts between
 * words and adds `…`. Never splits a word, a `[n]` marker or a `\x` escape.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  let sentenceEnd = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end > max) break;
    sentenceEnd = end;
  }
  if (sentenceEnd >= max / 3) return text.slice(0, sentenceEnd).trimEnd();

  const budget = max - 1; // room for the ellipsis
  const head = text.slice(0, budget + 1);
  const space = head.search(/\s\S*$/);
  let cut = space > 0 ? text.slice(0, space).trimEnd() : '';
  if (!cut) {
    // One enormous "word": cut by code points and do not leave half an escape.
    cut = Array.from(text.slice(0, budget)).join('');
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
    if (trailing % 2 === 1) cut = cut.slice(0, -1);
  } else {
    // A cut just after "[1" or inside a marker cannot happen (no spaces in markers), but one
    // right before a dangling opener would: drop an unmatched trailing "[".
    cut = cut.replace(/\s*\[\d*$/, '');
  }
  return `${cut}…`;
}
