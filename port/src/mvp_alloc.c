/*
 * mvp_alloc.c: the allocator for one VM's 64 KiB page.
 *
 * Why the guest heap limit (MVP_MAX_HEAP_SIZE) is 24 KiB of a 64 KiB page:
 * the engine's collector copies the live heap into new buckets while the
 * old ones are still allocated, so a collection at the limit H needs about
 * 2 H of page, plus the guest stack (MVP_STACK_SIZE), the VM core and the
 * per-bucket headers (12 bytes per bucket on 32-bit targets, 32 on 64-bit
 * hosts). Engine patch 0008 makes the collector copy into buckets of at most
 * MVP_ALLOCATION_BUCKET_SIZE, so no collection needs a large contiguous
 * block and only the total matters. Measured with guests that grow objects,
 * arrays, strings and Uint8Arrays until they stop: every one stops with
 * MVM_E_OUT_OF_MEMORY (the limit), at the same point on wasm32 and x86-64,
 * with the page's high-water mark at 54.5 KiB (wasm32) and 55.3 KiB
 * (x86-64) of 63.95 KiB usable. A limit of 28 KiB left too little margin:
 * the page ran out first, at a point that depended on pointer size.
 */
#include <stddef.h>
#include <stdint.h>

#include "mvp_config.h"
#include "mvp.h"

/*
 * Layout of a page (all offsets are from the page base, all fields are
 * uint16_t, so the layout is the same on every target):
 *
 *   0x0000..0x0007  never touched: on WASM the page is at address 0, so the
 *                   allocator never forms (let alone dereferences) a null
 *                   pointer
 *   0x0008..0x003B  page header (struct page_hdr)
 *   0x003C..0xFFFB  blocks, tiling this range exactly
 *   0xFFFC..0xFFFF  unused (keeps every block a multiple of 8 bytes)
 *
 * Every block is a multiple of 8 bytes, starts 4 bytes past an 8-byte
 * boundary, and begins with a 4-byte header:
 *
 *   uint16_t size_flags   block size in bytes (header included) | USED_BIT
 *   uint16_t prev         offset of the physically previous block (0: first)
 *
 * The payload (what malloc returns) follows the header and is therefore
 * 8-byte aligned: the engine keeps pointers in what it allocates (8 bytes on
 * a 64-bit host), and one alignment for every target keeps the layout, and
 * so the out-of-memory point, identical everywhere. A free block keeps two uint16_t links in its payload (next
 * and previous block in its size-class list), so the smallest block is 8
 * bytes. Neighbours are always coalesced at once, so no two free blocks are
 * ever adjacent; `prev` lets free() reach the left neighbour in O(1) without
 * footers.
 *
 * Free blocks are kept in 13 lists by power-of-two size class (8..15,
 * 16..31, ..., 32 KiB..64 KiB) with a bitmap of the non-empty ones. malloc is
 * exact best fit, ties going to the lowest address: it searches the request's
 * own class for the smallest block that fits and otherwise takes the smallest
 * block of the next non-empty class (every block there fits). The chosen
 * block is split, the allocation taking its low end. Every decision depends
 * only on the page's contents, never on pointer values or list order, so the
 * same sequence of calls gives the same offsets on every target.
 *
 * Overhead: 64 bytes per page, 4 bytes per allocation plus rounding of the
 * block up to a multiple of 8 (minimum block 8 bytes).
 */

#define PAGE_SIZE ((uint32_t)MVP_PAGE_SIZE)
#define PAGE_MASK ((uintptr_t)(MVP_PAGE_SIZE - 1))

#define HDR_OFF 8u            /* page header offset (8-aligned: it holds a pointer) */
#define FIRST_BLOCK 60u       /* offset of the first block */
#define BLOCK_HDR 4u          /* per-block header */
#define MIN_BLOCK 8u          /* header + two free-list links */
#define USED_BIT 1u
#define SIZE_MASK 0xFFF8u
#define NBINS 13u
#define MAGIC 0x4D50u         /* "MP" */
#define ARENA_END (PAGE_SIZE - 4u)              /* blocks tile FIRST_BLOCK..ARENA_END */
#define ARENA (ARENA_END - FIRST_BLOCK)          /* 65472 bytes of blocks */
#define MAX_PAYLOAD (ARENA - BLOCK_HDR)          /* 65468: one block */
#define MAX_BLOCKS (ARENA / MIN_BLOCK)

typedef struct page_hdr {
  uint16_t magic;
  uint16_t allocations;   /* live allocations */
  uint16_t used;          /* bytes in used blocks, headers included */
  uint16_t peak_used;     /* high-water mark of `used` */
  uint16_t rejected;      /* frees refused (foreign pointer, double free) */
  uint16_t binmap;        /* bit b set <=> bins[b] non-empty */
  uint16_t bins[NBINS];   /* first free block of each size class, 0: none */
} page_hdr;

/* Where an allocation a page cannot hold goes instead, while a host allows it
   (mvp_page_set_spill). Kept outside every page: a page's bytes are within
   reach of a corrupt guest heap, and a function pointer there would be a
   jump anywhere. Per thread where a host may run VMs on several threads. */
#if defined(_MSC_VER)
#define MVP_ALLOC_TLS __declspec(thread)
#elif defined(__GNUC__) && (defined(__linux__) || defined(__APPLE__))
#define MVP_ALLOC_TLS __thread
#else
#define MVP_ALLOC_TLS
#endif
static MVP_ALLOC_TLS uintptr_t spill_page;
static MVP_ALLOC_TLS void *(*spill_alloc)(size_t size);

/* C99 compile-time checks: the header must fit between HDR_OFF and
   FIRST_BLOCK, and the largest block size must fit in 16 bits. */
typedef char mvp_alloc_check_hdr[(HDR_OFF + sizeof(page_hdr) <= FIRST_BLOCK) ? 1 : -1];
typedef char mvp_alloc_check_hdr_align[(HDR_OFF % sizeof(void *) == 0) ? 1 : -1];
typedef char mvp_alloc_check_arena[(ARENA <= 0xFFFCu) ? 1 : -1];
typedef char mvp_alloc_check_page[(MVP_PAGE_SIZE == 0x10000) ? 1 : -1];

/* ---- Addressing -----------------------------------------------------------
   The page base is carried as an integer and pointers are formed only for
   offsets >= 4, so no path computes a null pointer or does arithmetic on one,
   even when the page is at address 0. */

typedef uintptr_t base_t;

static page_hdr *hdr(base_t base) {
  return (page_hdr *)(base + HDR_OFF);
}

/* Every access goes through here. The mask keeps it inside the page even if
   the bookkeeping has been overwritten (say by a buffer overrun in the
   engine): a corrupted page can then fail allocations, but the allocator
   never writes to memory outside it. */
static uint16_t *word(base_t base, uint32_t off) {
  return (uint16_t *)(base + (off & 0xFFFEu));
}

/* Block header fields, by block offset. */
static uint16_t b_sizef(base_t base, uint32_t b) { return *word(base, b); }
static uint32_t b_size(base_t base, uint32_t b) { return *word(base, b) & SIZE_MASK; }
static uint32_t b_prev(base_t base, uint32_t b) { return *word(base, b + 2); }
static void b_set(base_t base, uint32_t b, uint32_t sizef, uint32_t prev) {
  *word(base, b) = (uint16_t)sizef;
  *word(base, b + 2) = (uint16_t)prev;
}
static void b_set_prev(base_t base, uint32_t b, uint32_t prev) {
  *word(base, b + 2) = (uint16_t)prev;
}
/* Free-list links, in a free block's payload. */
static uint32_t f_next(base_t base, uint32_t b) { return *word(base, b + 4); }
static uint32_t f_prev(base_t base, uint32_t b) { return *word(base, b + 6); }
static void f_set_next(base_t base, uint32_t b, uint32_t v) { *word(base, b + 4) = (uint16_t)v; }
static void f_set_prev(base_t base, uint32_t b, uint32_t v) { *word(base, b + 6) = (uint16_t)v; }

/* Size class of a block size (>= 8): floor(log2(size)) - 3. */
static unsigned bin_of(uint32_t size) {
  unsigned b = 0;
  size >>= 4;
  while (size) {
    b++;
    size >>= 1;
  }
  return b;
}

static void list_insert(base_t base, page_hdr *h, uint32_t b) {
  unsigned bin = bin_of(b_size(base, b));
  uint32_t head = h->bins[bin];
  f_set_next(base, b, head);
  f_set_prev(base, b, 0);
  if (head) f_set_prev(base, head, b);
  h->bins[bin] = (uint16_t)b;
  h->binmap = (uint16_t)(h->binmap | (1u << bin));
}

static void list_remove(base_t base, page_hdr *h, uint32_t b) {
  unsigned bin = bin_of(b_size(base, b));
  uint32_t next = f_next(base, b);
  uint32_t prev = f_prev(base, b);
  if (prev) {
    f_set_next(base, prev, next);
  } else {
    h->bins[bin] = (uint16_t)next;
    if (!next) h->binmap = (uint16_t)(h->binmap & ~(1u << bin));
  }
  if (next) f_set_prev(base, next, prev);
}

/* Placement. Small blocks (the VM core, the stack, heap buckets) are
   packed from the bottom of the page, large ones (a whole heap copied by the
   GC, a snapshot) from the top, so the two kinds do not break up each
   other's free space. */
#define PICK_BEST 0     /* smallest block that fits, lowest on ties */
#define PICK_LOWEST 1   /* lowest block that fits */
#define PICK_HIGHEST 2  /* highest block that fits */

#ifndef MVP_ALLOC_SMALL_PICK
#define MVP_ALLOC_SMALL_PICK PICK_LOWEST
#endif
#ifndef MVP_ALLOC_LARGE_PICK
#define MVP_ALLOC_LARGE_PICK PICK_HIGHEST
#endif
#ifndef MVP_ALLOC_LARGE
#define MVP_ALLOC_LARGE (MVP_STACK_SIZE + 0x100)
#endif

/* The block to carve `need` bytes from, or 0 if none is big enough. Looks
   only at classes that can hold `need`; which block wins depends only on
   sizes and offsets, never on list order. */
static uint32_t pick(base_t base, const page_hdr *h, uint32_t need, int how) {
  uint32_t best = 0, best_size = 0;
  unsigned bin;
  for (bin = bin_of(need); bin < NBINS; bin++) {
    uint32_t b;
    uint32_t guard = MAX_BLOCKS; /* a corrupted, cyclic list still ends */
    if (!(h->binmap & (1u << bin))) continue;
    for (b = h->bins[bin]; b && guard; b = f_next(base, b), guard--) {
      uint32_t s = b_size(base, b);
      int better;
      if (s < need) continue;
      if (!best) better = 1;
      else if (how == PICK_LOWEST) better = b < best;
      else if (how == PICK_HIGHEST) better = b > best;
      else better = s < best_size || (s == best_size && b < best);
      if (better) {
        best = b;
        best_size = s;
      }
    }
    /* Every block in a higher class is bigger than any here. */
    if (best && how == PICK_BEST) break;
  }
  return best;
}

/* ---- API ------------------------------------------------------------------ */

void mvp_page_init(void *page) {
  base_t base = (base_t)page;
  page_hdr *h = hdr(base);
  unsigned i;
  h->magic = MAGIC;
  h->allocations = 0;
  h->used = 0;
  h->peak_used = 0;
  h->rejected = 0;
  h->binmap = 0;
  for (i = 0; i < NBINS; i++) h->bins[i] = 0;
  b_set(base, FIRST_BLOCK, ARENA, 0);
  list_insert(base, h, FIRST_BLOCK);
}

void *mvp_page_malloc(void *page, size_t size) {
  base_t base = (base_t)page;
  page_hdr *h = hdr(base);
  uint32_t need, b, bsize, rest, after;
  int large;

  if (h->magic != MAGIC || size > MAX_PAYLOAD) return NULL;
  need = ((uint32_t)size + BLOCK_HDR + 7u) & ~7u;
  if (need < MIN_BLOCK) need = MIN_BLOCK;

  large = need > MVP_ALLOC_LARGE;
  b = pick(base, h, need, large ? MVP_ALLOC_LARGE_PICK : MVP_ALLOC_SMALL_PICK);
  if (!b) return spill_alloc && spill_page == base ? spill_alloc(size) : NULL;

  /* The block must be sane before it is carved up; if the page has been
     overwritten, fail this allocation rather than make matters worse. */
  bsize = b_size(base, b);
  after = b + bsize;
  if ((b_sizef(base, b) & (USED_BIT | 6u)) || bsize < need || after > ARENA_END ||
      (after < ARENA_END && b_prev(base, after) != b)) {
    return NULL;
  }
  list_remove(base, h, b);
  rest = bsize - need;
  if (rest < MIN_BLOCK) {
    need = bsize; /* too small to split off: the allocation takes it all */
  } else if (!large) {
    /* Take the low end; the rest stays free above. */
    uint32_t r = b + need;
    b_set(base, r, rest, b);
    if (after < ARENA_END) b_set_prev(base, after, r);
    list_insert(base, h, r);
  } else {
    /* Take the high end; the rest stays free below. */
    uint32_t a = b + rest;
    b_set(base, b, rest, b_prev(base, b));
    list_insert(base, h, b);
    b_set(base, a, need, b);
    if (after < ARENA_END) b_set_prev(base, after, a);
    b = a;
  }
  b_set(base, b, need | USED_BIT, b_prev(base, b));

  h->allocations++;
  h->used = (uint16_t)(h->used + need);
  if (h->used > h->peak_used) h->peak_used = h->used;
  return (void *)(base + b + BLOCK_HDR);
}

/* Is `b` (an offset) the header of a live allocation in this page? Checks
   the block against both neighbours, so a foreign, interior or already
   freed pointer is refused in O(1) without touching anything. */
static int is_live_block(base_t base, uint32_t b) {
  uint32_t sizef, size, prev, end;
  if (b < FIRST_BLOCK || b > ARENA_END - MIN_BLOCK || ((b & 7u) != 4u)) return 0;
  sizef = b_sizef(base, b);
  size = sizef & SIZE_MASK;
  if (!(sizef & USED_BIT) || (sizef & 6u) || size < MIN_BLOCK) return 0;
  end = b + size;
  if (end > ARENA_END) return 0;
  if (end < ARENA_END && (end > ARENA_END - MIN_BLOCK || b_prev(base, end) != b)) return 0;
  prev = b_prev(base, b);
  if (prev == 0) return b == FIRST_BLOCK;
  if (prev < FIRST_BLOCK || prev >= b || ((prev & 7u) != 4u)) return 0;
  return prev + b_size(base, prev) == b;
}

void mvp_page_free(void *ptr) {
  uintptr_t p = (uintptr_t)ptr;
  base_t base;
  page_hdr *h;
  uint32_t b, size, next, prev;

  if (!p) return;
  base = p & ~PAGE_MASK;
  h = hdr(base);
  b = (uint32_t)(p & PAGE_MASK) - BLOCK_HDR; /* wraps (and is refused) below 4 */
  if (h->magic != MAGIC) return;
  if (!is_live_block(base, b)) {
    if (h->rejected != 0xFFFFu) h->rejected++;
    return;
  }

  size = b_size(base, b);
  h->allocations--;
  h->used = (uint16_t)(h->used - size);

  /* Merge with the right neighbour. */
  next = b + size;
  if (next < ARENA_END && !(b_sizef(base, next) & USED_BIT)) {
    list_remove(base, h, next);
    size += b_size(base, next);
  }
  /* Merge with the left neighbour. */
  prev = b_prev(base, b);
  if (prev && !(b_sizef(base, prev) & USED_BIT)) {
    list_remove(base, h, prev);
    size += b_size(base, prev);
    b = prev;
  }
  b_set(base, b, size, b_prev(base, b));
  if (b + size < ARENA_END) b_set_prev(base, b + size, b);
  list_insert(base, h, b);
}

void mvp_page_free_in(void *page, void *ptr) {
  if (page && ptr && !mvp_page_contains(page, ptr)) {
    page_hdr *h = hdr((base_t)page);
    if (h->magic == MAGIC && h->rejected != 0xFFFFu) h->rejected++;
    return;
  }
  mvp_page_free(ptr);
}

void mvp_page_set_spill(void *page, void *(*alloc)(size_t size)) {
  spill_page = alloc ? (base_t)page : 0;
  spill_alloc = alloc;
}

int mvp_page_contains(const void *page, const void *ptr) {
  uintptr_t p = (uintptr_t)ptr, b = (uintptr_t)page;
  return p >= b + FIRST_BLOCK && p < b + ARENA_END;
}

void mvp_page_get_stats(const void *page, mvp_page_stats *out) {
  base_t base = (base_t)page;
  const page_hdr *h = hdr(base);
  uint32_t largest = 0;
  int bin;
  out->capacity = 0;
  out->used = 0;
  out->free = 0;
  out->largest_free = 0;
  out->allocations = 0;
  out->peak_used = 0;
  if (h->magic != MAGIC) return;
  out->capacity = MAX_PAYLOAD;
  out->used = h->used;
  out->free = ARENA - h->used;
  out->allocations = h->allocations;
  out->peak_used = h->peak_used;
  /* The largest free block is in the highest non-empty class. */
  for (bin = (int)NBINS - 1; bin >= 0; bin--) {
    if (h->binmap & (1u << bin)) {
      uint32_t b;
      uint32_t guard = MAX_BLOCKS; /* a corrupted, cyclic list still ends */
      for (b = h->bins[bin]; b && guard; b = f_next(base, b), guard--) {
        if (b_size(base, b) > largest) largest = b_size(base, b);
      }
      break;
    }
  }
  out->largest_free = largest ? largest - BLOCK_HDR : 0;
}

/* Return codes of mvp_page_check. */
enum {
  CHECK_OK = 0,
  CHECK_MAGIC = 1,       /* not an initialised page */
  CHECK_BLOCK = 2,       /* a block header is malformed */
  CHECK_PREV = 3,        /* a block's `prev` does not name its left neighbour */
  CHECK_TILING = 4,      /* the blocks do not end exactly at the page end */
  CHECK_ADJACENT = 5,    /* two free blocks side by side (missed coalesce) */
  CHECK_COUNTS = 6,      /* used/allocations/peak disagree with the blocks */
  CHECK_LISTS = 7,       /* a free list is broken or misses a free block */
  CHECK_BINMAP = 8,      /* bitmap disagrees with the lists */
  CHECK_REJECTED = 9     /* consistent, but a bad free was refused */
};

int mvp_page_check(const void *page) {
  base_t base = (base_t)page;
  const page_hdr *h = hdr(base);
  uint32_t b = FIRST_BLOCK, prev = 0, used = 0, allocs = 0, nfree = 0, listed = 0;
  int prev_free = 0;
  unsigned bin;

  if (h->magic != MAGIC) return CHECK_MAGIC;

  /* Walk the blocks in address order. */
  while (b < ARENA_END) {
    uint32_t sizef = b_sizef(base, b);
    uint32_t size = sizef & SIZE_MASK;
    int is_free = !(sizef & USED_BIT);
    if ((sizef & 6u) || size < MIN_BLOCK || b + size > ARENA_END) return CHECK_BLOCK;
    if (b_prev(base, b) != prev) return CHECK_PREV;
    if (is_free) {
      if (prev_free) return CHECK_ADJACENT;
      nfree++;
    } else {
      used += size;
      allocs++;
    }
    prev_free = is_free;
    prev = b;
    b += size;
  }
  if (b != ARENA_END) return CHECK_TILING;
  if (used != h->used || allocs != h->allocations || h->peak_used < h->used) return CHECK_COUNTS;

  /* Every list: free blocks of its class, consistent back links, no cycle. */
  for (bin = 0; bin < NBINS; bin++) {
    uint32_t back = 0;
    uint32_t n = 0;
    if (!h->bins[bin] != !(h->binmap & (1u << bin))) return CHECK_BINMAP;
    for (b = h->bins[bin]; b; b = f_next(base, b)) {
      if (b < FIRST_BLOCK || b > ARENA_END - MIN_BLOCK || ((b & 7u) != 4u)) return CHECK_LISTS;
      if (b_sizef(base, b) & USED_BIT) return CHECK_LISTS;
      if (bin_of(b_size(base, b)) != bin || f_prev(base, b) != back) return CHECK_LISTS;
      if (++n > nfree) return CHECK_LISTS;
      back = b;
    }
    listed += n;
  }
  if (h->binmap >> NBINS) return CHECK_BINMAP;
  if (listed != nfree) return CHECK_LISTS;
  if (h->rejected) return CHECK_REJECTED;
  return CHECK_OK;
}
