import { ABSTAIN_TEXT } from '../core/answerer.js';
import type { IngestReport } from '../core/ingest.js';
import type { CrawlReport } from '../core/web/crawler.js';
import type { Answer, Citation, DocumentInfo, Passage } from '../core/types.js';
import type { SourceResult } from '../core/engine.js';
import { describeLocation, locate } from '../core/locate.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function snippet(text: string, max = 220): string {
  const t = oneLine(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

const dated = (date: string | null) => (date ? ` (${date})` : '');
/** "1 document", "2 documents". */
export const plural = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
/** " · p. 3 · Setup › Intents", or ''. */
const where = (loc: { page?: number | null; section?: string | null }) => {
  const text = describeLocation({ page: loc.page ?? null, section: loc.section ?? null });
  return text ? ` · ${text}` : '';
};

export function renderCitation(c: Citation): string {
  return [`[${c.n}] ${c.title}${dated(c.date)}`, `    ${c.chunkId} · chars ${c.start}–${c.end}${where(c)}`, `    “${oneLine(c.quote)}”`].join('\n');
}

export function renderPassage(p: Passage, i: number, withScore = false): string {
  const score = withScore ? ` score ${p.score.toFixed(4)}` : '';
  return [`${i + 1}.${score} ${p.doc.title}${dated(p.doc.date)}`, `    ${p.chunk.id} · chars ${p.chunk.start}–${p.chunk.end}${where(locate(p.doc, p.chunk.start))}`, `    ${snippet(p.chunk.text)}`].join('\n');
}

export function renderAnswer(a: Answer): string {
  if (a.abstained) {
    const nearest = a.passages.slice(0, 3).map((p, i) => renderPassage(p, i));
    // Say "not in the corpus" once: the standard abstention already says it.
    const head = a.text === ABSTAIN_TEXT ? 'Not in the corpus.' : /\bcorpus\b/i.test(a.text) ? a.text : `Not in the corpus: ${a.text}`;
    return [head, ...(nearest.length ? ['', 'Nearest sources:', ...nearest] : [])].join('\n');
  }
  return [a.text, '', 'Sources:', ...a.citations.map(renderCitation)].join('\n');
}

export function answerJson(a: Answer): object {
  return {
    answer: a.text,
    abstained: a.abstained,
    citations: a.citations.map(({ n, docId, title, date, chunkId, start, end, quote, page, section, url }) => ({
      n, docId, title, date, chunkId, start, end, quote,
      page: page ?? null,
      section: section ?? null,
      ...(url ? { url } : {}),
    })),
    ...(a.abstained && {
      nearest: a.passages.slice(0, 3).map((p) => ({ docId: p.doc.id, title: p.doc.title, chunkId: p.chunk.id, score: p.score })),
    }),
    ...(a.standalone && { standalone: a.standalone }),
    ...(a.answerer && { answerer: a.answerer }),
    ...(a.fallback && { fallback: a.fallback }),
    ...(a.unsupported && { unsupported: a.unsupported }),
    timingsMs: a.timingsMs,
  };
}

/**
 * Writes a generated answer to a stream as it arrives (unverified), so the
 * terminal shows progress; a blank line closes it before the verified answer.
 */
export function streamPrinter(out: NodeJS.WritableStream): { onText: (textSoFar: string, done?: boolean) => void } {
  let shown = 0;
  return {
    onText(text, done) {
      out.write(text.slice(shown));
      shown = text.length;
      if (done && shown) out.write('\n\n');
    },
  };
}

export function renderSource(s: SourceResult): string {
  if (s.kind === 'chunk')
    return [`${s.doc.title}${dated(s.doc.date)}`, `${s.chunk.id} · chars ${s.chunk.start}–${s.chunk.end} of ${s.doc.id}${where(locate(s.doc, s.chunk.start))}`, '', s.chunk.text].join('\n');
  return [`${s.doc.title}${dated(s.doc.date)}`, `${s.doc.id} · ${plural(s.doc.chunks, 'passage')} · ${plural(s.doc.chars, 'character')}`, '', s.text].join('\n');
}

export function renderDocs(docs: DocumentInfo[]): string {
  // Ids are relative paths of any depth: pad them all to the longest so the columns line up.
  const width = Math.max(0, ...docs.map((d) => d.id.length));
  const lines = docs.map((d) => `${d.id.padEnd(width)}  ${d.date ?? '----------'}  ${plural(d.chunks, 'passage').padStart(12)}  ${d.title}`);
  return [...lines, '', plural(docs.length, 'document')].join('\n');
}

export function renderIngest(r: IngestReport): string {
  const lines = [
    `Indexed ${plural(r.documents, 'document')} into ${plural(r.chunks, 'passage')} in ${(r.ms / 1000).toFixed(1)} s ` +
      `(${r.added} new, ${r.changed} changed, ${r.removed} removed; ${r.embedded} embedded, ${r.reused} reused).`,
    `Embedder: ${r.embedder}. Index: ${r.indexDir}`,
  ];
  // Each file once: what changed, and every skip with its reason; unchanged files are only counted.
  const listed = (r.files ?? []).filter((f) => f.status !== 'unchanged');
  if (listed.length) lines.push(...listed.map((f) => `  ${f.status.padEnd(8)} ${f.id}${f.reason ? `: ${f.reason}` : ''}`));
  if (r.skipped.length) lines.push(`Skipped ${r.skipped.length} file(s); each is listed above with the reason.`);
  return lines.join('\n');
}

/** A crawl: counts, then every page that is not unchanged, failures with their HTTP status. */
export function renderCrawl(c: CrawlReport): string {
  const by = (s: string) => c.pages.filter((p) => p.status === s).length;
  const lines = [
    `Crawled ${c.start}: ${by('new')} new, ${by('changed')} changed, ${by('unchanged')} unchanged, ${by('removed')} removed, ` +
      `${by('disallowed')} disallowed, ${by('failed')} failed (${c.requests} requests in ${(c.ms / 1000).toFixed(1)} s).`,
  ];
  for (const p of c.pages) {
    if (p.status === 'unchanged') continue;
    const why = [p.httpStatus ? `HTTP ${p.httpStatus}` : null, p.reason].filter(Boolean).join(': ');
    lines.push(`  ${p.status.padEnd(10)} ${p.url}${why && p.status !== 'new' && p.status !== 'changed' ? ` (${why})` : ''}`);
  }
  return lines.join('\n');
}
