/**
 * Accumulates extracted text with collapsed whitespace and at most one blank
 * line between blocks, so the result needs no later clean-up and offsets
 * taken while building stay valid in the final text.
 */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  /** 0: nothing, 1: a line break, 2: a blank line, owed before the next text. */
  private pendingBreak = 0;
  private pendingSpace = false;

  /** Inline text: runs of whitespace become one space. */
  inline(raw: string): void {
    if (!raw) return;
    const lead = /^\s/.test(raw);
    const body = raw.replace(/\s+/g, ' ').trim();
    if (lead) this.pendingSpace = true;
    if (body) {
      this.flush();
      this.push(body);
    }
    if (body && /\s$/.test(raw)) this.pendingSpace = true;
  }

  /** Ends the current line (1) or paragraph (2). */
  break(kind: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, kind);
    this.pendingSpace = false;
  }

  /** Where the next text will start. */
  nextOffset(): number {
    if (this.length === 0) return 0;
    return this.length + (this.pendingBreak || (this.pendingSpace ? 1 : 0));
  }

  toString(): string {
    return this.parts.join('');
  }

  private flush(): void {
    if (this.length > 0) {
      if (this.pendingBreak) this.push(this.pendingBreak === 2 ? '\n\n' : '\n');
      else if (this.pendingSpace) this.push(' ');
    }
    this.pendingBreak = 0;
    this.pendingSpace = false;
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
}
