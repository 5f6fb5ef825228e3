#!/usr/bin/env bash
# Migration engine bench (docs/performance.md, "Migration engine"): the ferry CLI on the shared corpus, one line
# of JSON per case with wall time, CPU time and peak RSS. Not a test: it asserts nothing, it measures.
#   tests/bench/migration-bench.sh [Release|Debug]
# env: BENCH_N (100000), BENCH_DIM (384), FERRY_BENCH_DIR (<repo>/.bench), FERRY_ARTIFACTS
# Cases: pipeline only (dry run: read, parse, transform; memory must stay bounded whatever the corpus size),
# JSONL -> JSONL, JSONL -> Frame, JSONL -> Frame with --validate full.
set -euo pipefail
configuration="${1:-Release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
n="${BENCH_N:-100000}"; dim="${BENCH_DIM:-384}"
work="${FERRY_BENCH_DIR:-$root/.bench}"
artifacts="${FERRY_ARTIFACTS:-$root/artifacts}"
cfg="$(echo "$configuration" | tr '[:upper:]' '[:lower:]')"
ferry="$artifacts/bin/Ferry.Host/$cfg/ferry"
corpus="$work/corpus-${n}x${dim}/corpus.jsonl"
out="$artifacts/bench"; mkdir -p "$out" "$work"
results="$out/migration.jsonl"; : > "$results"
if [ ! -f "$corpus" ]; then
  node "$root/../shared/bench/gen-dataset.mjs" "$(dirname "$corpus")" "$n" "$dim" 100
fi
# The plugin folder is shared by configurations: make sure it holds this configuration's build.
dotnet build -c "$configuration" "$root/plugins/Ferry.Plugins.Files" -v q > /dev/null
bytes=$(stat -L -c %s "$corpus")
source="$corpus?timestamps=published"

run() {
  local label="$1"; shift
  local state="$work/state-$label"; rm -rf "$state" "$work/$label".*
  /usr/bin/time -f '%e %U %S %M' -o "$out/$label.time" "$ferry" migrate --from "$source" --state-dir "$state" --json "$@" > "$out/$label.out" 2> "$out/$label.err" \
    || { echo "bench: $label failed:"; tail -20 "$out/$label.err"; exit 1; }
  read -r wall user sys kib < "$out/$label.time"
  local result; result=$(grep '"type":"result"' "$out/$label.out")
  local validation; validation=$(echo "$result" | sed -n 's/.*"validation":{"level":"full","passed":\([a-z]*\),"duration_s":\([0-9.]*\).*/"validation_passed":\1,"validation_s":\2,/p')
  echo "{\"system\":\"ferry\",\"metric\":\"migrate_$label\",\"rows\":$n,\"bytes\":$bytes,$validation\"wall_s\":$wall,\"user_s\":$user,\"sys_s\":$sys,\"rows_per_s\":$(awk "BEGIN{print $n/$wall}"),\"rows_per_cpu_s\":$(awk "BEGIN{print $n/($user+$sys)}"),\"peak_rss_mib\":$(awk "BEGIN{print $kib/1024}"),\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\"}" | tee -a "$results"
}

run dry-run --dry-run
run jsonl --to "$work/jsonl.jsonl"
run frame --to "$work/frame.frame"
run frame-validate --to "$work/frame-validate.frame" --validate full
