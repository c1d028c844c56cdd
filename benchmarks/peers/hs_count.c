/*
 * Peer: Hyperscan literal matcher, block mode, counting callback.
 *
 *   hs_count --patterns FILE --haystack FILE [--mode overlapping] [--chunk-bytes N]
 *
 * Prints the same JSON line as matcher-bench:
 *   {"patterns":N,"haystack_bytes":N,"matches":N,"build_ms":X,"search_s":X,"mb_per_s":X}
 *
 * Patterns: one per line, bytes taken exactly, empty lines ignored, compiled
 * with hs_compile_lit_multi (flags 0 = case-sensitive, every match reported).
 * Hyperscan reports every (pattern, end offset) occurrence, which for distinct
 * patterns equals overlapping (standard) Aho-Corasick.  There is no
 * leftmost-longest mode: it is rejected.
 *
 * The haystack is scanned as one block.  If hs_scan refuses it (too large for
 * its unsigned length, or any other error), or --chunk-bytes is given, it is
 * scanned in chunks that overlap by (longest pattern - 1) bytes; in every chunk
 * after the first only matches ending past the overlap are counted, so nothing
 * is counted twice and nothing spanning a boundary is lost.
 *
 * build_ms = hs_compile_lit_multi + hs_alloc_scratch; search_s = scanning only.
 *
 * Build: gcc -O2 -o hs_count hs_count.c $(pkg-config --cflags --libs libhs)
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <hs.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void die(const char *fmt, const char *arg) {
    fprintf(stderr, "hs_count: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open %s", path);
    if (fseeko(f, 0, SEEK_END) != 0) die("cannot seek %s", path);
    off_t size = ftello(f);
    if (size < 0) die("cannot size %s", path);
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    if (!buf) die("out of memory reading %s", path);
    size_t got = size ? fread(buf, 1, (size_t)size, f) : 0;
    if (got != (size_t)size) die("short read on %s", path);
    fclose(f);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
}

struct ctx {
    unsigned long long count;
    unsigned long long min_end; /* count only matches with end offset > min_end */
};

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *p) {
    (void)id; (void)from; (void)flags;
    struct ctx *c = p;
    if (to > c->min_end) c->count++;
    return 0;
}

static void usage(void) {
    fprintf(stderr, "usage: hs_count --patterns FILE --haystack FILE [--mode overlapping] "
                    "[--chunk-bytes N]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *pat_path = NULL, *hay_path = NULL, *mode = "overlapping";
    unsigned long long chunk_bytes = 0; /* 0 = one block unless hs_scan refuses */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--patterns") && i + 1 < argc) pat_path = argv[++i];
        else if (!strcmp(argv[i], "--haystack") && i + 1 < argc) hay_path = argv[++i];
        else if (!strcmp(argv[i], "--mode") && i + 1 < argc) mode = argv[++i];
        else if (!strcmp(argv[i], "--chunk-bytes") && i + 1 < argc) {
            char *end;
            errno = 0;
            chunk_bytes = strtoull(argv[++i], &end, 10);
            if (errno || *end) usage();
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) usage();
        else { fprintf(stderr, "hs_count: unknown argument %s\n", argv[i]); usage(); }
    }
    if (!pat_path || !hay_path) usage();
    if (!strcmp(mode, "leftmost-longest")) {
        fprintf(stderr, "hs_count: mode leftmost-longest is not supported: Hyperscan reports every "
                        "(pattern, end) occurrence, i.e. overlapping semantics only\n");
        return 3;
    }
    if (strcmp(mode, "overlapping")) die("unknown --mode %s (want overlapping)", mode);

    /* ---- read inputs (untimed) ---- */
    size_t pat_len, hay_len;
    char *pat = read_file(pat_path, &pat_len);
    char *hay = read_file(hay_path, &hay_len);

    size_t cap = 1024, n = 0, maxlen = 0;
    const char **exprs = malloc(cap * sizeof *exprs);
    size_t *lens = malloc(cap * sizeof *lens);
    for (size_t pos = 0; pos < pat_len;) {
        char *nl = memchr(pat + pos, '\n', pat_len - pos);
        size_t end = nl ? (size_t)(nl - pat) : pat_len;
        if (end > pos) {
            if (n == cap) {
                cap *= 2;
                exprs = realloc(exprs, cap * sizeof *exprs);
                lens = realloc(lens, cap * sizeof *lens);
                if (!exprs || !lens) die("out of memory (%s)", "patterns");
            }
            exprs[n] = pat + pos;
            lens[n] = end - pos;
            if (lens[n] > maxlen) maxlen = lens[n];
            n++;
        }
        pos = end + 1;
    }
    if (n == 0) die("no patterns in %s", pat_path);
    if (n > UINT_MAX) die("too many patterns in %s", pat_path);
    unsigned *flags = calloc(n, sizeof *flags);
    unsigned *ids = malloc(n * sizeof *ids);
    for (size_t i = 0; i < n; i++) ids[i] = (unsigned)i;

    /* ---- build ---- */
    double t0 = now_s();
    hs_database_t *db = NULL;
    hs_compile_error_t *cerr = NULL;
    if (hs_compile_lit_multi(exprs, flags, ids, lens, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &cerr) !=
        HS_SUCCESS) {
        fprintf(stderr, "hs_count: compile failed (expression %d): %s\n", cerr ? cerr->expression : -1,
                cerr ? cerr->message : "?");
        return 1;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) die("%s", "hs_alloc_scratch failed");
    double t1 = now_s();

    /* ---- search ---- */
    struct ctx c = {0, 0};
    int chunked = 0;
    double t2 = now_s();
    if (chunk_bytes == 0 && hay_len <= UINT_MAX) {
        hs_error_t err = hs_scan(db, hay, (unsigned)hay_len, 0, scratch, on_match, &c);
        if (err != HS_SUCCESS) {
            fprintf(stderr, "hs_count: hs_scan of one %zu-byte block failed (%d); scanning in chunks\n",
                    hay_len, err);
            chunked = 1;
        }
    } else {
        chunked = 1;
    }
    if (chunked) {
        unsigned long long overlap = maxlen - 1;
        unsigned long long step = chunk_bytes ? chunk_bytes : (1ull << 30);
        if (step <= overlap) step = overlap + 1;
        if (step + overlap > UINT_MAX) step = UINT_MAX - overlap;
        c.count = 0;
        t2 = now_s();
        /* chunk k covers [start - overlap, start + step) clipped to the haystack */
        for (unsigned long long start = 0; start < hay_len; start += step) {
            unsigned long long lo = start >= overlap ? start - overlap : 0;
            unsigned long long hi = start + step < hay_len ? start + step : hay_len;
            c.min_end = start - lo; /* matches ending inside the overlap were counted already */
            hs_error_t err = hs_scan(db, hay + lo, (unsigned)(hi - lo), 0, scratch, on_match, &c);
            if (err != HS_SUCCESS) {
                fprintf(stderr, "hs_count: hs_scan failed (%d) on chunk at %llu\n", err, lo);
                return 1;
            }
        }
    }
    double t3 = now_s();

    double search_s = t3 - t2;
    printf("{\"patterns\":%zu,\"haystack_bytes\":%zu,\"matches\":%llu,\"build_ms\":%.3f,"
           "\"search_s\":%.6f,\"mb_per_s\":%.2f}\n",
           n, hay_len, c.count, (t1 - t0) * 1e3, search_s,
           search_s > 0 ? (double)hay_len / 1e6 / search_s : 0.0);

    hs_free_scratch(scratch);
    hs_free_database(db);
    free(flags); free(ids); free(exprs); free(lens); free(pat); free(hay);
    return 0;
}
