#!/usr/bin/env bash
# compare-openssl.sh: our DNSSEC verification and NSEC3 hashing rates next to OpenSSL's on this
# machine, in one run. Ours come from BenchmarkDotNet (SignatureBenchmarks "verify" — the bare
# VerificationKey.Verify — and Nsec3HashBenchmarks "hash"), a short job run in-process, read from
# its JSON export (mean ns/op -> ops/s); OpenSSL's from `openssl speed -mr`. Prints one line per
# figure:  NAME ours_per_s openssl_per_s ratio   (ratio = ours / openssl; lines starting with '#'
# are comments). NSEC3: one hash of a 22-byte name + 4-byte salt is 1 + iterations SHA-1 runs over
# 26 and then 24 bytes, each a single SHA-1 block, so OpenSSL's rate is its SHA-1 rate over 26-byte
# inputs divided by (1 + iterations).
#
# After the table, '#' lines give the .NET floor for each figure — the bare BCL/BouncyCastle call
# ("primitive"; for NSEC3 one SHA1.HashData per SHA-1 run) — and ours/floor, which separates the
# cost of our code from the cost of the library it calls.
#
# Targets (issue 3): RSA and ECDSA >= 0.9, Ed25519/Ed448 >= 0.5, NSEC3 >= 0.8.
#
# Environment: ARTIFACTS (build and BenchmarkDotNet output, default a fresh temp directory),
# OPENSSL_SECONDS (seconds per openssl test, default 2), BENCH_ARGS (extra BenchmarkDotNet
# arguments), SKIP_BUILD=1 (reuse a build in ARTIFACTS).
set -euo pipefail

die() { echo "compare-openssl.sh: $*" >&2; exit 1; }

command -v openssl >/dev/null 2>&1 || die "openssl is not installed or not on PATH (needed for 'openssl speed')."
command -v dotnet >/dev/null 2>&1 || die "dotnet is not installed or not on PATH."
command -v python3 >/dev/null 2>&1 || die "python3 is needed to read BenchmarkDotNet's JSON export."

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
artifacts="${ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/compare-openssl.XXXXXX")}"
seconds="${OPENSSL_SECONDS:-2}"
mkdir -p "$artifacts"

# Our own artifacts path, so the build never touches bin/ and obj/ folders others may be using.
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "# building benchmarks (Release) into $artifacts" >&2
    dotnet build "$root/benchmarks/Resolver.Benchmarks/Resolver.Benchmarks.csproj" -c Release \
        --artifacts-path "$artifacts" -nologo -v quiet >"$artifacts/build.log" 2>&1 \
        || { tail -n 30 "$artifacts/build.log" >&2; die "benchmark build failed (log: $artifacts/build.log)"; }
fi
dll="$artifacts/bin/Resolver.Benchmarks/release/Resolver.Benchmarks.dll"
[[ -f "$dll" ]] || die "benchmark assembly not found at $dll"

# OpenSSL runs before and after ours; the ratio uses their mean, and a large difference between
# the two runs (other work on the machine) is reported, since it makes every ratio doubtful.
run_openssl() {
    echo "# running openssl speed ($seconds s per test, $1 ours)" >&2
    openssl speed -mr -seconds "$seconds" rsa2048 rsa4096 ecdsap256 ecdsap384 ed25519 ed448 \
        >"$artifacts/openssl-sig-$1.txt" 2>&1 || die "openssl speed (signatures) failed: $(tail -n 5 "$artifacts/openssl-sig-$1.txt")"
    openssl speed -mr -seconds "$seconds" -bytes 26 -evp sha1 \
        >"$artifacts/openssl-sha1-$1.txt" 2>&1 || die "openssl speed (sha1) failed: $(tail -n 5 "$artifacts/openssl-sha1-$1.txt")"
}
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
run_openssl before

# In-process: BenchmarkDotNet would otherwise generate and build a project of its own next to the
# shared obj/ folders. Short job: 3 warm-ups, 5 measured iterations.
bdn="$artifacts/bdn"
rm -rf "$bdn"
echo "# running BenchmarkDotNet (short job, in-process)" >&2
# shellcheck disable=SC2086
dotnet "$dll" --filter '*SignatureBenchmarks.Verify' '*SignatureBenchmarks.Primitive' '*Nsec3HashBenchmarks.Hash' '*Nsec3HashBenchmarks.OneSha1' \
    --inProcess --launchCount 1 --warmupCount 3 --iterationCount 5 \
    --exporters json --artifacts "$bdn" ${BENCH_ARGS:-} >"$artifacts/bdn.log" 2>&1 \
    || { tail -n 40 "$artifacts/bdn.log" >&2; die "BenchmarkDotNet failed (log: $artifacts/bdn.log)"; }
shopt -s nullglob
reports=("$bdn"/results/*.json)
(( ${#reports[@]} > 0 )) || die "no BenchmarkDotNet JSON report in $bdn/results (log: $artifacts/bdn.log)"

run_openssl after

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "# load average (1/5/15 min) on $(nproc 2>/dev/null || echo '?') CPUs: before $load_before, after $load_after"
python3 - "$artifacts" "${reports[@]}" <<'PY'
import json, sys

artifacts, *reports = sys.argv[1:]

# Ours: mean nanoseconds per operation, keyed by (method, parameters).
ours = {}
for path in reports:
    with open(path) as f:
        for b in json.load(f)["Benchmarks"]:
            mean = (b.get("Statistics") or {}).get("Mean")
            if mean:
                ours[(b["Method"], b.get("Parameters", ""))] = 1e9 / mean

# OpenSSL -mr lines: +F2:i:bits:sign/s:verify/s (RSA), +F4:i:bits:sign/s:verify/s (ECDSA),
# +F6:i:bits:name:sign/s:verify/s (EdDSA), +F:i:name:bytes/s (digests, one size).
def read_openssl(run):
    rates = {}
    with open(f"{artifacts}/openssl-sig-{run}.txt") as f:
        for line in f:
            p = line.strip().split(":")
            if p[0] == "+F2":
                rates[f"rsa{p[2]}"] = float(p[4])
            elif p[0] == "+F4":
                rates[f"ecdsap{p[2]}"] = float(p[4])
            elif p[0] == "+F6":
                rates[p[3].lower()] = float(p[5])
    with open(f"{artifacts}/openssl-sha1-{run}.txt") as f:
        for line in f:
            p = line.strip().split(":")
            if p[0] == "+F" and p[2] == "sha1":
                rates["sha1-26"] = float(p[3]) / 26
    return rates

before, after = read_openssl("before"), read_openssl("after")
openssl = {k: (before[k] + after[k]) / 2 for k in before.keys() & after.keys()}
drift = {k: abs(before[k] - after[k]) / max(before[k], after[k]) for k in openssl}

figures = [
    # name, our benchmark (method, parameters), openssl key, divisor, target ratio, .NET floor benchmark
    ("rsa2048-verify", ("Verify", "Algorithm=rsasha256-2048"), "rsa2048", 1, 0.9, ("Primitive", "Algorithm=rsasha256-2048")),
    ("rsa4096-verify", ("Verify", "Algorithm=rsasha256-4096"), "rsa4096", 1, 0.9, ("Primitive", "Algorithm=rsasha256-4096")),
    ("ecdsap256-verify", ("Verify", "Algorithm=ecdsap256"), "ecdsap256", 1, 0.9, ("Primitive", "Algorithm=ecdsap256")),
    ("ecdsap384-verify", ("Verify", "Algorithm=ecdsap384"), "ecdsap384", 1, 0.9, ("Primitive", "Algorithm=ecdsap384")),
    ("ed25519-verify", ("Verify", "Algorithm=ed25519"), "ed25519", 1, 0.5, ("Primitive", "Algorithm=ed25519")),
    ("ed448-verify", ("Verify", "Algorithm=ed448"), "ed448", 1, 0.5, ("Primitive", "Algorithm=ed448")),
    ("nsec3-sha1-0iter", ("Hash", "Iterations=0"), "sha1-26", 1, 0.8, ("OneSha1", "Iterations=0")),
    ("nsec3-sha1-10iter", ("Hash", "Iterations=10"), "sha1-26", 11, 0.8, ("OneSha1", "Iterations=0")),
]

missing = [n for n, k, o, _, _, f in figures if k not in ours or o not in openssl or f not in ours]
if missing:
    sys.exit(f"compare-openssl.sh: no figure for {', '.join(missing)}; ours={sorted(ours)} openssl={sorted(openssl)}")

print("# name ours_per_s openssl_per_s ratio")
misses, floors = [], []
for name, key, okey, divisor, target, floor_key in figures:
    mine, theirs = ours[key], openssl[okey] / divisor
    floor = ours[floor_key] / divisor
    ratio = mine / theirs
    print(f"{name} {mine:.0f} {theirs:.0f} {ratio:.2f}")
    floors.append(f"# floor {name} {floor:.0f} (floor/openssl {floor / theirs:.2f}, ours/floor {mine / floor:.2f})")
    if ratio < target:
        misses.append(f"{name} {ratio:.2f} < {target}")
print("\n".join(floors))
noisy = [f"{k} {before[k]:.0f} -> {after[k]:.0f}" for k, d in sorted(drift.items()) if d > 0.15]
if noisy:
    print("# WARNING: OpenSSL's rate moved by more than 15% between its runs before and after ours "
          "(the machine is busy; ratios are unreliable): " + "; ".join(noisy))
print("# targets missed: " + ("; ".join(misses) if misses else "none"))
PY
echo "# BenchmarkDotNet log and reports: $artifacts" >&2
