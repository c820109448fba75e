#!/usr/bin/env bash
# compare-resolvers.sh: `dnssec-resolve serve` against unbound and Knot Resolver (kresd) as servers,
# side by side in one run on this machine. All three iterate from the lab's root with its trust
# anchor and validate; each is warmed on the same names, then dnsperf (Debian package) loads each
# in turn — for 1 and 2 client threads, REPEAT rounds interleaved so drift hits all alike — and the
# median queries/s and p99 latency (from dnsperf -v per-query times) are printed as
#   NAME ours reference ratio
# lines, ratio = ours / reference (for p99, reference / ours: above 1 means ours is better), then a
# summary line. Needs the lab running (../shared/lab/up) and dnsperf, unbound, kresd installed;
# `apt-get install dnsperf unbound knot-resolver` when missing. Nothing is left running.
#   DURATION=10 REPEAT=3 CLIENTS="1 2" benchmarks/compare-resolvers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
lab=../shared/lab
state=${LAB_STATE:-$lab/state}
duration=${DURATION:-10}
repeat=${REPEAT:-3}
clients=${CLIENTS:-"1 2"}
outstanding=${OUTSTANDING:-100}
cores=$(nproc)
ours_addr=127.53.100.30
unbound_addr=127.53.100.31
kresd_addr=127.53.100.32

for tool in dnsperf unbound kresd dig; do
  command -v "$tool" > /dev/null || [ -x "/usr/sbin/$tool" ] || { echo "compare-resolvers: $tool not installed (apt-get install dnsperf unbound knot-resolver dnsutils)" >&2; exit 2; }
done
[ -f "$state/ta/root.hints" ] && dig +tries=1 +time=1 @127.53.0.1 . SOA > /dev/null 2>&1 \
  || { echo "compare-resolvers: the lab is not running (../shared/lab/build-zones && LAB_PEERS= ../shared/lab/up)" >&2; exit 2; }

work=$(mktemp -d /tmp/compare-resolvers.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2> /dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "compare-resolvers: building dnssec-resolve (Release)"
dotnet build src/Resolver.Cli -c Release -v q -nologo > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
src/Resolver.Cli/bin/Release/net10.0/dnssec-resolve serve --listen "$ours_addr:53" \
  --trust-anchor "$state/ta/trust-anchor.zone" --root-hints "$state/ta/root.hints" 2> "$work/serve.log" &
pids+=($!)

# unbound as it is usually deployed on a machine of this size: one thread per core, SO_REUSEPORT.
mkdir -p "$work/unbound"
cat > "$work/unbound/unbound.conf" <<EOF
server:
    verbosity: 0
    interface: $unbound_addr
    outgoing-interface: $unbound_addr
    do-ip6: no
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    root-hints: "$(realpath "$state/ta/root.hints")"
    trust-anchor-file: "$(realpath "$state/ta/trust-anchor.zone")"
    module-config: "validator iterator"
    chroot: ""
    username: ""
    directory: "$work/unbound"
    pidfile: "$work/unbound/unbound.pid"
    use-syslog: no
    logfile: "$work/unbound/unbound.log"
    num-threads: $cores
    so-reuseport: yes
remote-control:
    control-enable: no
EOF
/usr/sbin/unbound -d -c "$work/unbound/unbound.conf" &
pids+=($!)

# kresd is single-threaded: one process per core on the same address (SO_REUSEPORT), as its docs advise.
mkdir -p "$work/kresd/cache"
cat > "$work/kresd/kresd.conf" <<EOF
log_level('warning')
net.ipv6 = false
net.listen('$kresd_addr', 53, { kind = 'dns' })
net.outgoing_v4('$kresd_addr')
option('ALLOW_LOCAL', true)
trust_anchors.remove('.')
trust_anchors.add_file('$(realpath "$state/ta/trust-anchor.zone")', true)
modules.load('hints > iterate')
hints.root_file('$(realpath "$state/ta/root.hints")')
cache.open(100 * MB, 'lmdb://$work/kresd/cache')
EOF
for i in $(seq 1 "$cores"); do
  /usr/sbin/kresd -n -q -c "$work/kresd/kresd.conf" "$work/kresd" 2> "$work/kresd/kresd.$i.log" &
  pids+=($!)
done

# The warm names: the lab matrix's answered (NOERROR) Secure and Insecure rows, 20 of them.
awk -F'\t' '!/^#/ && NF >= 4 && ($3 == "secure" || $3 == "insecure") && $4 == "NOERROR" { print $1, $2 }' "$lab/matrix.tsv" \
  | head -20 > "$work/names.txt"
for addr in $ours_addr $unbound_addr $kresd_addr; do
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    dig +tries=1 +time=1 @"$addr" . SOA > /dev/null 2>&1 && break
    sleep 0.5
  done
  for _ in 1 2; do
    while read -r name type; do dig +tries=2 +time=2 @"$addr" "$name" "$type" > /dev/null 2>&1 || true; done < "$work/names.txt"
  done
done

# One dnsperf run: "qps p99-ms lost" on stdout.
measure() {  # measure ADDR CLIENT-THREADS
  dnsperf -s "$1" -d "$work/names.txt" -l "$duration" -T "$2" -c "$2" -q "$outstanding" -v > "$work/run.out" 2> /dev/null || true
  local qps lost p99
  qps=$(awk '/Queries per second:/ { print $4 }' "$work/run.out")
  lost=$(awk '/Queries lost:/ { print $3 }' "$work/run.out")
  p99=$(awk '/^> / { print $NF }' "$work/run.out" | sort -g | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.3f", v[i] * 1000 }')
  printf "%.0f %s %s\n" "${qps:-0}" "${p99:-0}" "${lost:-0}"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "compare-resolvers: $(wc -l < "$work/names.txt") warm names, ${duration} s per run, $repeat rounds, $outstanding outstanding, $cores cores"
for t in $clients; do
  for r in $(seq 1 "$repeat"); do
    for who in ours unbound kresd; do
      case $who in ours) addr=$ours_addr;; unbound) addr=$unbound_addr;; kresd) addr=$kresd_addr;; esac
      measure "$addr" "$t" >> "$work/$who.$t"
    done
  done
done

worst=""
declare -A qps p99
for t in $clients; do
  for who in ours unbound kresd; do
    qps[$t.$who]=$(cut -d' ' -f1 "$work/$who.$t" | median)
    p99[$t.$who]=$(cut -d' ' -f2 "$work/$who.$t" | median)
  done
  for ref in unbound kresd; do
    q=$(awk -v a="${qps[$t.ours]}" -v b="${qps[$t.$ref]}" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    l=$(awk -v a="${p99[$t.ours]}" -v b="${p99[$t.$ref]}" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
    echo "qps-$t-threads-vs-$ref ${qps[$t.ours]} ${qps[$t.$ref]} $q"
    echo "p99ms-$t-threads-vs-$ref ${p99[$t.ours]} ${p99[$t.$ref]} $l"
    worst=$(printf '%s\n%s\n%s\n' "$worst" "$q" "$l" | grep -v '^$' | sort -g | head -1)
  done
done
echo "compare-resolvers: summary — lowest ratio $worst (qps ours/reference; p99 reference/ours; >= 1.00 means ours is at least as good)"
