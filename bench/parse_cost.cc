// parse_cost: what decoding and validating YOUR bodies costs, body by body.
//
//   ./bazelw run -c opt //bench:parse_cost -- --target AppRunner.CreateService FILE_OR_DIR...
//
// Options:
//   --target AppRunner.OPERATION  the operation whose bodies these are (required)
//   --response                    the bodies are the operation's responses (default: requests)
//   --min-time SECONDS            time per body per measurement (default 0.2), split into
//                                 5 batches; the median batch is reported
//   --json                        one JSON document on stdout instead of the table
// A directory means every regular file in it (not its subdirectories), sorted by name.
//
// Per body, three measurements, each on the same padded copy of the body, decoded in
// place (the buffer is read, never copied per call):
//   decode     StructDecoder::DecodePadded into the operation's input (output) struct
//   dv         decode + validate as a user calls it: RequestProcessor::Process(op, body,
//              capacity) for requests; DecodePadded + Validator::Validate for responses
//   ref        the straightforward simdjson On-Demand + RE2 pipeline over the same
//              tables (bench/ondemand_baseline.h; fails fast at the first problem)
// Each batch repeats the call until its share of --min-time elapses (steady_clock); the
// pipelines' batches alternate (decode, dv, ref, decode, ...) so that load from
// elsewhere hits all three alike; the median batch of each is reported.
// allocs is operator new calls per dv call, counted over 100 calls after one warm-up
// call. A body the library rejects is measured all the same (its verdict says why).
// Exit codes: 0 measured; 2 usage or I/O error (unknown --target, unreadable file).
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <benchmark/benchmark.h>

#include "api/processor.h"
#include "bench/alternatives.h"
#include "bench/bench_util.h"
#include "bench/ondemand_baseline.h"
#include "codec/decode.h"
#include "codec/table.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::bench {
namespace {

using codec::DecodeStatus;
using codec::OperationDesc;
using codec::Outcome;
using codec::RequestProcessor;
using codec::StructDecoder;
using codec::StructDesc;
using codec::ValidationReport;
using codec::Validator;
using model::kModel;

constexpr int kExitMeasured = 0;
constexpr int kExitUsage = 2;
constexpr int kBatches = 5;
constexpr int kAllocCalls = 100;
constexpr size_t kMaxVerdict = 200;

struct Args {
  std::string target;
  bool response = false;
  bool json = false;
  double min_time = 0.2;
  std::vector<std::string> paths;
};

struct Body {
  std::string name;  // as given, or DIR/FILE
  std::string bytes;
};

struct Result {
  size_t bytes = 0;
  double decode_ns = 0, dv_ns = 0, ref_ns = 0;
  double allocs = 0, ref_allocs = 0;
  bool valid = false, ref_valid = false;
  std::string verdict;
};

const char kUsage[] =
    "usage: parse_cost --target AppRunner.OPERATION [--response] [--min-time SECONDS] [--json]\n"
    "                  FILE_OR_DIR...\n"
    "Measures decode, decode+validate and the simdjson On-Demand + RE2 reference on each\n"
    "body (a directory: every regular file in it, sorted). Exit 0 measured, 2 usage or I/O.\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "parse_cost: %s\n%s", message.c_str(), kUsage);
  return kExitUsage;
}

// Control characters and a long tail made safe for one line of a terminal.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  if (out.size() > kMaxVerdict) {
    size_t cut = kMaxVerdict;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out.resize(cut);
    out += "...";
  }
  return out;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(s).str();
  return true;
}

// Reads every FILE and every regular file of every DIR (sorted); false after a message.
// Relative paths are the caller's: under `bazel run`, relative to BUILD_WORKING_DIRECTORY.
bool CollectBodies(const std::vector<std::string>& paths, std::vector<Body>* bodies) {
  namespace fs = std::filesystem;
  const char* cwd = std::getenv("BUILD_WORKING_DIRECTORY");
  for (const std::string& given : paths) {
    std::error_code ec;
    std::string p = given;
    if (cwd != nullptr && *cwd != '\0' && fs::path(given).is_relative()) p = (fs::path(cwd) / given).string();
    const size_t strip = p.size() - given.size();  // report names as the caller wrote them
    std::vector<std::string> files;
    if (fs::is_directory(p, ec)) {
      for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code ignored;
        if (it->is_regular_file(ignored)) files.push_back(it->path().string());
      }
      if (ec) {
        std::fprintf(stderr, "parse_cost: cannot list %s: %s\n", given.c_str(), ec.message().c_str());
        return false;
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(p);
    }
    for (const std::string& f : files) {
      Body body{f.substr(strip), {}};
      if (!fs::is_regular_file(f, ec) || !ReadFile(f, &body.bytes)) {
        std::fprintf(stderr, "parse_cost: cannot read %s\n", body.name.c_str());
        return false;
      }
      bodies->push_back(std::move(body));
    }
  }
  return true;
}

// ns per call of `op` over one batch: calls until `batch_seconds` elapse (in chunks
// that double, so the clock is read rarely).
template <typename Op>
double BatchNs(Op&& op, double batch_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto budget = std::chrono::duration<double>(batch_seconds);
  uint64_t calls = 0, chunk = 1;
  const auto start = Clock::now();
  std::chrono::duration<double> elapsed{};
  do {
    for (uint64_t i = 0; i < chunk; ++i) op();
    calls += chunk;
    elapsed = Clock::now() - start;
    if (elapsed < budget / 16) chunk *= 2;
  } while (elapsed < budget);
  return std::chrono::duration<double, std::nano>(elapsed).count() / static_cast<double>(calls);
}

double Median(double (&ns)[kBatches]) {
  std::sort(ns, ns + kBatches);
  return ns[kBatches / 2];
}

// operator new calls per call of `op` (after the caller's warm-up call).
template <typename Op>
double AllocsPerCall(Op&& op) {
  const uint64_t before = ThreadNewCalls();
  for (int i = 0; i < kAllocCalls; ++i) op();
  return static_cast<double>(ThreadNewCalls() - before) / kAllocCalls;
}

// Storage for the operation's input or output struct.
struct Object {
  explicit Object(const StructDesc& d)
      : desc(d), data(new std::max_align_t[d.size / sizeof(std::max_align_t) + 1]) {}
  void* get() { return data.get(); }
  const StructDesc& desc;
  std::unique_ptr<std::max_align_t[]> data;
};

class Meter {
 public:
  Meter(const OperationDesc& op, bool response, double min_time)
      : op_(op),
        response_(response),
        desc_(response ? *op.output : *op.input),
        batch_seconds_(min_time / kBatches),
        processor_(kModel),
        validator_(Validator::Default(kModel)),
        decoded_(desc_),
        referenced_(desc_),
        walker_(&patterns_) {}

  bool ok() const { return patterns_.ok(); }

  Result Measure(const std::string& bytes) {
    const simdjson::padded_string padded(bytes);
    const std::string_view body(padded.data(), padded.size());
    const size_t capacity = padded.size() + simdjson::SIMDJSON_PADDING;
    Result r;
    r.bytes = bytes.size();

    auto decode = [&] {
      DecodeStatus s = decoder_.DecodePadded(body, capacity, desc_, decoded_.get());
      benchmark::DoNotOptimize(s);
    };
    auto decode_validate = [&] {
      if (!response_) return processor_.Process(op_, body, capacity) == Outcome::kValid;
      return decoder_.DecodePadded(body, capacity, desc_, decoded_.get()).ok() &&
             validator_.Validate(desc_, decoded_.get(), &report_);
    };
    auto reference = [&] { return walker_.Run(desc_, padded, referenced_.get()); };

    // Warm-up calls, which also give the verdicts.
    decode();
    r.valid = decode_validate();
    r.verdict = Verdict(r.valid, body, capacity);
    r.ref_valid = reference();

    r.allocs = AllocsPerCall([&] { benchmark::DoNotOptimize(decode_validate()); });
    r.ref_allocs = AllocsPerCall([&] { benchmark::DoNotOptimize(reference()); });
    // The three pipelines' batches interleave, so that a machine busy with something
    // else slows them alike and the ratio holds.
    double decode_ns[kBatches], dv_ns[kBatches], ref_ns[kBatches];
    for (int b = 0; b < kBatches; ++b) {
      decode_ns[b] = BatchNs(decode, batch_seconds_);
      dv_ns[b] = BatchNs([&] { benchmark::DoNotOptimize(decode_validate()); }, batch_seconds_);
      ref_ns[b] = BatchNs([&] { benchmark::DoNotOptimize(reference()); }, batch_seconds_);
    }
    r.decode_ns = Median(decode_ns);
    r.dv_ns = Median(dv_ns);
    r.ref_ns = Median(ref_ns);
    return r;
  }

 private:
  // "valid", or why the library rejects the body, in one line (after a decode_validate):
  // the decode error, or each violation's member path and constraint (never the value:
  // the bodies may be real traffic).
  std::string Verdict(bool valid, std::string_view body, size_t capacity) {
    if (valid) return "valid";
    std::string why;
    const ValidationReport* report = nullptr;
    if (!response_) {
      why.append(processor_.error_type()).append(": ");
      if (processor_.request_data() != nullptr)
        report = &processor_.report();
      else
        why.append(processor_.message());
    } else {
      DecodeStatus s = decoder_.DecodePadded(body, capacity, desc_, decoded_.get());
      if (!s.ok()) {
        why = "cannot decode: ";
        codec::AppendDecodeErrorMessage(s, &why);
      } else {
        validator_.Validate(desc_, decoded_.get(), &report_);
        report = &report_;
      }
    }
    if (report != nullptr) {
      why += std::to_string(report->total());
      why += report->total() == 1 ? " validation error" : " validation errors";
      for (const codec::Violation& v : *report) {
        why.append("; '").append(v.path()).append("': ");
        codec::AppendViolationConstraint(v, &why);
      }
    }
    return "rejected: " + OneLine(why);
  }

  const OperationDesc& op_;
  const bool response_;
  const StructDesc& desc_;
  const double batch_seconds_;
  RequestProcessor processor_;
  StructDecoder decoder_;
  const Validator& validator_;
  ValidationReport report_;
  Object decoded_, referenced_;
  const Re2Patterns patterns_;
  OnDemandWalker walker_;
};

double MBps(size_t bytes, double ns) { return ns > 0 ? static_cast<double>(bytes) * 1e3 / ns : 0; }

// The verdict, with the reference's when it disagrees.
std::string FullVerdict(const Result& r) {
  if (r.valid == r.ref_valid) return r.verdict;
  return r.verdict + (r.ref_valid ? " [reference accepts]" : " [reference rejects]");
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out->append(buf);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

std::string Number(double v, const char* format = "%.1f") {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

struct Totals {
  size_t bytes = 0, valid = 0;
  double decode_ns = 0, dv_ns = 0, ref_ns = 0, allocs = 0;
};

void PrintJson(const Args& args, const std::vector<Body>& bodies, const std::vector<Result>& results,
               const Totals& t) {
  std::string out = "{\"target\":";
  AppendJsonString(args.target, &out);
  out += ",\"kind\":";
  out += args.response ? "\"response\"" : "\"request\"";
  out += ",\"min_time_s\":" + std::to_string(args.min_time) + ",\"batches\":" + std::to_string(kBatches);
  out += ",\"simdjson\":";
  AppendJsonString(simdjson::get_active_implementation()->name(), &out);
  out += ",\"bodies\":[";
  for (size_t i = 0; i < bodies.size(); ++i) {
    const Result& r = results[i];
    if (i > 0) out += ",";
    out += "\n{\"file\":";
    AppendJsonString(bodies[i].name, &out);
    out += ",\"bytes\":" + std::to_string(r.bytes) + ",\"decode_ns\":" + Number(r.decode_ns) +
           ",\"decode_validate_ns\":" + Number(r.dv_ns) +
           ",\"decode_validate_mb_s\":" + Number(MBps(r.bytes, r.dv_ns)) + ",\"allocs\":" + Number(r.allocs) +
           ",\"valid\":" + (r.valid ? "true" : "false") + ",\"verdict\":";
    AppendJsonString(r.verdict, &out);
    out += ",\"reference_ns\":" + Number(r.ref_ns) +
           ",\"reference_mb_s\":" + Number(MBps(r.bytes, r.ref_ns)) +
           ",\"reference_allocs\":" + Number(r.ref_allocs) +
           ",\"reference_valid\":" + (r.ref_valid ? "true" : "false") +
           ",\"ratio\":" + Number(r.ref_ns / r.dv_ns, "%.3f") + "}";
  }
  out += "],\n\"total\":{\"bodies\":" + std::to_string(bodies.size()) +
         ",\"valid\":" + std::to_string(t.valid) + ",\"bytes\":" + std::to_string(t.bytes) +
         ",\"decode_ns\":" + Number(t.decode_ns) + ",\"decode_validate_ns\":" + Number(t.dv_ns) +
         ",\"decode_validate_mb_s\":" + Number(MBps(t.bytes, t.dv_ns)) + ",\"allocs\":" + Number(t.allocs) +
         ",\"reference_ns\":" + Number(t.ref_ns) + ",\"reference_mb_s\":" + Number(MBps(t.bytes, t.ref_ns)) +
         ",\"ratio\":" + Number(t.ref_ns / t.dv_ns, "%.3f") + "}}\n";
  std::fputs(out.c_str(), stdout);
}

void PrintTable(const Args& args, const std::vector<Body>& bodies, const std::vector<Result>& results,
                const Totals& t) {
  int width = 5;
  for (const Body& b : bodies) width = std::max(width, static_cast<int>(b.name.size()));
  std::printf(
      "# %s %s, %zu bodies; ns per call, median of %d batches over %.3g s per measurement; "
      "simdjson %s\n",
      args.target.c_str(), args.response ? "responses" : "requests", bodies.size(), kBatches, args.min_time,
      simdjson::get_active_implementation()->name().c_str());
  std::printf(
      "# decode: StructDecoder; dv: %s; ref: simdjson On-Demand + RE2 (fails fast); "
      "ratio: ref / dv\n",
      args.response ? "decode + Validator::Validate" : "RequestProcessor::Process (decode + validate)");
  std::printf("%-*s %9s %11s %11s %9s %7s %11s %9s %7s  %s\n", width, "body", "bytes", "decode_ns", "dv_ns",
              "dv_MB/s", "allocs", "ref_ns", "ref_MB/s", "ratio", "verdict");
  for (size_t i = 0; i < bodies.size(); ++i) {
    const Result& r = results[i];
    std::printf("%-*s %9zu %11.1f %11.1f %9.1f %7.2g %11.1f %9.1f %6.2fx  %s\n", width,
                bodies[i].name.c_str(), r.bytes, r.decode_ns, r.dv_ns, MBps(r.bytes, r.dv_ns), r.allocs,
                r.ref_ns, MBps(r.bytes, r.ref_ns), r.ref_ns / r.dv_ns, FullVerdict(r).c_str());
  }
  std::printf("%-*s %9zu %11.1f %11.1f %9.1f %7.2g %11.1f %9.1f %6.2fx  %zu valid, %zu rejected\n", width,
              "total", t.bytes, t.decode_ns, t.dv_ns, MBps(t.bytes, t.dv_ns), t.allocs, t.ref_ns,
              MBps(t.bytes, t.ref_ns), t.ref_ns / t.dv_ns, t.valid, bodies.size() - t.valid);
  std::printf("# one pass over all %zu bodies: decode %.1f us, decode+validate %.1f us, reference %.1f us\n",
              bodies.size(), t.decode_ns / 1e3, t.dv_ns / 1e3, t.ref_ns / 1e3);
}

// Parses argv; -1 to go on, else the exit code.
int ParseArgs(int argc, char** argv, Args* args) {
  bool have_target = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const std::string& flag, std::string* out) {
      if (a == flag && i + 1 < argc) {
        *out = argv[++i];
        return true;
      }
      if (a.rfind(flag + "=", 0) == 0) {
        *out = a.substr(flag.size() + 1);
        return true;
      }
      return false;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return kExitMeasured;
    } else if (value("--target", &args->target)) {
      have_target = true;
    } else if (value("--min-time", &v)) {
      char* end = nullptr;
      args->min_time = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(args->min_time > 0) || args->min_time > 3600) {
        return UsageError("bad --min-time: " + v);
      }
    } else if (a == "--response") {
      args->response = true;
    } else if (a == "--json") {
      args->json = true;
    } else if (a == "--") {
      for (++i; i < argc; ++i) args->paths.emplace_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      return UsageError("unknown option " + a);
    } else {
      args->paths.push_back(a);
    }
  }
  if (!have_target)
    return UsageError("--target is required (" + std::string(kModel.target_prefix) + ".OPERATION)");
  if (args->paths.empty()) return UsageError("no FILE or DIR");
  return -1;
}

int Main(int argc, char** argv) {
  Args args;
  if (int rc = ParseArgs(argc, argv, &args); rc >= 0) return rc;
  const OperationDesc* op = codec::FindOperation(kModel, args.target);
  if (op == nullptr) {
    return UsageError("--target " + OneLine(args.target) + " names no operation (expected " +
                      std::string(kModel.target_prefix) + ".<Operation>, case-sensitive)");
  }
  std::vector<Body> bodies;
  if (!CollectBodies(args.paths, &bodies)) return kExitUsage;
  if (bodies.empty()) return UsageError("no bodies: the directories are empty");
#ifndef NDEBUG
  std::fputs("parse_cost: not an optimized build; measure with ./bazelw run -c opt //bench:parse_cost\n",
             stderr);
#endif

  Meter meter(*op, args.response, args.min_time);
  if (!meter.ok()) {
    std::fputs("parse_cost: the reference's RE2 programs do not compile\n", stderr);
    return kExitUsage;
  }
  const bool tty = isatty(STDERR_FILENO) == 1;
  const size_t every = 10;
  std::vector<Result> results;
  Totals t;
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (tty) {
      std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", i + 1, bodies.size(), bodies[i].name.c_str());
    } else if (bodies.size() > every && i % every == 0) {
      std::fprintf(stderr, "parse_cost: [%zu/%zu] %s\n", i + 1, bodies.size(), bodies[i].name.c_str());
    }
    std::fflush(stderr);
    results.push_back(meter.Measure(bodies[i].bytes));
    const Result& r = results.back();
    t.bytes += r.bytes;
    t.valid += r.valid;
    t.decode_ns += r.decode_ns;
    t.dv_ns += r.dv_ns;
    t.ref_ns += r.ref_ns;
    t.allocs += r.allocs;
  }
  if (tty) std::fputs("\r\033[K", stderr);
  if (args.json)
    PrintJson(args, bodies, results, t);
  else
    PrintTable(args, bodies, results, t);
  return kExitMeasured;
}

}  // namespace
}  // namespace apprunner::bench

int main(int argc, char** argv) { return apprunner::bench::Main(argc, argv); }
