#!/usr/bin/env bash
# compare-startup.sh: how long a fresh `dnssec-resolve query` process takes to print its first
# validated answer (issue 15 item 4: <= 80 ms on loopback), for the JIT build (framework-dependent,
# what `dotnet run` and the .NET tool give) and the Native AOT build (`dotnet publish -p:PublishAot=true`),
# beside a fresh C process resolving the same name cold with libunbound (benchmarks/libunbound/ub-pass.c)
# when libunbound-dev is installed. Each run is a new process with nothing cached, iterating from the
# lab's root: process start, trust-anchor and root-hint loading, the resolution and the output.
# RUNS fresh processes per side over the lab matrix's first answered names; medians are printed as
#   NAME ours reference ratio        (ratio = reference / ours: above 1 means ours is faster)
# then a summary line. Needs the lab running.
#   RUNS=15 benchmarks/compare-startup.sh [NATIVE-BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
lab=../shared/lab
state=${LAB_STATE:-$lab/state}
runs=${RUNS:-15}
target_ms=80

[ -f "$state/ta/root.hints" ] && dig +tries=1 +time=1 @127.53.0.1 . SOA > /dev/null 2>&1 \
  || { echo "compare-startup: the lab is not running (../shared/lab/build-zones && LAB_PEERS= ../shared/lab/up)" >&2; exit 2; }

work=$(mktemp -d /tmp/compare-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
jit=src/Resolver.Cli/bin/Release/net10.0/dnssec-resolve
[ -x "$jit" ] || dotnet build src/Resolver.Cli -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
native=${1:-}
if [ -z "$native" ]; then
  dotnet publish src/Resolver.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/native" -v q -nologo > "$work/publish.log" 2>&1 \
    || { cat "$work/publish.log"; exit 1; }
  native=$work/native/dnssec-resolve
fi
reference=""
if [ -f /usr/include/unbound.h ]; then
  cc -O2 -o "$work/ub-pass" benchmarks/libunbound/ub-pass.c -lunbound && reference=$work/ub-pass
fi

awk -F'\t' '!/^#/ && NF >= 4 && ($3 == "secure" || $3 == "insecure") && $4 == "NOERROR" { print $1, $2 }' "$lab/matrix.tsv" \
  | head -5 > "$work/names.txt"
hints=$state/ta/root.hints
anchor=$state/ta/trust-anchor.zone

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
elapsed_ms() {  # elapsed_ms COMMAND...: wall milliseconds of one run (output discarded; a failure aborts)
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

echo "compare-startup: $runs fresh processes per side over $(wc -l < "$work/names.txt") lab names, cold, iterating from the lab root"
i=0
while [ "$i" -lt "$runs" ]; do
  while read -r name type; do
    elapsed_ms "$jit" query "$name" "$type" --root-hints "$hints" --trust-anchor "$anchor" >> "$work/jit.ms"
    elapsed_ms "$native" query "$name" "$type" --root-hints "$hints" --trust-anchor "$anchor" >> "$work/native.ms"
    if [ -n "$reference" ]; then
      echo "$name $type" > "$work/one.txt"
      elapsed_ms "$reference" cold 1 "$hints" "$anchor" "$work/one.txt" >> "$work/ub.ms"
    fi
  done < "$work/names.txt"
  i=$((i + 1))
done

j=$(median < "$work/jit.ms"); n=$(median < "$work/native.ms"); u=""
[ -n "$reference" ] && u=$(median < "$work/ub.ms")
ratio() { awk -v o="$1" -v r="$2" 'BEGIN { printf "%.2f", (o > 0 ? r / o : 0) }'; }
if [ -n "$u" ]; then
  echo "first-answer-ms-jit $j $u $(ratio "$j" "$u")"
  echo "first-answer-ms-native $n $u $(ratio "$n" "$u")"
else
  echo "first-answer-ms-jit $j - -"
  echo "first-answer-ms-native $n - -"
fi
verdict="met"; [ "$n" -le "$target_ms" ] 2>/dev/null || verdict="missed"
echo "compare-startup: summary — native first answer $n ms (target <= $target_ms ms: $verdict), JIT $j ms${u:+, libunbound fresh process $u ms}"
