// Shared plumbing of the benchmark binaries (//bench:request_bench,
// //bench:response_bench): heap allocation counting, per-benchmark counters, and the
// context lines every run prints.
//
//   void BM_X(benchmark::State& state) {
//     ...  // check the result once, warm up
//     AllocCounter allocs;             // right before the timed loop
//     for (auto _ : state) { ... }
//     allocs.Report(state);            // allocs_per_op
//     SetBytes(state, body.size());    // bytes_per_second
//   }
//   int main(int argc, char** argv) { return RunBenchmarks(argc, argv); }
//
// Linking this library replaces every global operator new of the binary (plain,
// array, nothrow, aligned) with one that counts its calls per thread; the shared
// libraries (simdjson, RE2, Boost.JSON, libstdc++) bind to those definitions too, so
// their allocations count. malloc called directly is not counted: the benchmarks route
// RapidJSON's allocators through operator new for that reason (bench/alternatives.h).
#ifndef APPRUNNER_BENCH_BENCH_UTIL_H_
#define APPRUNNER_BENCH_BENCH_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

namespace apprunner::bench {

// Calls of any global operator new made by the calling thread so far.
uint64_t ThreadNewCalls();

// Counts the calling thread's operator new calls from construction to Report(), and
// reports them as the counter allocs_per_op (divided by the iterations; with
// ->Threads(n) each thread reports its own, and the sum is divided by the total).
class AllocCounter {
 public:
  AllocCounter() : start_(ThreadNewCalls()) {}

  void Report(benchmark::State& state) const;

 private:
  uint64_t start_;
};

// bytes_per_second over `bytes_per_op` bytes per iteration.
void SetBytes(benchmark::State& state, size_t bytes_per_op);

// examples/operations/<op>.<kind>.json ("request" or "response"), read from the
// workspace root (bench/report) or the runfiles tree (bazel run); "" (and a message on
// stderr) when missing.
std::string ReadSample(std::string_view op, std::string_view kind);

// Initializes Google Benchmark, adds the context lines (simdjson's implementation and
// version, the build), runs the benchmarks the flags select and returns main's exit code.
int RunBenchmarks(int argc, char** argv);

}  // namespace apprunner::bench

#endif  // APPRUNNER_BENCH_BENCH_UTIL_H_
