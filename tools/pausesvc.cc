// pausesvc: the command-line face of apprunner-codec.
//
//   pausesvc validate-request [--reject-unknown] [--pattern-semantics=full|search] [FILE|-]
//
// See Usage() for the contract (exit codes, outputs).
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "api/pause_service.h"
#include "codec/encode.h"

namespace {

using namespace apprunner::pause_service;

constexpr int kExitValid = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

const char kUsage[] =
    "usage: pausesvc COMMAND [OPTIONS] [FILE|-]\n"
    "\n"
    "Commands:\n"
    "  validate-request   Decode and validate a PauseService request body (awsJson1_0).\n"
    "\n"
    "validate-request options:\n"
    "  --reject-unknown                 reject members the model does not define\n"
    "                                   (default: ignore them, after checking their syntax)\n"
    "  --pattern-semantics=full|search  full (default): a pattern must match the whole\n"
    "                                   value, as AWS services do; search: anywhere in it,\n"
    "                                   as the Smithy spec words it\n"
    "  --max-body-bytes=N               largest accepted body (default 1048576)\n"
    "  --max-depth=N                    deepest accepted nesting (default 64, at most 1024)\n"
    "\n"
    "Input: FILE, or standard input when FILE is '-' or absent. Under `bazel run`, a\n"
    "relative FILE is resolved against the directory bazel was started from\n"
    "(BUILD_WORKING_DIRECTORY).\n"
    "\n"
    "Output and exit status:\n"
    "  0  valid: the request re-encoded as compact canonical JSON, one line on stdout\n"
    "  1  rejected: the awsJson1_0 error body, one line on stdout, e.g.\n"
    "     {\"__type\":\"InvalidRequestException\",\"Message\":\"1 validation error detected: ...\"}\n"
    "     (SerializationException when the body cannot be decoded; both are HTTP 400),\n"
    "     and a human-readable reason on stderr\n"
    "  2  usage or I/O error\n";

int UsageError(const std::string& message) {
  std::cerr << "pausesvc: " << message << "\n" << kUsage;
  return kExitUsage;
}

bool ReadAll(std::FILE* f, std::string* out) {
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return !std::ferror(f);
}

// Reads FILE (or stdin for "-"); relative paths are taken from BUILD_WORKING_DIRECTORY
// when bazel run set it.
bool ReadInput(const std::string& file, std::string* out, std::string* error) {
  if (file == "-") {
    if (!ReadAll(stdin, out)) { *error = "cannot read standard input"; return false; }
    return true;
  }
  std::string path = file;
  const char* wd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (wd != nullptr && *wd != '\0' && !path.empty() && path[0] != '/') path = std::string(wd) + "/" + path;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) { *error = "cannot open " + path + ": " + std::strerror(errno); return false; }
  bool ok = ReadAll(f, out);
  std::fclose(f);
  if (!ok) { *error = "cannot read " + path; return false; }
  return true;
}

bool ParseSize(std::string_view text, size_t* out) {
  if (text.empty() || text.size() > 12) return false;
  size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

int ValidateRequest(const std::vector<std::string>& args) {
  DecodeOptions decode;
  ValidateOptions validate;
  std::string file = "-";
  bool have_file = false;
  for (const std::string& a : args) {
    size_t n;
    if (a == "--reject-unknown") {
      decode.reject_unknown_members = true;
    } else if (a == "--pattern-semantics=full") {
      validate.pattern_semantics = PatternSemantics::kFullMatch;
    } else if (a == "--pattern-semantics=search") {
      validate.pattern_semantics = PatternSemantics::kSearch;
    } else if (a.rfind("--max-body-bytes=", 0) == 0) {
      if (!ParseSize(std::string_view(a).substr(17), &n) || n == 0 || n > kMaxBodyBytesLimit) {
        return UsageError("bad --max-body-bytes: " + a);
      }
      decode.max_body_bytes = n;
    } else if (a.rfind("--max-depth=", 0) == 0) {
      if (!ParseSize(std::string_view(a).substr(12), &n) || n == 0 || n > kMaxDepthLimit) {
        return UsageError("bad --max-depth: " + a);
      }
      decode.max_depth = static_cast<uint32_t>(n);
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kExitValid;
    } else if (a.size() > 1 && a[0] == '-' ) {
      return UsageError("unknown option " + a);
    } else {
      if (have_file) return UsageError("more than one FILE");
      file = a;
      have_file = true;
    }
  }
  std::string body, error;
  if (!ReadInput(file, &body, &error)) {
    std::cerr << "pausesvc: " << error << "\n";
    return kExitUsage;
  }
  Validator validator(validate);
  PauseServiceRequestProcessor processor(decode, validator);
  if (processor.Process(body) == Outcome::kValid) {
    std::string out;
    EncodeJson(processor.request(), &out);
    std::cout << out << "\n";
    return kExitValid;
  }
  std::cout << processor.error_body() << "\n";
  std::cerr << "pausesvc: rejected (HTTP " << processor.http_status() << " "
            << processor.error_type() << "): " << processor.message() << "\n";
  return kExitRejected;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return UsageError("missing COMMAND");
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return kExitValid;
  }
  if (command == "validate-request") return ValidateRequest(args);
  return UsageError("unknown command " + command);
}
