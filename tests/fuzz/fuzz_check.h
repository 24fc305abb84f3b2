// Invariant checks for fuzz targets: a violated invariant is a finding, so it aborts
// (libFuzzer and the corpus replay test both report an abort as a failure).
#ifndef APPRUNNER_TESTS_FUZZ_FUZZ_CHECK_H_
#define APPRUNNER_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)

#endif  // APPRUNNER_TESTS_FUZZ_FUZZ_CHECK_H_
