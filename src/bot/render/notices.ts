/** `/help`, the re-index report, and the bot's fixed notices. */
import type { APIEmbedField } from 'discord.js';
import type { IngestReport } from '../../core/ingest.js';
import { cutText, escapeText, plainLabel } from '../text-format.js';
import { code, COLOR, LIMITS, NO_MENTIONS, type MessageParts } from './message.js';

export function renderHelp(options: { answerChannels: boolean; maxQuestionChars: number; cooldown: string }): MessageParts {
  const fields: APIEmbedField[] = [
    { name: '@Footnote <question>', value: 'Answers in a new thread named after the question. Ask follow-ups in that thread (mention me) and I use the earlier turns.' },
    { name: '/ask question [public]', value: 'A short answer with [n] citations and a button per source. Only you see it unless public is true.' },
    { name: '/search query [count]', value: 'The best matching passages with their scores, no answer (count 1–10).' },
    { name: '/source ref', value: 'The passage behind a citation (its id, like `doc.txt#3`) or a whole document. Start typing for suggestions.' },
    { name: '/docs', value: 'The documents I answer from, with dates, a page at a time.' },
    { name: '/reindex', value: 'Rebuilds the index from the corpus folder (Manage Server only).' },
  ];
  if (options.answerChannels)
    fields.push({ name: 'Answer channels', value: 'In the configured answer channels every message is treated as a question.' });
  return {
    embeds: [
      {
        title: 'Footnote',
        color: COLOR,
        description:
          'I answer questions about a fixed set of documents and show exactly where each answer comes from. ' +
          `Questions are at most ${options.maxQuestionChars} characters; each member can ask ${options.cooldown}.`,
        fields,
        footer: { text: 'Use 👍/👎 under an answer to say whether it helped.' },
      },
    ],
    components: [],
    allowedMentions: NO_MENTIONS,
  };
}

export function renderReindex(r: IngestReport): string {
  const lines = [
    `Re-indexed ${r.documents} documents into ${r.chunks} passages in ${(r.ms / 1000).toFixed(1)} s.`,
    `${r.added} new, ${r.changed} changed, ${r.removed} removed; ${r.embedded} passages embedded, ${r.reused} reused (${r.embedder}).`,
  ];
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} file(s):`);
    for (const s of r.skipped.slice(0, 10)) lines.push(`• ${code(plainLabel(s.id, 120))}: ${escapeText(s.reason)}`);
    if (r.skipped.length > 10) lines.push(`…and ${r.skipped.length - 10} more (see the bot's log).`);
  }
  return cutText(lines.join('\n'), LIMITS.content);
}

export const NOTICES = {
  handoff: (roleId: string) => `I could not find this in the documents. <@&${roleId}>, can someone help here?`,
  bug: 'Something went wrong on my side while handling that. It has been logged; please try again.',
  busy: 'I am answering a lot of questions right now. Please try again in a minute.',
  cooldown: (retryMs: number) =>
    `You are asking quickly: please wait ${Math.max(1, Math.ceil(retryMs / 1000))} s before the next question.`,
  notAllowed: 'Only members with the Manage Server permission can re-index the corpus.',
  forbidden: 'You do not have the permission this needs (ask a moderator).',
  reindexBusy: 'A re-index is already running. Wait for it to finish.',
  sourceGone: 'That passage is no longer in the index (the corpus was re-indexed). Use /search to find it again.',
  emptyMention: 'Ask me a question after the mention, e.g. "@Footnote how many countries joined the ceasefire call?". /help lists my commands.',
  feedbackThanks: (vote: 'up' | 'down') => (vote === 'up' ? 'Thanks! Recorded 👍.' : 'Thanks, recorded 👎. It helps improve the answers.'),
  feedbackUnknown: 'I no longer remember that answer, so I could not record the vote.',
  stopNotYours: 'Only the member who asked can stop this answer.',
  stopGone: 'That answer has already finished.',
} as const;
