"""Compiler flags shared by every target of the project (Abseil's copts pattern)."""

PS_DEFAULT_COPTS = [
    "-Wall",
    "-Wextra",
    "-Wno-unused-parameter",
    "-DSIMDJSON_EXCEPTIONS=0",
]

PS_TEST_COPTS = [
    "-Wall",
    "-Wno-unused-parameter",
    "-DSIMDJSON_EXCEPTIONS=0",
]
