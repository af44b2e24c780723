#!/usr/bin/env bash
# Benchmark: GET /logs/search against `rg -n` (Debian's ripgrep) on the same mirror folder, in the same run.
# Needs: java 17, curl, rg (apt-get install -y ripgrep).
# Usage: bench/search-vs-rg.sh [totalMb (default 500)] [rounds (default 3)]
#   TREE=/path/to/data  reuse a data folder written before (its logs/ is searched; it is not deleted)
# Writes the testkit's synthetic tree (seed 7, job folders) to a temporary data folder, serves it with the service in
# offline mode (no sync: the files stay as written), and for each query times the full answer over HTTP (format=text,
# to /dev/null) and `rg -n` with the same output format, median of the rounds, page cache warm for both; then checks
# that the sets of path:line matches are identical. Also: time to the first match, and pathological regexes.
# Results and method: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
total_mb="${1:-500}"
rounds="${2:-3}"
for tool in java curl rg; do
  command -v "$tool" >/dev/null || { echo "needs $tool (rg: apt-get install -y ripgrep)" >&2; exit 2; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/search-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp_file="$work/classpath"
./mvnw -o -q -pl logs-micronaut-app -am package -DskipTests >/dev/null
if [[ -n "${TREE:-}" ]]; then
  data="$TREE"
else
  data="$data"
  ./mvnw -o -q -pl logs-search -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
  java -Xmx4g -cp "logs-search/target/test-classes:logs-search/target/classes:logs-core/target/classes:$(cat "$cp_file")" \
    io.logmirror.search.bench.SearchBenchTree "$data" "$total_mb"
fi
du -sh --apparent-size "$data/logs" | sed 's/^/tree: /'
echo "files: $(find "$data/logs" -type f | wc -l); machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(rg --version | head -1)"

port=18437
(cd "$work" && LOGS_MODE=offline DATA_DIR="$data" PORT=$port SEARCH_MAX_LIMIT=10000000 SEARCH_TIME_LIMIT=600 \
  LOG_LEVEL=WARN TZ=UTC exec java -Xmx2g -jar "$OLDPWD/logs-micronaut-app/target/logs-service.jar") > "$work/service.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "service did not start:"; cat "$work/service.log"; exit 1; }
# warm both: the page cache for rg, the JIT for ours
find "$data/logs" -type f -exec cat {} + > /dev/null
for _ in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$port/logs/search?q=warmup&format=text&limit=10000000"; done

now_ms() { date +%s%3N; }
# CPU time (user + system, ms) the service has used so far; rg's comes from /usr/bin/time
service_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$(pgrep -P "$server_pid" java || echo "$server_pid")/stat"; }
rg_timed() { /usr/bin/time -f "%e %U %S" -o "$work/rgtime" "$@" > /dev/null 2>&1 || true; awk '{printf "%d %d", $1 * 1000, ($2 + $3) * 1000}' "$work/rgtime"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# name | our parameters | rg options | pattern
queries=(
  "rare literal|case=sensitive|-F|Traceback"
  "common literal|case=sensitive|-F|INFO"
  "case-insensitive|case=insensitive|-F -i|warning"
  "regex with literal|case=sensitive&regex=true|-e|throughput: [0-9]{4}\\.[0-9] tokens/s"
  "regex without literal|case=sensitive&regex=true|-e|\\b[0-9]{4}\\.[0-9]\\b"
)
printf '\n%-24s %9s %9s %7s %9s %9s %9s %s\n' "query" "ours ms" "rg -n ms" "ratio" "ours cpu" "rg cpu" "matches" "same path:line set"
for entry in "${queries[@]}"; do
  IFS='|' read -r name ours rgopt pattern <<< "$entry"
  url="http://127.0.0.1:$port/logs/search?q=$(urlencode "$pattern")&$ours&format=text&limit=10000000"
  ours_times=(); rg_times=(); ours_cpu=(); rg_cpu=()
  for _ in $(seq 1 "$rounds"); do
    c=$(service_cpu_ms); t=$(now_ms); curl -s -o /dev/null "$url" || echo "curl failed: $?"; ours_times+=($(( $(now_ms) - t ))); ours_cpu+=($(( $(service_cpu_ms) - c )))
    read -r wall cpu <<< "$(cd "$data" && rg_timed rg -n $rgopt "$pattern" logs)"; rg_times+=("$wall"); rg_cpu+=("$cpu")
  done
  (curl -s "$url" || true) | cut -d: -f1,2 | sort > "$work/ours.txt"
  (cd "$data" && rg -n $rgopt "$pattern" logs || true) | cut -d: -f1,2 | sort > "$work/rg.txt"
  ours_ms=$(printf '%s\n' "${ours_times[@]}" | median); rg_ms=$(printf '%s\n' "${rg_times[@]}" | median)
  same=$(cmp -s "$work/ours.txt" "$work/rg.txt" && echo yes || echo "NO ($(comm -3 "$work/ours.txt" "$work/rg.txt" | wc -l) differ)")
  printf '%-24s %9s %9s %7s %9s %9s %9s %s\n' "$name" "$ours_ms" "$rg_ms" "$(awk -v a="$ours_ms" -v b="$rg_ms" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" \
    "$(printf '%s\n' "${ours_cpu[@]}" | median)" "$(printf '%s\n' "${rg_cpu[@]}" | median)" "$(wc -l < "$work/ours.txt")" "$same"
done

# Date-restricted: ours filters lines by their own time; rg has no such filter. Compared with rg over the files
# modified since then (find -newermt | xargs rg -n), the closest a user gets; ours must be a subset of that.
since="2026-01-06T00:00:00"; until="2026-01-07T00:00:00"
url="http://127.0.0.1:$port/logs/search?q=ERROR&case=sensitive&since=$since&until=$until&format=text&limit=10000000"
ours_times=(); rg_times=()
for _ in $(seq 1 "$rounds"); do
  t=$(now_ms); curl -s -o /dev/null "$url" || true; ours_times+=($(( $(now_ms) - t )))
  t=$(now_ms); (cd "$data" && find logs -type f -newermt "$since" -print0 | xargs -0 rg -n -F ERROR > /dev/null || true); rg_times+=($(( $(now_ms) - t )))
done
(curl -s "$url" || true) | cut -d: -f1,2 | sort > "$work/ours.txt"
(cd "$data" && find logs -type f -newermt "$since" -print0 | xargs -0 rg -n -F ERROR || true) | cut -d: -f1,2 | sort > "$work/rg.txt"
subset=$(comm -23 "$work/ours.txt" "$work/rg.txt" | wc -l)
printf '%-26s %10s %10s %8s %10s %s\n' "date-restricted (1 day)" "$(printf '%s\n' "${ours_times[@]}" | median)" \
  "$(printf '%s\n' "${rg_times[@]}" | median)" "-" "$(wc -l < "$work/ours.txt")" "ours within rg's: $([[ $subset == 0 ]] && echo yes || echo "NO ($subset not)") (rg: $(wc -l < "$work/rg.txt"))"

echo
echo "time to first match (ndjson, first body byte; median of $rounds):"
for pattern in "Traceback" "INFO" "warning"; do
  url="http://127.0.0.1:$port/logs/search?q=$(urlencode "$pattern")&limit=10000000"
  first=()
  for _ in $(seq 1 "$rounds"); do
    t=$(now_ms); (curl -sN "$url" || true) | head -c 1 > /dev/null; first+=($(( $(now_ms) - t )))
  done
  printf '  %-22s %6s ms\n' "$pattern" "$(printf '%s\n' "${first[@]}" | median)"
done

echo
echo "pathological regexes (full answer over the whole tree; a backtracking engine would not finish):"
for pattern in '(x+x+)+y' '(a|aa)+$' '(.*a){12}' '(\w+\s?)+$' '((((a{100}){100}){100}){100})'; do
  url="http://127.0.0.1:$port/logs/search?q=$(urlencode "$pattern")&regex=true&format=text&limit=10000000"
  t=$(now_ms); status=$(curl -s -m 120 -o "$work/patho.txt" -w '%{http_code}' "$url" || true); ms=$(( $(now_ms) - t ))
  printf "  %-34s HTTP %s in %6s ms, %s lines\n" "$pattern" "$status" "$ms" "$(cat "$work/patho.txt" 2>/dev/null | wc -l)"
done
