#!/usr/bin/env bash
# Ingest benchmark of the storage core (docs/PERFORMANCE.md, "Storage core: ingest"):
# `tessera import` from local files against a raw copy of the same files to the same disk.
#
#   benchmarks/ingest/run-ingest-bench.sh [options]
#
#   --runs N        runs of each measurement; the fastest is reported (default 2)
#   --ct N          number of 512 x 512 x 16-bit CT instances, ~0.53 MB each (default 2000)
#   --ct-large N    number of CT instances of the large set (default 8000, ~4.2 GB): large
#                   enough that `cp -r` is held to the disk's write-back speed instead of
#                   filling the page cache at memory speed; only `cp -r` and the import with
#                   fsync off run on it, taking turns, every round reported; 0 skips it
#   --tiny N        number of 16 x 16 x 16-bit CT instances, ~2.7 KB each (default 30000)
#   --frames N      frames of the 512 x 512 x 16-bit multi-frame instance (default 2048 = 1 GiB
#                   of Pixel Data); 0 skips it
#   --work DIR      scratch directory, removed at the end (default /tmp/tessera-ingest-bench)
#   --keep          keep DIR's generated instances and logs (GC logs, results.md); the copies
#                   the measurements made are deleted regardless
#   --jfr           also record a JFR file of each Tessera run (DIR/logs/*.jfr; implies --keep)
#
# Needs: java 17, python3 with pydicom (Debian: apt-get install python3-pydicom), GNU time
# (apt-get install time), and the built jar (built here if missing: mvn -B -q install
# -DskipTests). Run as root to drop the page cache before every measurement; otherwise the
# sources are read from the page cache by the raw copies and by Tessera alike (the table says
# which).
#
# Every measurement writes to a fresh directory; all are deleted at the end, not between
# measurements (ext4 allocates inodes slowly right after many were deleted, which would charge
# one run for the cleanup of the one before). Tessera runs with its defaults (ingest workers =
# 4 x nproc) apart from --set storage.fsync=false where the table says "off", and with the JVM
# options the launcher gives an import (JVM_OPTS in ./tessera); the CT and tiny runs use
# the JVM's default heap unless the label says -Xmx256m. The jar is copied first, so
# a rebuild during the run does not change what is measured.
set -euo pipefail

RUNS=2 CT=2000 CT_LARGE=8000 TINY=30000 FRAMES=2048 WORK=/tmp/tessera-ingest-bench KEEP=0 JFR=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --ct) CT=$2; shift 2 ;;
    --ct-large) CT_LARGE=$2; shift 2 ;;
    --tiny) TINY=$2; shift 2 ;;
    --frames) FRAMES=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --jfr) JFR=1; KEEP=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# the JVM options the launcher gives `tessera import`
IMPORT_JAVA_OPTS=$(sed -n 's/^JVM_OPTS="\(.*\)"$/\1/p' "$ROOT/tessera")
JAR=$ROOT/server/target/tessera.jar
GEN=$ROOT/benchmarks/ingest/gen_instances.py
export TCP_NODELAY=1

# --- prerequisites ---------------------------------------------------------------------------
PY=
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import pydicom' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || { echo "python3 with pydicom is needed: apt-get install python3-pydicom" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }
command -v java >/dev/null || { echo "java 17 is needed" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR"
  (cd "$ROOT" && mvn -B -q install -DskipTests)
fi

# space: the sources and every copy of them (deleted at the end)
need_kb=$(( (CT * 530 + TINY * 8) * (6 * RUNS + 1) + CT_LARGE * 530 * (2 * RUNS + 1) \
  + FRAMES * 513 * 5 + 1024 * 1024 ))
mkdir -p "$WORK"
free_kb=$(df -Pk "$WORK" | awk 'NR==2 {print $4}')
if [ "$free_kb" -lt "$need_kb" ]; then
  echo "$WORK: $((free_kb / 1024)) MB free, about $((need_kb / 1024)) MB needed" >&2; exit 1
fi
rm -rf "${WORK:?}"/*
SRC=$WORK/src LOGS=$WORK/logs RUN=0
mkdir -p "$SRC" "$LOGS" "$WORK/out"
cp "$JAR" "$WORK/tessera.jar"; JAR=$WORK/tessera.jar
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
# uncommitted changes to sources or build files (what the jar is built from)
[ -z "$(cd "$ROOT" && git status --porcelain -- ':(glob)**/src/**' ':(glob)**/pom.xml' 2>/dev/null)" ] \
  || COMMIT="$COMMIT + uncommitted changes"
next_out() { RUN=$((RUN + 1)); OUT=$WORK/out/$RUN; }
if [ "$KEEP" = 0 ]; then trap 'rm -rf "${WORK:?}"' EXIT; fi

CACHE="page cache dropped before each measurement"
drop_cache() {
  sync
  if ! { echo 3 > /proc/sys/vm/drop_caches; } 2>/dev/null; then
    CACHE="page cache NOT dropped (not root?): sources read from the page cache"
  fi
}

# --- the instances ---------------------------------------------------------------------------
echo "== generating instances in $SRC"
"$PY" "$GEN" ct "$SRC/ct" "$CT" --size 512 --series 4
if [ "$CT_LARGE" -gt 0 ]; then
  "$PY" "$GEN" ct "$SRC/ct-large" "$CT_LARGE" --size 512 --series 16 --study 5
fi
# the tiny set in two processes: pydicom writes ~250 files/s per core
half=$(( TINY / 2 ))
"$PY" "$GEN" ct "$SRC/tiny/a" "$half" --size 16 --series 2 --study 3 &
"$PY" "$GEN" ct "$SRC/tiny/b" $(( TINY - half )) --size 16 --series 2 --study 4 &
wait
if [ "$FRAMES" -gt 0 ]; then
  mkdir -p "$SRC/mf"
  "$PY" "$GEN" multiframe "$SRC/mf/multiframe.dcm" "$FRAMES" --size 512
fi
sync

# --- raw copies: the disk's own speed ----------------------------------------------------------
# Each file read, written to a new file in a fresh tree and closed, THREADS files at a time
# (Tessera's ingest runs 4 x nproc at a time); MODE "fsync": fsync(2)ed before closing; "md5":
# its MD5 computed on the way, no fsync (what Tessera must do at the least with fsync off).
COPY_PY='
import os, sys, time
from concurrent.futures import ThreadPoolExecutor
import hashlib
src, dst, threads, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = [os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs]
for d, _, _ in os.walk(src):
    os.makedirs(os.path.join(dst, os.path.relpath(d, src)), exist_ok=True)
def copy(path):
    md5 = hashlib.md5()
    with open(path, "rb") as i, open(os.path.join(dst, os.path.relpath(path, src)), "wb") as o:
        while True:
            b = i.read(1 << 20)
            if not b:
                break
            if mode == "md5":
                md5.update(b)
            o.write(b)
        o.flush()
        if mode == "fsync":
            os.fsync(o.fileno())
    return os.path.getsize(path)
t = time.perf_counter()
with ThreadPoolExecutor(threads) as ex:
    total = sum(ex.map(copy, files))
print(len(files), total, time.perf_counter() - t)
'
ROWS=()   # "label|fsync|files|bytes|seconds|wall|rss_kb|heap|note|half_rate|load|cpu"
load() { cut -d' ' -f1 /proc/loadavg; }
# CPU time the whole machine spent busy so far, in seconds (user, nice, system, irq, softirq,
# steal from /proc/stat)
busy() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat; }
# CPU seconds of the PostgreSQL server with pid $1: the postmaster, the backends it reaped
# and those still running. pg_ctl starts it, so it is no descendant of the JVM and GNU time
# does not count it; read it until it stops.
pg_cpu() {
  local hz c; hz=$(getconf CLK_TCK)
  {
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13 + $14 + $15}'
    for c in $(pgrep -P "$1"); do sed 's/^.*) //' "/proc/$c/stat" | awk '{print $12 + $13}' || true; done
  } 2>/dev/null | awk -v hz="$hz" '{t += $1} END {printf "%.1f", t / hz}'
}
raw_copy() { # label src threads mode(fsync|md5)
  local best='' line
  for r in $(seq "$RUNS"); do
    next_out; drop_cache
    line=$("$PY" -c "$COPY_PY" "$2" "$OUT" "$3" "$4")
    echo "  $1 run $r: $line (files bytes seconds)"
    if [ -z "$best" ] || awk -v a="${line##* }" -v b="${best##* }" 'BEGIN {exit !(a < b)}'; then best=$line; fi
  done
  read -r n bytes secs <<<"$best"
  ROWS+=("$1|$([ "$4" = fsync ] && echo on || echo off)|$n|$bytes|$secs|$secs|||||$(load)")
}
raw_cp() { # label src
  local best='' secs n bytes
  n=$(find "$2" -type f | wc -l); bytes=$(du -sb "$2" | cut -f1)
  for r in $(seq "$RUNS"); do
    next_out; drop_cache
    local t0 t1; t0=$(date +%s.%N); cp -r "$2" "$OUT"; t1=$(date +%s.%N)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
    echo "  $1 run $r: $secs s"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$secs; fi
  done
  ROWS+=("$1|off|$n|$bytes|$best|$best|||||$(load)")
}

# --- Tessera ---------------------------------------------------------------------------------
# Peak RSS of the JVM: VmHWM from /proc, read until it exits (GNU time's maximum RSS is the
# largest of the JVM and what it reaps, initdb and pg_ctl; the PostgreSQL server is not among
# them). Heap: the largest occupancy before and after a collection, from -Xlog:gc.
tessera() { # label src fsync(on|off) java-opts
  local label=$1 src=$2 fsync=$3 opts=$4 best='' bestrow=''
  local set=(); [ "$fsync" = off ] && set=(--set storage.fsync=false)
  for r in $(seq "$RUNS"); do
    local tag; tag=$(echo "$label-$fsync-$r" | tr -c 'A-Za-z0-9-\n' '_')
    next_out
    local data=$OUT log=$LOGS/$tag.log gc=$LOGS/$tag.gc
    local jfr=(); [ "$JFR" = 1 ] && jfr=("-XX:StartFlightRecording=filename=$LOGS/$tag.jfr,settings=profile")
    drop_cache
    local t0 t1 pid jpid='' hwm=0 h l0 b0 b1; l0=$(load)
    b0=$(busy); t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$log.time" java $IMPORT_JAVA_OPTS $opts -Xlog:gc:file="$gc" "${jfr[@]}" \
      -jar "$JAR" import --data "$data" "${set[@]}" "$src" >"$log" 2>&1 &
    pid=$!
    while [ -z "${jpid:-}" ] && kill -0 "$pid" 2>/dev/null; do jpid=$(pgrep -P "$pid" || true); sleep 0.05; done
    local pm='' p c pg=0
    while [ -n "${jpid:-}" ] && [ -r "/proc/$jpid/status" ]; do
      h=$(awk '/^VmHWM/ {print $2}' "/proc/$jpid/status" 2>/dev/null || true)
      [ -n "$h" ] && hwm=$h
      # the newest server named in postmaster.pid (initdb's servers come first and write
      # their pid negated; the file goes away when the server stops)
      p=$(head -1 "$data/pg/postmaster.pid" 2>/dev/null || true)
      case "$p" in ''|-*|*[!0-9]*) ;; *) pm=$p ;; esac
      if [ -n "$pm" ] && [ -r "/proc/$pm/stat" ]; then
        # the largest reading: one taken as the server exits may miss part of it
        c=$(pg_cpu "$pm" || true)
        if [ -n "$c" ] && awk -v a="$c" -v b="$pg" 'BEGIN {exit !(a > b)}'; then pg=$c; fi
      fi
      sleep 0.2
    done
    local rc=0; wait "$pid" || rc=$?
    t1=$(date +%s.%N); b1=$(busy)
    local summary; summary=$(grep '^import: .* errors$' "$log" | tail -1 || true)
    if [ "$rc" != 0 ] || [ -z "$summary" ]; then
      echo "  $label fsync $fsync run $r FAILED (exit $rc), see $log:" >&2; tail -20 "$log" >&2
      ROWS+=("$label|$fsync|-|-|-|-|-|-|FAILED (exit $rc)||$l0|"); return
    fi
    local wall; wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
    local n mb secs
    n=$(sed -E 's/^import: ([0-9]+) files.*/\1/' <<<"$summary")
    mb=$(sed -E 's/.*\), ([0-9.]+) MB in.*/\1/' <<<"$summary")
    secs=$(sed -E 's/.* MB in ([0-9.]+) s.*/\1/' <<<"$summary")
    local heap; heap=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$gc" | awk -F'[M>()-]+' \
      '{if ($1 > b) b = $1; if ($2 > a) a = $2; c = $3} END {printf "%d / %d of %d", b, a, c}' \
      || true)
    local tmax; tmax=$(awk -F': ' '/Maximum resident/ {print $2}' "$log.time")
    # CPU seconds of the JVM (GNU time's user + system; with initdb and pg_ctl, which it
    # reaps), of PostgreSQL, and of everything else on the machine during the run (kernel
    # threads writing back, other processes)
    local cpu; cpu=$(awk -F': ' -v b="$(awk -v a="$b0" -v b="$b1" 'BEGIN {print b - a}')" -v pg="$pg" \
      '/User time|System time/ {t += $2} END {o = b - t - pg; if (o < 0) o = 0; printf "%.1f / %.1f / %.1f", t, pg, o}' "$log.time")
    # progress lines come once a second: the rate over the second half of them, once the JIT
    # has mostly done its work (empty for runs of under 4 s or 100 files)
    local half; half=$(grep -E '^import: [0-9]+/[0-9]+ files' "$log" | sed -E 's/^import: ([0-9]+)\/.*/\1/' \
      | awk -v n="$n" '{d[NR] = $1} END {if (NR >= 4 && n >= 100) {h = int(NR / 2); printf "%.0f", (d[NR] - d[h]) / (NR - h)}}' \
      || true)
    echo "  $label fsync $fsync run $r: $summary; wall $wall s; JVM peak RSS $((hwm / 1024)) MB" \
      "(time -v max $((tmax / 1024)) MB); heap MB max before / after GC of committed: $heap;" \
      "2nd half ${half:--} files/s; load before $l0; CPU s JVM / PostgreSQL / rest $cpu"
    local row
    row="$label|$fsync|$n|$(awk -v m="$mb" 'BEGIN {printf "%.0f", m * 1e6}')|$secs|$wall|$hwm|$heap||$half|$l0|$cpu"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$secs; bestrow=$row; fi
    [ "$KEEP" = 1 ] || rm -f "$gc"
  done
  ROWS+=("$bestrow")
}

echo "== raw copies ($RUNS runs each, best kept)"
THREADS=$((4 * $(nproc)))
raw_cp   "raw copy cp -r, CT" "$SRC/ct"
raw_copy "raw copy + MD5/file, $THREADS threads, CT" "$SRC/ct" "$THREADS" md5
raw_copy "raw copy + fsync/file, 1 thread, CT" "$SRC/ct" 1 fsync
raw_copy "raw copy + fsync/file, $THREADS threads, CT" "$SRC/ct" "$THREADS" fsync
raw_cp   "raw copy cp -r, tiny" "$SRC/tiny"
raw_copy "raw copy + MD5/file, $THREADS threads, tiny" "$SRC/tiny" "$THREADS" md5
raw_copy "raw copy + fsync/file, 1 thread, tiny" "$SRC/tiny" 1 fsync
raw_copy "raw copy + fsync/file, $THREADS threads, tiny" "$SRC/tiny" "$THREADS" fsync
MF="multi-frame of $(awk -v f="$FRAMES" 'BEGIN {b = f * 512 * 512 * 2
  if (b >= 2^30) printf "%.2f GiB", b / 2^30; else printf "%.0f MB", b / 1e6}')"
if [ "$FRAMES" -gt 0 ]; then
  raw_cp   "raw copy cp -r, $MF" "$SRC/mf"
  raw_copy "raw copy + fsync/file, $MF" "$SRC/mf" 1 fsync
fi

echo "== tessera import ($RUNS runs each, best kept)"
tessera "tessera import, CT" "$SRC/ct" off ""
tessera "tessera import, CT" "$SRC/ct" on ""
tessera "tessera import, CT, -Xmx256m" "$SRC/ct" off "-Xmx256m"
tessera "tessera import, tiny" "$SRC/tiny" off ""
tessera "tessera import, tiny" "$SRC/tiny" on ""
if [ "$FRAMES" -gt 0 ]; then
  RUNS=1 tessera "tessera import, $MF, -Xmx256m" "$SRC/mf" on "-Xmx256m"
  RUNS=1 tessera "tessera import, $MF, -Xmx256m" "$SRC/mf" off "-Xmx256m"
fi

if [ "$CT_LARGE" -gt 0 ]; then
  # the one comparison with the goal: cp -r and the import take turns, so that both meet the
  # same state of the host's disk cache, and every round is reported
  echo "== CT large: cp -r and tessera import alternating ($RUNS rounds)"
  for round in $(seq "$RUNS"); do
    RUNS=1 raw_cp "raw copy cp -r, CT large, round $round" "$SRC/ct-large"
    RUNS=1 tessera "tessera import, CT large, round $round" "$SRC/ct-large" off ""
  done
fi

rm -rf "$WORK/out"

# --- the table ---------------------------------------------------------------------------------
{
  echo
  echo "$(date -u +%F), $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
    "$(java -version 2>&1 | sed -n 2p); Tessera $COMMIT; $CACHE; best of $RUNS runs" \
    "(lowest time; the multi-frame runs once); MB = 10^6 bytes"
  echo
  echo "| Measurement | fsync | files | MB | time (s) | wall (s) | files/s | MB/s | files/s, 2nd half | JVM peak RSS (MB) | heap MB: max before / after GC, of committed | CPU s: JVM / PostgreSQL / rest | load before |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label fsync n bytes secs wall rss heap note half l0 cpu <<<"$row"
    if [ -n "$note" ]; then echo "| $label | $fsync | | | | | | | | | $note | | $l0 |"; continue; fi
    awk -v l="$label" -v f="$fsync" -v n="$n" -v b="$bytes" -v s="$secs" -v w="$wall" \
      -v r="$rss" -v h="$heap" -v hf="$half" -v l0="$l0" -v c="$cpu" 'BEGIN {
        s = s + 0; if (s <= 0) s = 0.001
        printf "| %s | %s | %d | %.1f | %.2f | %.1f | %s | %.1f | %s | %s | %s | %s | %s |\n", l, f,
          n, b / 1e6, s, w, (n / s < 10 ? sprintf("%.2f", n / s) : sprintf("%.0f", n / s)),
          b / 1e6 / s, hf, (r == "" ? "" : sprintf("%d", r / 1024)), h, c, l0 }'
  done
} | tee "$LOGS/results.md"
[ "$KEEP" = 1 ] && echo "logs and results in $LOGS"
exit 0
