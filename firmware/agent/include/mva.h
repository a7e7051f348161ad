/*
 * mva.h: the agent. A board's main() calls mva_main(), which never returns.
 * The wire protocol is specified in firmware/PROTOCOL.md.
 */
#ifndef MVA_H
#define MVA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MVA_PROTOCOL_VERSION 1

/* Longest line the agent accepts from the host, without the line end. */
#ifndef MVA_LINE_MAX
#define MVA_LINE_MAX 1100
#endif
/* Largest snapshot the agent can hold (the receive buffer). */
#ifndef MVA_IMAGE_MAX
#define MVA_IMAGE_MAX 16384
#endif
/* Raw bytes per CHUNK line the host should send (base64: 4/3 of it). */
#define MVA_CHUNK_BYTES 512
/* Raw bytes per SDATA line the agent sends. */
#define MVA_SDATA_BYTES 384
/* Instructions a call may run when the scenario sets no gas limit. */
#ifndef MVA_DEFAULT_GAS
#define MVA_DEFAULT_GAS 20000000
#endif
/* Engine package version, given by the build (the pinned npm package). */
#ifndef MVA_ENGINE_VERSION
#define MVA_ENGINE_VERSION "8.0.0"
#endif

void mva_main(void);

/* CRC-16/CCITT-FALSE, continued from `crc` (start with 0xFFFF). */
uint16_t mva_crc16_update(uint16_t crc, const void *data, size_t size);
/* CRC-32 (IEEE), continued from `crc` (start with 0, the final value is the CRC). */
uint32_t mva_crc32_update(uint32_t crc, const void *data, size_t size);

#ifdef __cplusplus
}
#endif

#endif
