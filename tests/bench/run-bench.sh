#!/usr/bin/env bash
# Ferry vs the LanceDB reference, on the same corpus, in one run (see ../../docs/performance.md).
# usage: tests/bench/run-bench.sh [Release|Debug]
# env: BENCH_N (100000), BENCH_DIM (384), BENCH_QUERIES (100), BENCH_REPEAT (3), FERRY_BENCH_DIR (<repo>/.bench), SKIP_LANCEDB=1
set -euo pipefail
configuration="${1:-Release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$root/../shared/bench"
n="${BENCH_N:-100000}"; dim="${BENCH_DIM:-384}"; queries="${BENCH_QUERIES:-100}"
work="${FERRY_BENCH_DIR:-$root/.bench}"
artifacts="${FERRY_ARTIFACTS:-$root/artifacts}"
cfg="$(echo "$configuration" | tr '[:upper:]' '[:lower:]')"
# The packed host (Cake Pack: ReadyToRun, what users install); the build output when no pack exists.
ferry="$artifacts/pack/ferry"
[ -x "$ferry" ] || ferry="$artifacts/bin/Ferry.Host/$cfg/ferry"
harness="$artifacts/bin/Ferry.Benchmarks/$cfg/Ferry.Benchmarks"
corpus="$work/corpus-${n}x${dim}"
out="$artifacts/bench"
mkdir -p "$work" "$out"
results="$out/results.jsonl"; : > "$results"

if [ ! -f "$corpus/corpus.jsonl" ]; then
  echo "bench: generating corpus $n x $dim"
  node "$shared/gen-dataset.mjs" "$corpus" "$n" "$dim" "$queries"
fi
bytes=$(stat -c %s "$corpus/corpus.jsonl")

# measure LABEL CMD... : one JSON line with the run's seconds by ferry's own clock (duration_s of its --json result: from
# opening the source to the last commit, as the LanceDB script times its ingest), the whole process's wall seconds
# (runtime start-up and plugin loading included) and its peak RSS.
measure() {
  local label="$1"; shift
  local timing="$out/$label.time"
  /usr/bin/time -f '%e %M' -o "$timing" "$@" > "$out/$label.out" 2> "$out/$label.err" || { echo "bench: $label failed:"; tail -20 "$out/$label.err"; exit 1; }
  read -r wall kib < "$timing"
  local seconds
  seconds=$(grep '"type":"result"' "$out/$label.out" | tail -1 | node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8")).duration_s))')
  echo "{\"system\":\"ferry\",\"metric\":\"$label\",\"rows\":$n,\"seconds\":$seconds,\"rows_per_s\":$(awk "BEGIN{print $n/$seconds}"),\"process_seconds\":$wall,\"process_rows_per_s\":$(awk "BEGIN{print $n/$wall}"),\"mb_per_s\":$(awk "BEGIN{print $bytes/1048576/$seconds}"),\"peak_rss_mib\":$(awk "BEGIN{print $kib/1024}")}" >> "$results"
}

if [ "${SKIP_LANCEDB:-0}" != "1" ]; then
  if [ ! -d "$root/tests/bench/node_modules/@lancedb/lancedb" ]; then
    (cd "$root/tests/bench" && npm install --no-audit --no-fund --loglevel=error)
  fi
  echo "bench: LanceDB reference"
  NODE_PATH="$root/tests/bench/node_modules" /usr/bin/time -f '%e %M' -o "$out/lancedb.time" \
    node "$shared/lancedb-bench.mjs" "$corpus" "$work/lancedb.db" 2> "$out/lancedb.err" | sed 's/^{/{"system":"lancedb",/' >> "$results"
  read -r _ lkib < "$out/lancedb.time"
  echo "{\"system\":\"lancedb\",\"metric\":\"whole_run_peak_rss\",\"peak_rss_mib\":$(awk "BEGIN{print $lkib/1024}")}" >> "$results"
fi

# Each Ferry ingest runs BENCH_REPEAT times (default 3), with and without validation in turn; the report takes the median.
repeat="${BENCH_REPEAT:-3}"
# Like the LanceDB script, every run ingests into a new dataset; the old one is removed (and synced) beforehand so its
# deletion is not part of the timed run.
fresh() { rm -rf "$@"; sync; sleep 2; }
for i in $(seq 1 "$repeat"); do
  echo "bench: Ferry ingest (JSONL -> Frame, no validation), run $i of $repeat"
  fresh "$work/ferry.frame" "$work/ferry-validated.frame"
  measure ingest "$ferry" migrate --from "$corpus/corpus.jsonl?timestamps=published" --to "$work/ferry.frame" --restart --json
  echo "bench: Ferry ingest with --validate full, run $i of $repeat"
  fresh "$work/ferry-validated.frame"
  measure ingest_validate_full "$ferry" migrate --from "$corpus/corpus.jsonl?timestamps=published" --to "$work/ferry-validated.frame" --restart --validate full --json
done
echo "bench: Ferry exact search"
"$harness" frame-search "$work/ferry.frame" "$corpus/queries.json" | sed 's/^{/{"system":"ferry",/' >> "$results"

node "$root/tests/bench/report.mjs" "$results" > "$out/results.md"
cat "$out/results.md"
