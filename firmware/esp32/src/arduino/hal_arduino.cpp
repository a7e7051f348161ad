/*
 * ESP32 / ESP32-C3 boards with the Arduino framework (lab only: PlatformIO
 * downloads the pinned espressif32 platform). The UART is `Serial` (UART0 on
 * the USB bridge for esp32dev; the C3's USB-CDC or UART0, see platformio.ini).
 */
#include <Arduino.h>
#include <esp_system.h>
#include <esp_task_wdt.h>

extern "C" {
#include "mva.h"
#include "mva_hal.h"
}

#ifndef MVA_BOARD_KIND
#define MVA_BOARD_KIND "esp32"
#endif
#ifndef MVA_BOARD_CPU
#define MVA_BOARD_CPU "xtensa-lx6"
#endif
#define BAUD 115200

static mva_board_info info = {MVA_BOARD_KIND, MVA_BOARD_CPU, 1000000u, BAUD};

extern "C" void hal_init(void) {
  Serial.setRxBufferSize(2048);
  Serial.begin(BAUD);
  while (!Serial) {
  }
}

extern "C" const mva_board_info *hal_board_info(void) { return &info; }
extern "C" void hal_putc(uint8_t c) { Serial.write(c); }
extern "C" void hal_flush(void) { Serial.flush(); }

extern "C" int hal_getc(uint32_t timeout_ms) {
  uint32_t start = millis();
  while (!Serial.available()) {
    if (millis() - start >= timeout_ms) return -1;
    delay(0);
  }
  return Serial.read();
}

extern "C" uint32_t hal_cycles(void) { return (uint32_t)micros(); }
extern "C" uint32_t hal_millis(void) { return millis(); }

extern "C" void hal_unique_id(char *out, size_t size) {
  uint64_t mac = ESP.getEfuseMac();
  snprintf(out, size, "%012llx", (unsigned long long)mac);
}

extern "C" void hal_reset(void) {
  Serial.flush();
  esp_restart();
}
extern "C" void hal_exit(int status) {
  (void)status;
  hal_reset();
}

extern "C" void hal_watchdog_kick(void) {
  static bool started;
  if (!started) {
    esp_task_wdt_init(30, true); /* seconds, panic (reset) on expiry */
    esp_task_wdt_add(NULL);
    started = true;
  }
  esp_task_wdt_reset();
}

void setup() { mva_main(); }
void loop() {}
