import type { Answerer } from '../answerer.js';
import type { LlmConfig } from '../config.js';
import { LlmRewriter } from '../conversation/llm-rewriter.js';
import type { QuestionRewriter } from '../conversation/question-rewriter.js';
import { LangChainChatModel } from './langchain-chat-model.js';
import { LlmAnswerer } from './llm-answerer.js';

/** The chat-model answerer and follow-up rewriter for ANSWERER=llm, each with its offline stand-in. */
export function createLlm(config: LlmConfig, fallback: { answerer: Answerer; rewriter: QuestionRewriter }): { answerer: Answerer; rewriter: QuestionRewriter } {
  const model = new LangChainChatModel(config);
  return {
    answerer: new LlmAnswerer(model, { timeoutMs: config.timeoutMs, fallback: fallback.answerer }),
    // A quarter of the budget: a slow rewrite gives way to the heuristic and leaves the answer its time.
    rewriter: new LlmRewriter(model, { timeoutMs: Math.max(1000, Math.round(config.timeoutMs / 4)), fallback: fallback.rewriter }),
  };
}
