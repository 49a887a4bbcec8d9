#!/usr/bin/env bash
# Times a full build of a synthetic site with the real CLI and theme.
#
#   bench/build.sh [N ...]        default: 1000 10000
#
# For each N it writes N synthetic entries on top of this site's settings,
# operations and templates (cmd/gencorpus), then runs "timeline build" RUNS
# times (default 5) under /usr/bin/time -v and prints each run's wall time and
# peak RSS, then the medians. Set CORPUS_DIR to build an existing corpus
# instead (for example one written by another generator), and BENCH_DIR to
# work somewhere else than $TMPDIR (/dev/shm takes the disk out of the
# figures: writing 10,000 small files to a slow disk can take seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
[ -x /usr/bin/time ] || { echo "bench/build.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/timeline-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
go build -o "$work/timeline" ./cmd/timeline
go build -o "$work/gencorpus" ./cmd/gencorpus

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench() { # label dir
	local label=$1 dir=$2 walls=() rss=()
	rm -rf "$dir/public"
	for i in $(seq "$runs"); do
		(cd "$dir" && /usr/bin/time -v "$work/timeline" build >/dev/null 2>"$work/time.txt") ||
			{ cat "$work/time.txt" >&2; exit 1; }
		local w r
		w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.txt")
		r=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt")
		printf '%-8s run %d: %6.2f s  %7.1f MiB\n' "$label" "$i" "$w" "$r"
		walls+=("$w"); rss+=("$r")
	done
	printf '%-8s median: %6.2f s  %7.1f MiB  (runs: %d)\n' "$label" \
		"$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)" "$runs"
}

if [ -n "${CORPUS_DIR:-}" ]; then
	bench corpus "$CORPUS_DIR"
	exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
	"$work/gencorpus" "$n" "$work/site-$n" >/dev/null
	bench "$n" "$work/site-$n"
	rm -rf "$work/site-$n"
done
