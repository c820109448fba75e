#!/usr/bin/env bash
# compare-under-attack.sh: does `dnssec-resolve serve` keep serving honest clients while a TCP slowloris
# holds connections open (issue 15 item 6)? Starts serve on the lab (iterating from the lab's root), warms
# it on the lab matrix's first answered names, then the benchmarks' tcp-attack mode measures honest UDP and
# TCP answers per second unloaded and then with SLOW connections held open from SLOW different loopback
# addresses (half silent, half stopped after one byte of a length prefix, each reopened as soon as it is
# closed), and prints
#   NAME unloaded loaded ratio        (ratio = loaded / unloaded: the target is >= 0.90)
# then a summary line. Needs the lab running.
#   SECONDS=5 SLOW=200 benchmarks/compare-under-attack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lab=../shared/lab
state=${LAB_STATE:-$lab/state}
seconds=${SECONDS_PER_RUN:-5}
slow=${SLOW:-200}
listen=${LISTEN:-127.53.100.12}

[ -f "$state/ta/root.hints" ] && dig +tries=1 +time=1 @127.53.0.1 . SOA > /dev/null 2>&1 \
  || { echo "compare-under-attack: the lab is not running (../shared/lab/build-zones && LAB_PEERS= ../shared/lab/up)" >&2; exit 2; }

work=$(mktemp -d /tmp/compare-under-attack.XXXXXX)
serve_pid=""
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
dotnet build src/Resolver.Cli -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build benchmarks/Resolver.Benchmarks -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
awk -F'\t' '!/^#/ && NF >= 4 && ($3 == "secure" || $3 == "insecure") && $4 == "NOERROR" { print $1, $2 }' "$lab/matrix.tsv" \
  | head -20 > "$work/names.txt"

src/Resolver.Cli/bin/Release/net10.0/dnssec-resolve serve --listen "$listen:53" \
  --root-hints "$state/ta/root.hints" --trust-anchor "$state/ta/trust-anchor.zone" 2> "$work/serve.log" &
serve_pid=$!
for _ in $(seq 1 40); do dig +tries=1 +time=1 "@$listen" . SOA > /dev/null 2>&1 && break; sleep 0.25; done
while read -r name type; do dig +tries=2 +time=2 "@$listen" "$name" "$type" > /dev/null 2>&1 || true; done < "$work/names.txt"

echo "compare-under-attack: serve on $listen, $(wc -l < "$work/names.txt") warm names, $seconds s per measurement, $slow slow TCP connections"
benchmarks/Resolver.Benchmarks/bin/Release/net10.0/Resolver.Benchmarks tcp-attack "$listen:53" "$seconds" "$slow" "$work/names.txt" | tee "$work/out.txt"
worst=$(awk '/^honest-/ { print $4 }' "$work/out.txt" | sort -g | head -1)
verdict=met; awk -v w="$worst" 'BEGIN { exit !(w >= 0.90) }' || verdict=missed
echo "compare-under-attack: summary — honest clients served at $worst of their unloaded rate at worst (target >= 0.90: $verdict)"
