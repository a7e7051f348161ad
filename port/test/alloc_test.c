/*
 * alloc_test.c: tests for the 64 KiB page allocator (port/src/mvp_alloc.c).
 *
 * Build and run (from the repository root):
 *
 *   cc -std=c99 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
 *      -Wall -Wextra -Werror -Iport/include \
 *      port/test/alloc_test.c port/src/mvp_alloc.c -o /tmp/alloc_test \
 *   && /tmp/alloc_test
 *
 * Optional argument: the number of random operations (default 1000000) and
 * a seed (default 1), e.g. `/tmp/alloc_test 200000 7`. Exits 0 when every
 * check passes, 1 otherwise (printing each failure).
 *
 * Pages come from aligned_alloc(0x10000, 0x10000), as on the native targets.
 * The tests treat the allocator as a black box except for the documented
 * overhead: a 60-byte page header, 4 unused bytes at the page end, a 4-byte
 * header per allocation, and block sizes that are the request plus 4 rounded
 * up to a multiple of 8 (minimum 8), so every payload is 8-byte aligned.
 */
/* aligned_alloc is C11; glibc declares it under -std=c99 with this. */
#define _ISOC11_SOURCE 1

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mvp.h"

#define PAGE 0x10000u
#define FIRST 60u                   /* offset of the first block */
#define ARENA (PAGE - FIRST - 4u)    /* bytes of blocks in a page */
#define CAPACITY (ARENA - 4u)        /* largest single allocation */

static int failures = 0;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      failures++;                                                          \
      if (failures <= 30)                                                  \
        fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                      \
  } while (0)

/* Return from the current test after the first failed check in a loop. */
#define REQUIRE(cond)                                                      \
  do {                                                                     \
    if (!(cond)) {                                                         \
      failures++;                                                          \
      fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond); \
      return;                                                              \
    }                                                                      \
  } while (0)

static void *new_page(void) {
  void *p = aligned_alloc(PAGE, PAGE);
  if (!p) {
    fprintf(stderr, "aligned_alloc failed\n");
    exit(2);
  }
  memset(p, 0xA5, PAGE); /* garbage: init must not rely on zeroed memory */
  mvp_page_init(p);
  return p;
}

static uint32_t off_of(const void *page, const void *p) {
  return (uint32_t)((const uint8_t *)p - (const uint8_t *)page);
}

static mvp_page_stats stats(const void *page) {
  mvp_page_stats s;
  mvp_page_get_stats(page, &s);
  return s;
}

/* A valid allocation: in the page, 8-byte aligned, never at offset 0. */
static int good_ptr(const void *page, const void *p, size_t size) {
  uintptr_t a = (uintptr_t)p, b = (uintptr_t)page;
  return p && a > b && a - b >= 4 && (a & 7u) == 0 && a - b + size <= PAGE - 4u;
}

/* The page is empty: one free block spanning everything. */
static void check_empty(const void *page) {
  mvp_page_stats s = stats(page);
  CHECK(mvp_page_check(page) == 0);
  CHECK(s.capacity == CAPACITY);
  CHECK(s.used == 0);
  CHECK(s.allocations == 0);
  CHECK(s.free == ARENA);
  CHECK(s.largest_free == CAPACITY);
}

/* ---- Tests --------------------------------------------------------------- */

static void test_empty_capacity(void) {
  void *page = new_page();
  mvp_page_stats s;
  void *p;
  check_empty(page);

  /* One allocation of the whole capacity (well over 65,000 bytes). */
  CHECK(CAPACITY > 65000u);
  CHECK(mvp_page_malloc(page, CAPACITY + 1) == NULL);
  CHECK(mvp_page_malloc(page, (size_t)-1) == NULL);
  CHECK(mvp_page_malloc(page, (size_t)0x10000) == NULL);
  CHECK(mvp_page_check(page) == 0);
  p = mvp_page_malloc(page, CAPACITY);
  CHECK(good_ptr(page, p, CAPACITY));
  memset(p, 0x5A, CAPACITY);
  s = stats(page);
  CHECK(s.used == ARENA && s.free == 0 && s.largest_free == 0 && s.allocations == 1);
  CHECK(mvp_page_malloc(page, 1) == NULL);
  CHECK(mvp_page_check(page) == 0);
  mvp_page_free(p);
  check_empty(page);
  CHECK(stats(page).peak_used == ARENA);

  /* Size 0 still gives a distinct, freeable block. */
  p = mvp_page_malloc(page, 0);
  CHECK(good_ptr(page, p, 0));
  CHECK(stats(page).used == 8);
  mvp_page_free(p);
  check_empty(page);

  /* Re-initialising resets everything, including the peak. */
  p = mvp_page_malloc(page, 100);
  mvp_page_init(page);
  check_empty(page);
  CHECK(stats(page).peak_used == 0);
  free(page);
}

/* Block sizes follow the documented rule; used/free/peak track exactly. */
static void test_stats(void) {
  void *page = new_page();
  static const size_t sizes[] = { 1, 2, 3, 4, 5, 8, 9, 12, 13, 100, 1023, 1024 + 16, 4096 + 28 };
  void *ptrs[sizeof sizes / sizeof sizes[0]];
  uint32_t used = 0, peak;
  size_t i, n = sizeof sizes / sizeof sizes[0];
  for (i = 0; i < n; i++) {
    uint32_t block = ((uint32_t)sizes[i] + 4u + 7u) & ~7u;
    mvp_page_stats s;
    if (block < 8) block = 8;
    ptrs[i] = mvp_page_malloc(page, sizes[i]);
    CHECK(good_ptr(page, ptrs[i], sizes[i]));
    used += block;
    s = stats(page);
    CHECK(s.used == used);
    CHECK(s.free == ARENA - used);
    CHECK(s.allocations == i + 1);
    CHECK(s.peak_used == used);
    /* Allocations from an empty page are packed from the bottom up. */
    CHECK(off_of(page, ptrs[i]) == FIRST + 4u + used - block);
    CHECK(s.largest_free == ARENA - used - 4u);
    CHECK(mvp_page_check(page) == 0);
  }
  peak = used;
  for (i = 0; i < n; i += 2) {
    uint32_t block = ((uint32_t)sizes[i] + 4u + 7u) & ~7u;
    if (block < 8) block = 8;
    mvp_page_free(ptrs[i]);
    used -= block;
    CHECK(stats(page).used == used);
    CHECK(stats(page).peak_used == peak);
    CHECK(mvp_page_check(page) == 0);
  }
  for (i = 1; i < n; i += 2) mvp_page_free(ptrs[i]);
  check_empty(page);
  CHECK(stats(page).peak_used == peak);
  free(page);
}

/* Fill the page with allocations of one size (and then of many sizes) until
   malloc fails, free everything in various orders, and check that the page
   coalesces back to one block that takes a maximum-size allocation. */
static void fill_and_drain(size_t (*size_of)(unsigned i), int order) {
  enum { MAXN = 9000 };
  static void *ptrs[MAXN];
  void *page = new_page();
  unsigned n = 0, i;
  mvp_page_stats s;
  void *big;
  for (;;) {
    size_t size = size_of(n);
    void *p;
    REQUIRE(n < MAXN);
    p = mvp_page_malloc(page, size);
    if (!p) {
      /* Full: the failed request really did not fit anywhere. */
      s = stats(page);
      CHECK(size > s.largest_free);
      CHECK(s.free < size + 4u + 8u);
      break;
    }
    CHECK(good_ptr(page, p, size));
    memset(p, (int)(n & 0xFF), size);
    ptrs[n++] = p;
  }
  CHECK(mvp_page_check(page) == 0);
  CHECK(stats(page).allocations == n);
  /* Smaller requests may still fit in the tail; take them too. */
  while (n < MAXN) {
    void *p = mvp_page_malloc(page, 1);
    if (!p) break;
    ptrs[n++] = p;
  }
  s = stats(page);
  CHECK(s.largest_free == 0);
  CHECK(s.free < 8u);
  if (order == 0) {
    for (i = 0; i < n; i++) mvp_page_free(ptrs[i]);
  } else if (order == 1) {
    for (i = n; i-- > 0;) mvp_page_free(ptrs[i]);
  } else if (order == 2) {
    for (i = 0; i < n; i += 2) mvp_page_free(ptrs[i]);
    CHECK(mvp_page_check(page) == 0);
    for (i = 1; i < n; i += 2) mvp_page_free(ptrs[i]);
  } else {
    /* Random order (Fisher-Yates with a fixed LCG). */
    uint32_t x = 12345u + (uint32_t)order;
    for (i = n; i > 1; i--) {
      unsigned j;
      void *t;
      x = x * 1664525u + 1013904223u;
      j = (unsigned)((x >> 8) % i);
      t = ptrs[i - 1];
      ptrs[i - 1] = ptrs[j];
      ptrs[j] = t;
    }
    for (i = 0; i < n; i++) {
      mvp_page_free(ptrs[i]);
      if (i % 97 == 0) CHECK(mvp_page_check(page) == 0);
    }
  }
  check_empty(page);
  big = mvp_page_malloc(page, CAPACITY);
  CHECK(good_ptr(page, big, CAPACITY));
  mvp_page_free(big);
  check_empty(page);
  free(page);
}

static size_t size_min(unsigned i) { (void)i; return 1; }
static size_t size_bucket64(unsigned i) { (void)i; return 0x400 + 32; }
static size_t size_bucket32(unsigned i) { (void)i; return 0x400 + 16; }
static size_t size_mixed(unsigned i) {
  static const size_t s[] = { 7, 1040, 2, 300, 4152, 60, 1056, 13, 999, 24 };
  return s[i % 10];
}

static void test_full_page(void) {
  int order;
  for (order = 0; order < 5; order++) {
    fill_and_drain(size_min, order);
    fill_and_drain(size_bucket64, order);
    fill_and_drain(size_bucket32, order);
    fill_and_drain(size_mixed, order);
  }
}

/* Holes that are not adjacent cannot be merged; once the blocks between them
   are freed, the whole run must be available as one allocation. */
static void test_fragmentation(void) {
  enum { N = 40 };
  void *page = new_page();
  void *p[N];
  unsigned i;
  size_t a = 500, b = 1000; /* alternate sizes: blocks of 504 and 1008 */
  uint32_t run;
  void *q;
  for (i = 0; i < N; i++) {
    p[i] = mvp_page_malloc(page, (i & 1) ? b : a);
    CHECK(good_ptr(page, p[i], (i & 1) ? b : a));
  }
  /* Free every other (the small ones): 20 holes of 504, none adjacent. */
  for (i = 0; i < N; i += 2) {
    mvp_page_free(p[i]);
    p[i] = NULL;
  }
  CHECK(mvp_page_check(page) == 0);
  /* The tail is still the largest free block. Use it up. */
  q = mvp_page_malloc(page, stats(page).largest_free);
  CHECK(q != NULL);
  CHECK(stats(page).largest_free == 500);
  CHECK(mvp_page_malloc(page, 501) == NULL);
  /* A hole takes exactly its size, and is reused (best fit, lowest first). */
  {
    void *h = mvp_page_malloc(page, 500);
    CHECK(h != NULL && off_of(page, h) == FIRST + 4u);
    mvp_page_free(h);
  }
  /* Free the big blocks 1, 3, 5: holes 0..6 merge into one run of
     4*504 + 3*1008 bytes, allocatable as one block. */
  mvp_page_free(p[1]);
  mvp_page_free(p[3]);
  mvp_page_free(p[5]);
  p[1] = p[3] = p[5] = NULL;
  CHECK(mvp_page_check(page) == 0);
  run = 4u * 504u + 3u * 1008u;
  CHECK(stats(page).largest_free == run - 4u);
  q = mvp_page_malloc(page, run - 4u);
  CHECK(q != NULL && off_of(page, q) == FIRST + 4u);
  CHECK(mvp_page_check(page) == 0);
  mvp_page_free(q);
  /* Alternating alloc/free of two sizes coalesces back to one block. */
  for (i = 0; i < N; i++)
    if (p[i]) mvp_page_free(p[i]);
  mvp_page_init(page);
  for (i = 0; i < 1000; i++) {
    void *x = mvp_page_malloc(page, 24 + (i % 7) * 100);
    void *y = mvp_page_malloc(page, 1024 + 32);
    void *z = mvp_page_malloc(page, 2 + (i % 3));
    CHECK(x && y && z);
    mvp_page_free(y);
    mvp_page_free(x);
    mvp_page_free(z);
  }
  check_empty(page);

  /* Free order right-left-middle around a middle block merges both sides. */
  {
    void *l = mvp_page_malloc(page, 100), *m = mvp_page_malloc(page, 100);
    void *r = mvp_page_malloc(page, 100), *g = mvp_page_malloc(page, 100);
    mvp_page_free(l);
    mvp_page_free(r);
    CHECK(mvp_page_check(page) == 0);
    mvp_page_free(m);
    CHECK(stats(page).largest_free == ARENA - 4u * 104u - 4u); /* the tail */
    CHECK(stats(page).free == ARENA - 104u);
    CHECK(mvp_page_check(page) == 0);
    q = mvp_page_malloc(page, 3 * 104 - 4);
    CHECK(q == l);
    mvp_page_free(q);
    mvp_page_free(g);
    check_empty(page);
  }
  free(page);
}

/* free(NULL), double frees and foreign pointers are refused without
   touching the page; mvp_page_check then reports the refusal (9). */
static void test_bad_frees(void) {
  void *page = new_page();
  uint8_t *a, *b, *c;
  mvp_page_stats before, after;
  mvp_page_free(NULL);
  check_empty(page);

  a = mvp_page_malloc(page, 40);
  b = mvp_page_malloc(page, 40);
  c = mvp_page_malloc(page, 40);
  memset(b, 0, 40);
  mvp_page_free(b);
  before = stats(page);
  mvp_page_free(b);                    /* double free */
  mvp_page_free(a + 1);                /* misaligned */
  mvp_page_free(a + 4);                /* interior */
  mvp_page_free(a + 40);               /* past the end */
  mvp_page_free(b + 8);                /* inside a free block */
  mvp_page_free((uint8_t *)page + 4);  /* the page header */
  mvp_page_free((uint8_t *)page + 2);  /* below any block */
  mvp_page_free((uint8_t *)page + PAGE - 4); /* the very end */
  after = stats(page);
  CHECK(memcmp(&before, &after, sizeof before) == 0);
  CHECK(mvp_page_check(page) == 9);

  /* An interior pointer whose bytes look like a header is still refused,
     because the neighbours do not agree. */
  {
    uint16_t fake[2] = { 8u | 1u, 0 };
    memcpy(c + 12, fake, sizeof fake); /* a properly aligned fake header */
    mvp_page_free(c + 16);
    after = stats(page);
    CHECK(memcmp(&before, &after, sizeof before) == 0);
  }
  mvp_page_free(a);
  mvp_page_free(c);
  CHECK(stats(page).used == 0 && stats(page).largest_free == CAPACITY);
  CHECK(mvp_page_check(page) == 9);
  mvp_page_init(page);
  check_empty(page);

  /* A pointer freed into an uninitialised page is ignored. */
  {
    uint8_t *other = aligned_alloc(PAGE, PAGE);
    memset(other, 0, PAGE);
    mvp_page_free(other + 100);
    CHECK(mvp_page_check(other) == 1);
    free(other);
  }
  free(page);
}

/* While a host allows it, an allocation the page cannot hold comes from the
   host's allocator; the page's bookkeeping is untouched, and without the
   allowance the same request fails. */
static int spilled_calls;
static void *spill_alloc(size_t size) {
  spilled_calls++;
  return malloc(size);
}

static void test_spill(void) {
  void *page = new_page();
  void *fill = mvp_page_malloc(page, CAPACITY - 1000);
  mvp_page_stats before;
  void *p;
  CHECK(fill != NULL);
  before = stats(page);
  CHECK(mvp_page_malloc(page, 2000) == NULL);
  mvp_page_set_spill(page, spill_alloc);
  p = mvp_page_malloc(page, 2000);
  CHECK(p != NULL && spilled_calls == 1);
  CHECK(!mvp_page_contains(page, p));
  CHECK(mvp_page_contains(page, fill));
  memset(p, 0x33, 2000);
  /* What still fits is taken from the page as usual. */
  {
    void *small = mvp_page_malloc(page, 100);
    CHECK(small != NULL && mvp_page_contains(page, small) && spilled_calls == 1);
    mvp_page_free(small);
  }
  /* The hook is not kept in the page, where a corrupt guest heap could
     overwrite it: no aligned word of the page holds its address. */
  {
    void *(*hook)(size_t) = spill_alloc;
    const uint8_t *bytes = (const uint8_t *)page;
    size_t at;
    int found = 0;
    for (at = 0; at + sizeof hook <= PAGE; at += sizeof(void *)) found |= memcmp(bytes + at, &hook, sizeof hook) == 0;
    CHECK(!found);
  }
  /* It is given for this page only: a full page beside it still fails. */
  {
    void *other = new_page();
    void *big = mvp_page_malloc(other, CAPACITY - 1000);
    CHECK(big != NULL && mvp_page_malloc(other, 2000) == NULL && spilled_calls == 1);
    mvp_page_free(big);
    check_empty(other);
    free(other);
  }
  mvp_page_set_spill(page, NULL);
  CHECK(mvp_page_malloc(page, 2000) == NULL);
  {
    mvp_page_stats after = stats(page);
    CHECK(after.used == before.used && after.free == before.free && after.allocations == before.allocations &&
          after.largest_free == before.largest_free);
  }
  CHECK(mvp_page_check(page) == 0);
  free(p);
  mvp_page_free(fill);
  check_empty(page);
  free(page);
}

/* Two pages used interleaved: every free goes to the page it came from, and
   identical call sequences give identical offsets. */
/* The free lists live in the page, where a corrupt guest heap can write:
   mvp_page_get_stats must end even when a list is a cycle. The block after a
   100-byte allocation is the big free block (a 4-byte header, 8-byte sizes);
   its `next` link (4 bytes into its header) is made to point at itself. */
static void test_cyclic_free_list(void) {
  void *page = new_page();
  uint8_t *p = mvp_page_malloc(page, 100);
  uint32_t free_block;
  uint16_t self;
  mvp_page_stats st;
  REQUIRE(p != NULL);
  free_block = off_of(page, p) - 4 + ((100 + 4 + 7) & ~7u);
  self = (uint16_t)free_block;
  memcpy((uint8_t *)page + free_block + 4, &self, 2);
  CHECK(mvp_page_check(page) == 7); /* CHECK_LISTS: the corruption is real */
  mvp_page_get_stats(page, &st);    /* returns */
  CHECK(st.largest_free > 60000);
  free(page);
}

static void test_two_pages(void) {
  enum { N = 200 };
  void *pa = new_page(), *pb = new_page();
  void *a[N], *b[N];
  unsigned i;
  uint32_t x = 99;
  for (i = 0; i < N; i++) {
    size_t size = 1 + (i * 37u) % 300;
    a[i] = mvp_page_malloc(pa, size);
    b[i] = mvp_page_malloc(pb, size);
    CHECK(good_ptr(pa, a[i], size) && good_ptr(pb, b[i], size));
    CHECK(off_of(pa, a[i]) == off_of(pb, b[i]));
  }
  /* Free B's odd ones and A's even ones, interleaved. */
  for (i = 0; i < N; i++) {
    if (i & 1) {
      mvp_page_free(b[i]);
      b[i] = NULL;
    } else {
      mvp_page_free(a[i]);
      a[i] = NULL;
    }
  }
  CHECK(stats(pa).allocations == N / 2 && stats(pb).allocations == N / 2);
  CHECK(mvp_page_check(pa) == 0 && mvp_page_check(pb) == 0);
  /* Random churn: each step frees or refills one slot of one page. */
  for (i = 0; i < 20000; i++) {
    unsigned k;
    void **slot;
    void *page;
    x = x * 1664525u + 1013904223u;
    k = (x >> 10) % N;
    page = ((x >> 4) & 1) ? pa : pb;
    slot = page == pa ? &a[k] : &b[k];
    if (*slot) {
      mvp_page_free(*slot);
      *slot = NULL;
    } else {
      *slot = mvp_page_malloc(page, 1 + (x >> 20) % 900);
      CHECK(good_ptr(page, *slot, 1));
    }
  }
  CHECK(mvp_page_check(pa) == 0 && mvp_page_check(pb) == 0);
  /* Free everything, alternating pages (NULL slots are ignored). */
  for (i = 0; i < N; i++) {
    mvp_page_free(b[i]);
    mvp_page_free(a[i]);
  }
  check_empty(pa);
  check_empty(pb);
  free(pa);
  free(pb);
}

/* ---- Random stress against a shadow model -------------------------------- */

#define MAXLIVE 4096

typedef struct {
  uint8_t *p[2];   /* the same allocation in page A and page B */
  uint32_t size;
  uint32_t tag;
} live_t;

static live_t live[MAXLIVE];
static unsigned nlive;
static uint8_t owner[PAGE]; /* 1 where page A's bytes belong to a block */

static uint32_t rng_state;
static uint32_t rng(void) {
  /* xorshift32 */
  uint32_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}

static uint8_t pattern(uint32_t tag, uint32_t i) {
  return (uint8_t)((tag * 2654435761u + i * 40503u) >> 11);
}

static int verify_block(const live_t *l) {
  uint32_t i;
  for (i = 0; i < l->size; i++) {
    if (l->p[0][i] != pattern(l->tag, i) || l->p[1][i] != pattern(l->tag, i)) return 0;
  }
  return 1;
}

static size_t random_size(void) {
  uint32_t r = rng() % 100;
  if (r < 45) return 1 + rng() % 64;                 /* small */
  if (r < 75) return 65 + rng() % 1200;              /* medium */
  if (r < 90) return (rng() & 1) ? 0x400 + 16 : 0x400 + 32; /* heap buckets */
  if (r < 96) return 4096 + 28 + (rng() % 3) * 28;   /* stacks */
  return 1200 + rng() % 30000;                       /* large */
}

/* Longest run of page A's arena not owned by any live allocation's
   [header, end of requested bytes). */
static uint32_t longest_unowned_run(void) {
  uint32_t i, run = 0, best = 0;
  for (i = FIRST; i < PAGE - 4u; i++) {
    if (owner[i]) {
      run = 0;
    } else if (++run > best) {
      best = run;
    }
  }
  return best;
}

static void test_random(unsigned long ops, uint32_t seed) {
  void *pa = new_page(), *pb = new_page();
  unsigned long op;
  uint32_t tag = 0, peak = 0;
  unsigned long n_alloc = 0, n_fail = 0, n_free = 0;
  unsigned max_live = 0;
  rng_state = seed ? seed : 1;
  nlive = 0;
  memset(owner, 0, sizeof owner);

  for (op = 0; op < ops; op++) {
    /* Phases drift between filling and draining the page. */
    uint32_t phase = (uint32_t)(op / 20000) % 4;
    uint32_t p_alloc = phase == 0 ? 70 : phase == 1 ? 52 : phase == 2 ? 35 : 50;
    mvp_page_stats sa, sb;
    if (nlive == 0 || (nlive < MAXLIVE && rng() % 100 < p_alloc)) {
      size_t size = (op % 50000 == 49999) ? CAPACITY : random_size();
      uint8_t *a = mvp_page_malloc(pa, size);
      uint8_t *b = mvp_page_malloc(pb, size);
      REQUIRE((a == NULL) == (b == NULL));
      if (!a) {
        n_fail++;
        sa = stats(pa);
        REQUIRE(size > sa.largest_free);
        if (n_fail % 64 == 1) {
          /* Coalescing is complete: the free space the model sees (which
             also counts up to 7 bytes of rounding slack at the end of
             each block) is no larger than the largest free block. */
          uint32_t run = longest_unowned_run();
          REQUIRE(run <= sa.largest_free + 4u + 7u);
        }
      } else {
        live_t *l = &live[nlive++];
        uint32_t i, o = off_of(pa, a);
        n_alloc++;
        REQUIRE(good_ptr(pa, a, size) && good_ptr(pb, b, size));
        REQUIRE(o == off_of(pb, b)); /* deterministic placement */
        for (i = o - 4; i < o + (uint32_t)size; i++) {
          REQUIRE(!owner[i]); /* no overlap with live blocks or their headers */
          owner[i] = 1;
        }
        l->p[0] = a;
        l->p[1] = b;
        l->size = (uint32_t)size;
        l->tag = ++tag;
        for (i = 0; i < l->size; i++) a[i] = b[i] = pattern(l->tag, i);
      }
    } else {
      unsigned k = rng() % nlive;
      live_t *l = &live[k];
      uint32_t i, o = off_of(pa, l->p[0]);
      REQUIRE(verify_block(l));
      for (i = o - 4; i < o + l->size; i++) owner[i] = 0;
      /* Free page B's block first sometimes, to interleave the pages. */
      if (rng() & 1) {
        mvp_page_free(l->p[0]);
        mvp_page_free(l->p[1]);
      } else {
        mvp_page_free(l->p[1]);
        mvp_page_free(l->p[0]);
      }
      *l = live[--nlive];
      n_free++;
    }
    if (nlive > max_live) max_live = nlive;

    REQUIRE(mvp_page_check(pa) == 0);
    REQUIRE(mvp_page_check(pb) == 0);
    sa = stats(pa);
    sb = stats(pb);
    REQUIRE(memcmp(&sa, &sb, sizeof sa) == 0);
    REQUIRE(sa.allocations == nlive);
    REQUIRE(sa.used + sa.free == ARENA);
    /* Each block is the request + 4 rounded to 8 (min 8), exactly. */
    {
      uint32_t lo = 0;
      unsigned i;
      if ((op & 255) == 0) {
        for (i = 0; i < nlive; i++) {
          uint32_t blk = (live[i].size + 11u) & ~7u;
          lo += blk < 8 ? 8 : blk;
        }
        REQUIRE(sa.used == lo);
      }
    }
    if (sa.used > peak) peak = sa.used;
    REQUIRE(sa.peak_used == peak);
    if (nlive == 0) {
      REQUIRE(sa.used == 0 && sa.largest_free == CAPACITY);
    }
    if ((op & 4095) == 0) {
      /* Every live block still holds its pattern. */
      unsigned i;
      for (i = 0; i < nlive; i++) REQUIRE(verify_block(&live[i]));
      /* largest_free is exact: that size succeeds, one more byte fails
         (probed on both pages so that they stay identical). */
      if (sa.largest_free) {
        void *ta = mvp_page_malloc(pa, sa.largest_free);
        void *tb = mvp_page_malloc(pb, sa.largest_free);
        REQUIRE(ta != NULL && tb != NULL);
        mvp_page_free(ta);
        mvp_page_free(tb);
      }
      REQUIRE(mvp_page_malloc(pa, (size_t)sa.largest_free + 1) == NULL);
      REQUIRE(mvp_page_check(pa) == 0 && mvp_page_check(pb) == 0);
      peak = stats(pa).peak_used; /* the probe may have raised it */
      REQUIRE(stats(pb).peak_used == peak);
    }
  }

  /* Drain and check that everything coalesces back. */
  while (nlive) {
    live_t *l = &live[--nlive];
    REQUIRE(verify_block(l));
    mvp_page_free(l->p[0]);
    mvp_page_free(l->p[1]);
  }
  check_empty(pa);
  check_empty(pb);
  printf("random: %lu ops (seed %lu): %lu allocs, %lu failed (page full), %lu frees, max %u live, peak %lu bytes\n",
         ops, (unsigned long)seed, n_alloc, n_fail, n_free, max_live, (unsigned long)peak);
  free(pa);
  free(pb);
}

int main(int argc, char **argv) {
  unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000ul;
  uint32_t seed = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 0) : 1u;

  test_empty_capacity();
  test_spill();
  test_stats();
  test_full_page();
  test_fragmentation();
  test_bad_frees();
  test_two_pages();
  test_cyclic_free_list();
  test_random(ops, seed);

  if (failures) {
    fprintf(stderr, "alloc_test: %d check(s) FAILED\n", failures);
    return 1;
  }
  printf("alloc_test: all checks passed\n");
  return 0;
}
