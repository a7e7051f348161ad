{
  # The addon: the shared glue (runtime-core/c), the port layer, the pinned
  # engine and this package's c/ (regions, fatal-error unwinding, Node-API).
  # Sources are listed by scripts/gyp-sources.cjs (nothing is copied in the
  # monorepo; a packed tarball builds from its dist/csrc copy).
  "targets": [
    {
      "target_name": "mvn",
      "sources": ["<!@(node scripts/gyp-sources.cjs sources)"],
      "include_dirs": ["<!@(node scripts/gyp-sources.cjs includes)"],
      "defines": ["NAPI_VERSION=8", "MVR_NATIVE=1"],
      "cflags!": ["-O3", "-fno-omit-frame-pointer"],
      "cflags_c": ["-std=gnu11", "-O2", "-ffp-contract=off", "-fvisibility=hidden", "-fno-semantic-interposition", "-Wall", "-Wno-unused-parameter"],
      "xcode_settings": {
        "OTHER_CFLAGS": ["-std=gnu11", "-O2", "-ffp-contract=off", "-fvisibility=hidden"],
        "GCC_OPTIMIZATION_LEVEL": "2"
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "AdditionalOptions": ["/fp:precise", "/O2"] }
      }
    }
  ]
}
