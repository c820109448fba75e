#!/usr/bin/env bash
# compare-libunbound.sh: the library in-process against libunbound's async API, side by side in one
# run on the lab: the same 20 warm names (the lab matrix's answered Secure/Insecure rows), every
# name of a round in flight at once. Warm: one resolver/context warmed by one round, then ROUNDS
# rounds from its caches; cold: a fresh resolver/context per round (set-up outside the timing).
# REPEAT interleaved runs; the median ns per answer of each side and the ratio are printed as
#   NAME ours reference ratio        (ratio = reference / ours: above 1 means ours is faster)
# then a summary line. Needs the lab running and a C compiler with libunbound
# (`apt-get install libunbound-dev`); benchmarks/libunbound/ub-pass.c is built into a temp folder.
#   REPEAT=3 WARM_ROUNDS=500 COLD_ROUNDS=5 benchmarks/compare-libunbound.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lab=../shared/lab
state=${LAB_STATE:-$lab/state}
repeat=${REPEAT:-3}
warm_rounds=${WARM_ROUNDS:-500}
cold_rounds=${COLD_ROUNDS:-5}

[ -f /usr/include/unbound.h ] || { echo "compare-libunbound: libunbound-dev not installed (apt-get install libunbound-dev)" >&2; exit 2; }
[ -f "$state/ta/root.hints" ] && dig +tries=1 +time=1 @127.53.0.1 . SOA > /dev/null 2>&1 \
  || { echo "compare-libunbound: the lab is not running (../shared/lab/build-zones && LAB_PEERS= ../shared/lab/up)" >&2; exit 2; }

work=$(mktemp -d /tmp/compare-libunbound.XXXXXX)
trap 'rm -rf "$work"' EXIT
cc -O2 -o "$work/ub-pass" benchmarks/libunbound/ub-pass.c -lunbound
dotnet build benchmarks/Resolver.Benchmarks -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
ours=benchmarks/Resolver.Benchmarks/bin/Release/net10.0/Resolver.Benchmarks
awk -F'\t' '!/^#/ && NF >= 4 && ($3 == "secure" || $3 == "insecure") && $4 == "NOERROR" { print $1, $2 }' "$lab/matrix.tsv" \
  | head -20 > "$work/names.txt"
hints=$state/ta/root.hints
anchor=$state/ta/trust-anchor.zone

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "compare-libunbound: $(wc -l < "$work/names.txt") names, warm $warm_rounds rounds, cold $cold_rounds rounds, $repeat runs each"
for r in $(seq 1 "$repeat"); do
  for mode in warm cold; do
    rounds=$warm_rounds; [ "$mode" = cold ] && rounds=$cold_rounds
    "$ours" lab-pass "$mode" "$rounds" "$hints" "$anchor" "$work/names.txt" | tee -a "$work/ours.$mode.log" > /dev/null
    "$work/ub-pass" "$mode" "$rounds" "$hints" "$anchor" "$work/names.txt" | tee -a "$work/ub.$mode.log" > /dev/null
  done
done

worst=""
for mode in warm cold; do
  o=$(awk '{ print $5 }' "$work/ours.$mode.log" | median)
  u=$(awk '{ print $5 }' "$work/ub.$mode.log" | median)
  ratio=$(awk -v o="$o" -v u="$u" 'BEGIN { printf "%.2f", (o > 0 ? u / o : 0) }')
  echo "ns-per-answer-$mode $o $u $ratio"
  echo "verdicts-$mode ours $(tail -1 "$work/ours.$mode.log" | cut -d' ' -f6-9) libunbound $(tail -1 "$work/ub.$mode.log" | cut -d' ' -f6-9) (secure insecure bogus failed)"
  worst=$(printf '%s\n%s\n' "$worst" "$ratio" | grep -v '^$' | sort -g | head -1)
done
echo "compare-libunbound: summary — lowest ratio $worst (libunbound ns / ours ns; >= 1.00 means ours is at least as fast)"
