// Turns the bench's JSON lines into a Markdown table of Ferry vs LanceDB with ratios.
import fs from 'node:fs';
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
// A metric measured several times (Ferry's ingest runs) is reported by its median run (by seconds).
const get = (system, metric) => {
  const all = rows.filter(r => r.system === system && r.metric === metric);
  if (all.length <= 1) return all[0];
  const sorted = [...all].sort((a, b) => (a.seconds ?? 0) - (b.seconds ?? 0));
  return { ...sorted[(sorted.length - 1) >> 1], runs: all.length, all_seconds: all.map(r => r.seconds) };
};
const fmt = (x, d = 1) => (x === undefined || x === null) ? 'n/a' : Number(x).toLocaleString('en-US', { maximumFractionDigits: d });
const lines = ['| metric | Ferry | LanceDB | ratio (Ferry / LanceDB) | target |', '|---|---|---|---|---|'];
const ingest = get('ferry', 'ingest'), lIngest = get('lancedb', 'ingest');
const runs = r => r?.runs ? ` (median of ${r.runs}: ${r.all_seconds.map(x => fmt(x, 2)).join(', ')} s)` : '';
// Ferry's seconds are its own clock (duration_s: from the opened connectors to the last commit), as the LanceDB script
// times its ingest after connecting; the whole process (runtime start-up and plugin loading too) is reported beside it.
const ratio = (a, b) => (a && b) ? fmt(a / b, 2) + 'x' : 'n/a';
if (ingest) {
  lines.push(`| ingest rows/s | ${fmt(ingest.rows_per_s, 0)}${runs(ingest)} | ${fmt(lIngest?.rows_per_s, 0)} | ${ratio(ingest.rows_per_s, lIngest?.rows_per_s)} | >= 5x |`);
  if (ingest.process_rows_per_s) {
    const p = [...rows.filter(r => r.system === 'ferry' && r.metric === 'ingest')].sort((a, b) => a.process_seconds - b.process_seconds);
    const median = p[(p.length - 1) >> 1];
    lines.push(`| ingest rows/s, whole process | ${fmt(median.process_rows_per_s, 0)} (median of ${p.length}: ${p.map(r => fmt(r.process_seconds, 2)).join(', ')} s) | | ${ratio(median.process_rows_per_s, lIngest?.rows_per_s)} | |`);
  }
}
const v = get('ferry', 'ingest_validate_full');
if (v && ingest) lines.push(`| ingest + full validation rows/s | ${fmt(v.rows_per_s, 0)}${runs(v)} | | validation cost +${fmt((v.seconds / ingest.seconds - 1) * 100, 0)}% | < 30% |`);
if (ingest) lines.push(`| ingest peak RSS MiB | ${fmt(ingest.peak_rss_mib, 0)} | ${fmt(get('lancedb', 'whole_run_peak_rss')?.peak_rss_mib, 0)} (whole run) | | < 1024 |`);
const s = get('ferry', 'search_exact'), l = get('lancedb', 'search_flat');
if (s) {
  lines.push(`| exact search p50 ms | ${fmt(s.p50_ms, 2)} | ${fmt(l?.p50_ms, 2)} | ${l ? fmt(s.p50_ms / l.p50_ms, 3) : 'n/a'} | <= 0.25 |`);
  lines.push(`| exact search p95 ms | ${fmt(s.p95_ms, 2)} | ${fmt(l?.p95_ms, 2)} | ${l ? fmt(s.p95_ms / l.p95_ms, 3) : 'n/a'} | |`);
  lines.push(`| exact search recall@k | ${fmt(s.recall_at_k, 3)} | ${fmt(l?.recall_at_k, 3)} | | 1.0 |`);
}
console.log(lines.join('\n'));
