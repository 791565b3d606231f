import { randomBytes } from 'node:crypto';
import type {
  SendableChannels,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Footnote } from '../core/engine.js';
import { isUserError } from '../core/errors.js';
import type { Answer, DocumentInfo, Turn } from '../core/types.js';
import type { BotConfig } from './config.js';
import { BotState, type Asked } from './bot-state.js';
import { LearnedAnswers } from './learned.js';
import { Cooldown, WorkQueue } from './guards.js';
import type { BotLogger } from './logger.js';
import { BoundedMap, RecentCitations, type RememberedAnswer } from './memory.js';
import { PermissionWarnings, isMissingPermission } from './discord-errors.js';
import { renderAnswer } from './render/answer.js';
import type { MessageParts } from './render/message.js';
import { NOTICES } from './render/notices.js';

/** The part of the engine the bot uses. */
export type BotEngine = Pick<
  Footnote,
  'ask' | 'search' | 'source' | 'docs' | 'chunkIds' | 'validateQuestion' | 'reindex' | 'stats' | 'collections'
>;

/** Who may run a command, declared with it and checked before `execute` (Discord's default permissions can be overridden per server). */
export type Guard = (interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction, ctx: BotContext) => boolean;

/** A slash command: `data` is registered with Discord, `execute` runs it. */
export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  guard?: Guard;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  /** Answers from memory only: Discord drops choices that take longer than 3 s. */
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A message context-menu command ("Use as answer"). */
export interface MessageCommand {
  data: { name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  guard?: Guard;
  execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
}

/** A button family, matched by the prefix of its custom id (`src:`, `fb:`, `docs:`). */
export interface Button {
  prefix: string;
  guard?: Guard;
  execute(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
}

export type Admission = { ok: true; question: string } | { ok: false; message: string; repeat: boolean };

/** State shared by every handler: the engine, the guards and what the bot remembers. */
export class BotContext {
  readonly cooldown: Cooldown;
  readonly queue: WorkQueue;
  readonly permissionWarnings: PermissionWarnings;
  readonly recent = new RecentCitations();
  readonly answers = new BoundedMap<string, RememberedAnswer>(2000);
  /** Answers streaming now, for their Stop button: who asked, and how to stop it. */
  readonly streams = new BoundedMap<string, { userId: string; controller: AbortController }>(500);
  /** The durable state; attached by `Bot.start()` before any event is handled. */
  state!: BotState;
  readonly learned = new LearnedAnswers(this);
  reindexing = false;
  private docList: DocumentInfo[] | null = null;
  private chunkSet: Set<string> | null = null;
  private collectionList: string[] | null = null;

  constructor(
    readonly config: BotConfig,
    readonly engine: BotEngine,
    readonly logger: BotLogger,
  ) {
    this.cooldown = new Cooldown(config.cooldown.questions, config.cooldown.windowMs);
    this.queue = new WorkQueue(config.queue.concurrency, config.queue.maxPending);
    this.permissionWarnings = new PermissionWarnings(logger);
  }

  /** The document list, cached until the next re-index (autocomplete must answer from memory). */
  docs(): DocumentInfo[] {
    this.docList ??= this.engine.docs();
    return this.docList;
  }

  hasChunk(chunkId: string): boolean {
    this.chunkSet ??= new Set(this.engine.chunkIds());
    return this.chunkSet.has(chunkId);
  }

  /** Forget cached views of the index after it changed. */
  indexChanged(): void {
    this.docList = null;
    this.chunkSet = null;
    this.collectionList = null;
    this.recent.retain((id) => this.hasChunk(id));
  }

  describeCooldown(): string {
    const { questions, windowMs } = this.config.cooldown;
    return `${questions} question${questions === 1 ? '' : 's'} per ${windowMs % 60_000 === 0 ? `${windowMs / 60_000} min` : `${windowMs / 1000} s`}`;
  }

  /**
   * The cheap checks before any work (and before deferring): a valid
   * question, the user's cooldown, room in the queue.
   */
  admit(userId: string, raw: string): Admission {
    let question: string;
    try {
      question = this.engine.validateQuestion(raw);
    } catch (err) {
      if (isUserError(err)) return { ok: false, message: err.message, repeat: false };
      throw err;
    }
    if (!this.queue.hasRoom) return { ok: false, message: NOTICES.busy, repeat: false };
    const turn = this.cooldown.take(userId);
    if (!turn.ok) return { ok: false, message: NOTICES.cooldown(turn.retryMs), repeat: !turn.firstRefusal };
    return { ok: true, question };
  }

  /**
   * Answers an admitted question through the queue (streamed when `stream`
   * is given), logs it (asker hashed) and renders it with its buttons.
   */
  async answer(
    question: string,
    options: {
      history?: Turn[];
      collections?: readonly string[];
      asked?: Asked;
      stream?: { onText: (textSoFar: string) => void; signal: AbortSignal };
    } = {},
  ): Promise<{ answer: Answer; parts: MessageParts; answerId: string }> {
    const { stream } = options;
    const answer = await this.queue.run(() =>
      this.engine.ask(question, { history: options.history ?? [], collections: options.collections, onText: stream?.onText, signal: stream?.signal }),
    );
    const answerId = randomBytes(6).toString('hex');
    this.answers.set(answerId, {
      question: answer.question,
      answer: answer.text,
      abstained: answer.abstained,
      chunkIds: answer.citations.map((c) => c.chunkId),
    });
    this.recent.add(answer.citations.map((c) => ({ chunkId: c.chunkId, title: c.title })));
    this.logger.info(
      {
        answerId,
        abstained: answer.abstained,
        citations: answer.citations.length,
        ms: answer.timingsMs['total'],
        ...(answer.answerer && { answerer: answer.answerer }),
        ...(answer.fallback && { fallback: answer.fallback }),
        ...(answer.unsupported?.length && { unsupported: answer.unsupported.map((u) => u.reason) }),
      },
      'answered a question',
    );
    if (options.asked) {
      // A full disk must not cost the member their answer: log the failure and answer anyway.
      await this.state.logAnswer(answerId, answer, options.asked).catch((err: unknown) => this.logger.error({ err }, 'could not log the question'));
    }
    return { answer, parts: renderAnswer(answer, { answerId, links: (docId) => this.learnedLinks.get(docId) }), answerId };
  }

  /** A channel's collections that the index still has: a folder removed since /config must not break the channel. */
  usableCollections(collections: readonly string[]): string[] | undefined {
    if (collections.length === 0) return undefined;
    const known = new Set(this.collections());
    const usable = collections.filter((c) => known.has(c));
    return usable.length ? usable : undefined;
  }

  /** The corpus' collections, cached until the next re-index (autocomplete answers from memory). */
  collections(): string[] {
    this.collectionList ??= this.engine.collections();
    return this.collectionList;
  }

  /**
   * After an abstention in a public thread or forum post: say so and ping
   * HANDOFF_ROLE_ID, the one mention the bot ever makes, allowed in this message only.
   */
  async handOff(thread: SendableChannels): Promise<void> {
    const role = this.config.handoffRoleId;
    if (!role) return;
    try {
      await thread.send({ content: NOTICES.handoff(role), allowedMentions: { parse: [], roles: [role] } });
      this.logger.info({ channelId: thread.id }, 'handed the question off to the configured role');
    } catch (err) {
      if (!isMissingPermission(err)) throw err;
      this.permissionWarnings.warn(thread.id, 'Send Messages in Threads', err);
    }
  }

  /** Jump links of learned answers by document id, so their citations link to the Discord reply. */
  readonly learnedLinks = new Map<string, string>();
}
