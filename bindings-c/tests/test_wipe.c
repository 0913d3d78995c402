/* No block the library frees while it signs holds the private key's text: it wipes every
 * block before freeing it (bridge/src/memory.rs), serde_json's scratch copy of the escaped PEM
 * included. And after the calls no copy of the text is left anywhere in the process.
 *
 * This program defines free() and realloc(), which take the place of libc's for the whole
 * process (the library's calls included): while armed, each block is searched for one base64
 * line of the key before libc frees it. realloc is done as malloc, copy, free, so that a block
 * it moves is searched too. The program's own copies are wiped by the program; the line it
 * looks for is kept masked, so only the library's blocks can match. The program's own
 * arguments, freed at the end while armed without a wipe, must be found: the detector works.
 * Not under valgrind, which replaces the allocator.
 * Usage: test_wipe PRIVATE_KEY.pem */
#define _GNU_SOURCE
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "antom.h"

extern void __libc_free(void *);
extern void *__libc_malloc(size_t);

#define MASK 0x5a
static unsigned char needle[128]; /* one base64 line of the key, each byte ^ MASK */
static size_t needle_len;
static volatile int armed; /* volatile: the compiler takes free() for libc's, which reads no global */
static volatile size_t freed_with_key;
static char maps[1 << 16];

static size_t count_in(const unsigned char *p, size_t n) {
    size_t found = 0;
    for (size_t i = 0; i + needle_len <= n; i++) {
        size_t j = 0;
        while (j < needle_len && p[i + j] == (unsigned char)(needle[j] ^ MASK)) j++;
        if (j == needle_len) found++;
    }
    return found;
}

void free(void *p) {
    if (p && armed && count_in(p, malloc_usable_size(p))) freed_with_key++;
    __libc_free(p);
}

void *realloc(void *p, size_t n) {
    if (!p) return __libc_malloc(n);
    if (n == 0) { free(p); return NULL; }
    void *q = __libc_malloc(n);
    if (!q) return NULL;
    size_t old = malloc_usable_size(p);
    memcpy(q, p, old < n ? old : n);
    free(p);
    return q;
}

/* Every readable and writable mapping: the heaps, the threads' stacks, anonymous memory. */
static size_t scan(void) {
    int fd = open("/proc/self/maps", O_RDONLY);
    if (fd < 0) { perror("maps"); exit(2); }
    size_t len = 0;
    ssize_t got;
    while ((got = read(fd, maps + len, sizeof maps - 1 - len)) > 0) len += (size_t)got;
    close(fd);
    if (len == sizeof maps - 1) { fprintf(stderr, "test_wipe: /proc/self/maps is longer than %zu bytes\n", len); exit(2); }
    maps[len] = 0;
    size_t found = 0;
    for (char *line = maps; *line; ) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && perms[0] == 'r' && perms[1] == 'w'
            && !strstr(line, "[vvar") && !strstr(line, "[vsyscall]")) {
            found += count_in((const unsigned char *)lo, hi - lo);
        }
        if (!end) break;
        line = end + 1;
    }
    return found;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: test_wipe PRIVATE_KEY.pem\n"); return 2; }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) { perror(argv[1]); return 2; }
    size_t cap = 1 << 14, n = 0;
    unsigned char *pem = malloc(cap);
    ssize_t got;
    while ((got = read(fd, pem + n, cap - n)) > 0) n += (size_t)got;
    close(fd);

    /* the needle: the key's third line (its second base64 line), masked */
    size_t line = 0, start = 0, i = 0;
    for (; i < n && line < 2; i++) if (pem[i] == '\n') { line++; start = i + 1; }
    while (start + needle_len < n && pem[start + needle_len] != '\n' && pem[start + needle_len] != '\r'
           && needle_len < sizeof needle) {
        needle[needle_len] = pem[start + needle_len] ^ MASK;
        needle_len++;
    }
    if (needle_len < 40) { fprintf(stderr, "test_wipe: %s has no 40-character base64 line\n", argv[1]); return 2; }

    /* the arguments as the C# and Java layers send them: the PEM as a JSON string (escaped line
       breaks, which is what makes serde_json copy it into its scratch buffer) */
    unsigned char *args = malloc(2 * n + 256);
    size_t a = 0;
    args[a++] = '[';
    args[a++] = '"';
    for (size_t k = 0; k < n; k++) {
        if (pem[k] == '\n') { args[a++] = '\\'; args[a++] = 'n'; }
        else if (pem[k] != '\r') args[a++] = pem[k];
    }
    const char *rest = "\",\"POST\",\"/ams/api/v1/payments/pay\",\"C1\",\"1\",\"e30=\",1]";
    memcpy(args + a, rest, strlen(rest));
    a += strlen(rest);

    int failed = 0;
    size_t before = scan(); /* exactly two: the file's bytes and the JSON arguments */
    printf("%s - the scan finds the program's own copies (%zu)\n", before == 2 ? "ok" : "FAIL", before);
    failed |= before != 2;

    armed = 1;
    for (int round = 0; round < 3; round++) {
        AntomBuffer out, err;
        AntomStatus st = antom_function((const uint8_t *)"sign_request", 12, args, a, &out, &err);
        if (st != ANTOM_STATUS_OK) { fprintf(stderr, "test_wipe: sign failed: %.*s\n", (int)err.len, err.ptr); return 1; }
        antom_buffer_free(out);
        antom_buffer_free(err);
    }
    armed = 0;
    printf("%s - no block the library freed while signing held the key's text (%zu did)\n", freed_with_key == 0 ? "ok" : "FAIL", (size_t)freed_with_key);
    failed |= freed_with_key != 0;

    /* what is left: the program's own arguments, still held (the file's bytes are wiped) */
    explicit_bzero(pem, cap);
    free(pem);
    size_t after = scan();
    printf("%s - no other copy of the key's text is left in memory after three signs (%zu found, 1 expected)\n", after == 1 ? "ok" : "FAIL", after);
    failed |= after != 1;

    /* the detector works: the program's arguments, freed with the key's text in them */
    freed_with_key = 0;
    armed = 1;
    free(args);
    armed = 0;
    printf("%s - a block freed with the key's text in it is seen (%zu)\n", freed_with_key == 1 ? "ok" : "FAIL", (size_t)freed_with_key);
    failed |= freed_with_key != 1;
    return failed;
}
