import type { Button } from '../context.js';
import { docsPageButton } from './docs-page.js';
import { feedbackButton } from './feedback.js';
import { learnedRemoveButton } from './learned-remove.js';
import { hashedSourceButton, sourceButton } from './source.js';
import { stopButton } from './stop.js';

const buttons: readonly Button[] = [sourceButton, hashedSourceButton, feedbackButton, docsPageButton, stopButton, learnedRemoveButton];

const byPrefix = new Map(buttons.map((b) => [b.prefix, b]));

/** The handler for a custom id, by the text before its first colon. */
export function buttonFor(customId: string): Button | undefined {
  return byPrefix.get(customId.slice(0, customId.indexOf(':')));
}
