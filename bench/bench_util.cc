#include "bench/bench_util.h"

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>

// ---------------------------------------------------------------------------------
// Heap allocation counting: every replaceable global operator new counts one call in a
// thread-local counter (no shared cache line between benchmark threads); the deletes
// only free. The counter is a zero-initialized thread_local of a trivial type, so
// reading it never allocates.
// ---------------------------------------------------------------------------------
namespace {

thread_local uint64_t t_new_calls = 0;

void* CountedMalloc(std::size_t size) noexcept {
  ++t_new_calls;
  return std::malloc(size == 0 ? 1 : size);
}

void* CountedAlignedMalloc(std::size_t size, std::align_val_t align) noexcept {
  ++t_new_calls;
  std::size_t alignment = static_cast<std::size_t>(align);
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  void* p = nullptr;
  return posix_memalign(&p, alignment, size == 0 ? 1 : size) == 0 ? p : nullptr;
}

void* OrThrow(void* p) {
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(std::size_t size) { return OrThrow(CountedMalloc(size)); }
void* operator new[](std::size_t size) { return OrThrow(CountedMalloc(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return CountedMalloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return CountedMalloc(size); }
void* operator new(std::size_t size, std::align_val_t align) {
  return OrThrow(CountedAlignedMalloc(size, align));
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return OrThrow(CountedAlignedMalloc(size, align));
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return CountedAlignedMalloc(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return CountedAlignedMalloc(size, align);
}

// GCC inlines these frees into callers that got their pointer from the operator new
// above and, not knowing the pair belongs together, warns; malloc/posix_memalign
// memory is meant to be released with free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace apprunner::bench {

uint64_t ThreadNewCalls() { return t_new_calls; }

void AllocCounter::Report(benchmark::State& state) const {
  const uint64_t allocs = ThreadNewCalls() - start_;
  state.counters["allocs_per_op"] =
      benchmark::Counter(static_cast<double>(allocs), benchmark::Counter::kAvgIterations);
}

void SetBytes(benchmark::State& state, size_t bytes_per_op) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes_per_op));
}

#define PS_BENCH_STRINGIFY_INNER(x) #x
#define PS_BENCH_STRINGIFY(x) PS_BENCH_STRINGIFY_INNER(x)

int RunBenchmarks(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Stage 1 (structural indexing) runs the implementation picked at run time for this
  // CPU; the On-Demand stage 2 inlined into our code runs the one the translation
  // units were compiled for (every target shares the same copts).
  benchmark::AddCustomContext("simdjson_active", simdjson::get_active_implementation()->name());
#ifdef SIMDJSON_BUILTIN_IMPLEMENTATION
  benchmark::AddCustomContext("simdjson_builtin", PS_BENCH_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
#endif
  benchmark::AddCustomContext("simdjson_version", PS_BENCH_STRINGIFY(SIMDJSON_VERSION));
  std::string build;
#ifdef NDEBUG
  build = "NDEBUG";
#else
  build = "assertions on (not -c opt?)";
#endif
#ifdef __AVX2__
  build += ", AVX2 (--config=simd)";
#else
  build += ", no AVX2 (default -march)";
#endif
  benchmark::AddCustomContext("build", build);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

std::string ReadSample(std::string_view op, std::string_view kind) {
  const std::string name = "examples/operations/" + std::string(op) + "." + std::string(kind) + ".json";
  for (const std::string& path : {name, std::string("../apprunner_codec/") + name}) {
    std::ifstream f(path, std::ios::binary);
    if (!f) continue;
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  std::fprintf(stderr, "cannot read %s (run from the workspace root)\n", name.c_str());
  return "";
}

}  // namespace apprunner::bench
