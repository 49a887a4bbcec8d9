#!/usr/bin/env bash
# Times "timeline build" on a synthetic site, on a disk or in memory, cold and
# warm, and optionally against Hugo in the same sitting.
#
#   bench/build.sh [N ...]           default: 1000 10000
#
# For each N it writes N synthetic entries on top of this site's settings,
# operations and templates (cmd/gencorpus) and times, under /usr/bin/time -v:
#
#   cold   no output folder yet (and no workspace beside it)
#   warm   output present, one entry edited before each build, builds back
#          to back (the first two warm builds are not timed: the second one
#          makes the workspace that later builds reuse)
#
# Each timed run prints wall, user and sys seconds and peak memory; then the
# median and the range (min-max) of each. Settings, from the environment:
#
#   RUNS=5          timed runs per case
#   MEDIUM=disk     where the site and its output live: "disk" (default), a
#                   folder under bench/ in this repository, or "tmpfs"
#                   (/dev/shm), which takes the disk out of the figures;
#                   BENCH_DIR=/some/folder picks the folder yourself
#   HUGO=hugo       also time Hugo on the same entries (cmd/gencorpus -hugo),
#                   each timeline run paired with a Hugo run of the same case;
#                   install it with: go install github.com/gohugoio/hugo@v0.152.2
#   CASES="cold warm"
#   DROP_CACHES=1   before each cold run, drop the page cache (needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cases=${CASES:-cold warm}
[ -x /usr/bin/time ] || { echo "bench/build.sh needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
case ${MEDIUM:-disk} in
disk) root=${BENCH_DIR:-$PWD/bench/.work} ;;
tmpfs) root=${BENCH_DIR:-/dev/shm} ;;
*) echo "MEDIUM must be disk or tmpfs" >&2; exit 2 ;;
esac
mkdir -p "$root"
work=$(mktemp -d "$root/timeline-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "# in $work ($(df -T "$work" | awk 'NR==2 {print $2}')), $(nproc) cores, $runs runs per case"
go build -o "$work/timeline" ./cmd/timeline
go build -o "$work/gencorpus" ./cmd/gencorpus
hugo=${HUGO:-}
if [ -n "$hugo" ]; then
	command -v "$hugo" >/dev/null || { echo "HUGO=$hugo: not found" >&2; exit 1; }
	echo "# yardstick: $("$hugo" version | cut -d' ' -f1-2)"
fi

# stats prints "median (min-max)" of its input lines.
stats() { sort -n | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); printf "%.2f (%.2f-%.2f)", m, a[1], a[NR]}'; }

# timed TOOL LABEL DIR CMD...: runs CMD in DIR under time -v and appends
# "wall user sys peakMiB" to $work/TOOL-LABEL.txt.
timed() {
	local tool=$1 label=$2 dir=$3
	shift 3
	(cd "$dir" && /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt") || { cat "$work/time.txt" >&2; exit 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ {n=split($2,p,":"); w=0; for(i=1;i<=n;i++) w=w*60+p[i]}
		/User time/ {u=$2} /System time/ {s=$2} /Maximum resident set size/ {r=$2/1024}
		END {printf "%.2f %.2f %.2f %.1f\n", w, u, s, r}' "$work/time.txt" | tee -a "$work/$tool-$label.txt" |
		awk -v t="$tool" -v l="$label" '{printf "%-8s %-5s wall %6.2f s  user %6.2f s  sys %5.2f s  peak %6.1f MiB\n", t, l, $1, $2, $3, $4}'
}

summary() { # tool label
	local f="$work/$1-$2.txt"
	[ -s "$f" ] || return 0
	printf '%-8s %-5s median (range): wall %s s, user %s s, sys %s s, peak %s MiB\n' "$1" "$2" \
		"$(cut -d' ' -f1 "$f" | stats)" "$(cut -d' ' -f2 "$f" | stats)" "$(cut -d' ' -f3 "$f" | stats)" "$(cut -d' ' -f4 "$f" | stats)"
	rm -f "$f"
}

drop_caches() {
	if [ -n "${DROP_CACHES:-}" ]; then sync && echo 3 >/proc/sys/vm/drop_caches; fi
}

# edit_one DIR I: changes one entry's text, so a warm build has work to do.
edit_one() {
	local f
	f=$(find "$1/content/entries" -name '*.md' | sort | sed -n "$(($2 % 50 + 1))p")
	printf '\nEdited for run %d.\n' "$2" >>"$f"
}

ours() { timed timeline "$1" "$2" "$work/timeline" build; }
theirs() { timed hugo "$1" "$2" "$hugo" --quiet; }

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for n in "${sizes[@]}"; do
	echo "## $n entries"
	"$work/gencorpus" "$n" "$work/site-$n" >/dev/null
	[ -z "$hugo" ] || "$work/gencorpus" -hugo "$n" "$work/hugo-$n" >/dev/null
	for c in $cases; do
		case $c in
		cold)
			for i in $(seq "$runs"); do
				rm -rf "$work/site-$n/public" "$work/site-$n/.public.timeline"
				drop_caches
				ours cold "$work/site-$n"
				[ -z "$hugo" ] && continue
				rm -rf "$work/hugo-$n/public" "$work/hugo-$n/resources"
				drop_caches
				theirs cold "$work/hugo-$n"
			done
			;;
		warm)
			for i in 1 2; do # not timed: output and workspace in place
				(cd "$work/site-$n" && "$work/timeline" build >/dev/null)
				[ -z "$hugo" ] || (cd "$work/hugo-$n" && "$hugo" --quiet >/dev/null)
			done
			for i in $(seq "$runs"); do
				edit_one "$work/site-$n" "$i"
				ours warm "$work/site-$n"
				[ -z "$hugo" ] && continue
				edit_one "$work/hugo-$n" "$i"
				theirs warm "$work/hugo-$n"
			done
			;;
		*) echo "unknown case $c (want cold or warm)" >&2; exit 2 ;;
		esac
	done
	for c in $cases; do
		summary timeline "$c"
		summary hugo "$c"
	done
	rm -rf "$work/site-$n" "$work/hugo-$n"
done
