/**
 * Shows a generated answer while it streams by editing one message, at most
 * once per `minIntervalMs` (Discord allows about five edits per five seconds
 * on a message; one a second never meets the limit). Edits never overlap;
 * the interval is counted from the end of the previous edit, so Discord sees
 * them at least that far apart even when a request was slow to leave.
 */
export class StreamingReply {
  private latest: string | null = null;
  private shown: string | null = null;
  private lastEditEnd = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private closed = false;
  /** Stream edits sent so far. */
  edits = 0;

  constructor(
    private readonly edit: (text: string) => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
    private readonly minIntervalMs = 1000,
  ) {}

  /** The answer so far; shown at the next allowed edit (intermediate texts are skipped). */
  update(text: string): void {
    if (this.closed) return;
    this.latest = text;
    this.schedule();
  }

  /**
   * Stops streaming: waits for an edit in flight and for the rest of the
   * interval, so the final edit that follows keeps the same spacing.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
    const wait = this.lastEditEnd + this.minIntervalMs - performance.now();
    if (wait > 0 && this.edits > 0) await new Promise((r) => setTimeout(r, wait));
  }

  private schedule(): void {
    if (this.timer || this.inFlight || this.closed) return;
    const wait = Math.max(0, this.lastEditEnd + this.minIntervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (this.closed || this.latest === null || this.latest === this.shown) return;
    const text = this.latest;
    this.shown = text;
    this.edits++;
    this.inFlight = this.edit(text)
      .then(
        () => undefined,
        (err: unknown) => this.onError(err),
      )
      .finally(() => {
        this.lastEditEnd = performance.now();
        this.inFlight = null;
        if (this.latest !== this.shown) this.schedule();
      });
  }
}
