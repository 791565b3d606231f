/** Nearest-rank percentile of `values` (0 < p ≤ 100); 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Milliseconds with a precision that suits their size. */
export function ms(value: number): string {
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export const mb = (bytes: number) => bytes / 1048576;

/** Peak resident set size of this process so far, in MB (maxRSS is reported in KiB). */
export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

export interface BenchFigures {
  chunks: number;
  ingestChunksPerS: number;
  queryP50Ms: number;
  queryP95Ms: number;
  retrieveP95Ms: number;
  coldStartMs: number;
  peakRssMb: number;
  baselineRetrieveP95Ms: number;
  baselineIngestChunksPerS: number;
  /** `ask` through the compiled CLI on a warm small index, and bare `node -e 0`, in the same run. */
  cliAskMs: number;
  nodeStartMs: number;
}

/** The bench's last line, in the exact format the issue fixes; `backend=` is added when one was named. */
export function benchLine(f: BenchFigures, backend?: 'file' | 'postgres'): string {
  return (
    `bench: chunks=${f.chunks} ingest_chunks_per_s=${Math.round(f.ingestChunksPerS)} ` +
    `query_p50_ms=${ms(f.queryP50Ms)} query_p95_ms=${ms(f.queryP95Ms)} retrieve_p95_ms=${ms(f.retrieveP95Ms)} ` +
    `cold_start_ms=${Math.round(f.coldStartMs)} peak_rss_mb=${Math.round(f.peakRssMb)} ` +
    `baseline_retrieve_p95_ms=${ms(f.baselineRetrieveP95Ms)} baseline_ingest_chunks_per_s=${Math.round(f.baselineIngestChunksPerS)} ` +
    `cli_ask_ms=${Math.round(f.cliAskMs)} node_start_ms=${Math.round(f.nodeStartMs)}` +
    (backend ? ` backend=${backend}` : '')
  );
}

export const BENCH_LINE =
  /^bench: chunks=\d+ ingest_chunks_per_s=\d+ query_p50_ms=[\d.]+ query_p95_ms=[\d.]+ retrieve_p95_ms=[\d.]+ cold_start_ms=\d+ peak_rss_mb=\d+ baseline_retrieve_p95_ms=[\d.]+ baseline_ingest_chunks_per_s=\d+ cli_ask_ms=\d+ node_start_ms=\d+( backend=(file|postgres))?$/;
