/* ub-pass: libunbound's side of benchmarks/compare-libunbound.sh. Resolves and validates a list of
 * names (one "NAME TYPE" a line) through libunbound's async API (ub_resolve_async + ub_wait), from
 * the given root hints and trust anchor, and prints one line:
 *   ub-pass MODE ROUNDS NAMES ns-per-answer secure insecure bogus failed
 * MODE cold: a fresh context for every round (empty caches), every name of the round in flight at
 * once; warm: one context, warmed by one round, then ROUNDS rounds answered from its caches.
 * Build: cc -O2 -o ub-pass ub-pass.c -lunbound (Debian: libunbound-dev). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unbound.h>

struct tally { int done, secure, insecure, bogus, failed; };

static void on_result(void *arg, int err, struct ub_result *result)
{
    struct tally *t = arg;
    t->done++;
    if (err != 0 || result == NULL) { t->failed++; return; }
    if (result->secure) t->secure++;
    else if (result->bogus) t->bogus++;
    else if (result->rcode == 2) t->failed++;
    else t->insecure++;
    ub_resolve_free(result);
}

static int type_of(const char *s)
{
    static const struct { const char *n; int t; } types[] = {
        {"A", 1}, {"NS", 2}, {"CNAME", 5}, {"SOA", 6}, {"MX", 15}, {"TXT", 16}, {"AAAA", 28},
        {"DS", 43}, {"RRSIG", 46}, {"NSEC", 47}, {"DNSKEY", 48}, {"TLSA", 52}, {"ANY", 255}};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(s, types[i].n) == 0) return types[i].t;
    return atoi(s);
}

static struct ub_ctx *new_ctx(const char *hints, const char *anchor)
{
    struct ub_ctx *ctx = ub_ctx_create();
    if (!ctx || ub_ctx_set_option(ctx, "root-hints:", hints) || ub_ctx_add_ta_file(ctx, anchor) ||
        ub_ctx_set_option(ctx, "do-not-query-localhost:", "no") || ub_ctx_set_option(ctx, "do-ip6:", "no")) {
        fprintf(stderr, "ub-pass: cannot configure libunbound\n");
        exit(2);
    }
    return ctx;
}

static void round_of(struct ub_ctx *ctx, char names[][256], int types[], int n, struct tally *t)
{
    int target = t->done + n;
    for (int i = 0; i < n; i++)
        if (ub_resolve_async(ctx, names[i], types[i], 1, t, on_result, NULL) != 0) { t->failed++; t->done++; }
    while (t->done < target) ub_wait(ctx);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: ub-pass cold|warm ROUNDS ROOT-HINTS TRUST-ANCHOR NAMES-FILE\n");
        return 64;
    }
    int warm = strcmp(argv[1], "warm") == 0, rounds = atoi(argv[2]);
    static char names[1024][256];
    static int types[1024];
    int n = 0;
    FILE *f = fopen(argv[5], "r");
    char type[32];
    while (f && n < 1024 && fscanf(f, "%255s %31s", names[n], type) == 2) types[n++] = type_of(type);
    if (f) fclose(f);
    if (n == 0) { fprintf(stderr, "ub-pass: no names in %s\n", argv[5]); return 64; }

    struct tally t = {0};
    struct ub_ctx *ctx = NULL;
    if (warm) { ctx = new_ctx(argv[3], argv[4]); round_of(ctx, names, types, n, &t); t = (struct tally){0}; }
    double start = now_ns(), spent = 0;
    for (int r = 0; r < rounds; r++) {
        if (!warm) {
            struct ub_ctx *fresh = new_ctx(argv[3], argv[4]);   /* context set-up outside the timing */
            double s = now_ns();
            round_of(fresh, names, types, n, &t);
            spent += now_ns() - s;
            ub_ctx_delete(fresh);
        } else {
            round_of(ctx, names, types, n, &t);
        }
    }
    if (warm) { spent = now_ns() - start; ub_ctx_delete(ctx); }
    printf("ub-pass %s %d %d %.0f %d %d %d %d\n", argv[1], rounds, n, spent / ((double)rounds * n), t.secure, t.insecure, t.bogus, t.failed);
    return 0;
}
