/*
 * mvp_crc.c: CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF,
 * no reflection, no final XOR), the checksum in Microvium's bytecode header.
 * Check value: "123456789" gives 0x29B1.
 *
 * Processes a nibble at a time with a 16-entry table (32 bytes of flash):
 * a fair trade between the bitwise loop (8 steps a byte) and the usual
 * 512-byte table, for microcontrollers.
 */
#include "mvp.h"

/* crc_nibble[n] = n * x^16 mod P(x), i.e. the CRC register update for a
   top nibble n shifted out. */
static const uint16_t crc_nibble[16] = {
  0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50A5, 0x60C6, 0x70E7,
  0x8108, 0x9129, 0xA14A, 0xB16B, 0xC18C, 0xD1AD, 0xE1CE, 0xF1EF,
};

uint16_t mvp_crc16_ccitt(const void *data, size_t size) {
  const uint8_t *p = (const uint8_t *)data;
  uint16_t crc = 0xFFFF;
  while (size--) {
    unsigned byte = *p++;
    crc = (uint16_t)((crc << 4) ^ crc_nibble[((crc >> 12) ^ (byte >> 4)) & 0xF]);
    crc = (uint16_t)((crc << 4) ^ crc_nibble[((crc >> 12) ^ byte) & 0xF]);
  }
  return crc;
}
