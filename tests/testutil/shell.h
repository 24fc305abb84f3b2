// Test helpers for tests that drive outside programs (python3 with botocore, node):
// running a shell command, quoting, finding runfiles and the test's scratch directory,
// and RFC 4648 base64 for the JSON lines those programs exchange with the test.
#ifndef APPRUNNER_TESTS_TESTUTIL_SHELL_H_
#define APPRUNNER_TESTS_TESTUTIL_SHELL_H_

#include <sys/wait.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

namespace apprunner::testutil {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

// Runs `command` with /bin/sh; its stdout and stderr together.
inline CommandResult RunShell(const std::string& command) {
  CommandResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) {
    r.output = std::string("popen failed: ") + std::strerror(errno);
    return r;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = (status != -1 && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

inline bool FileExists(const std::string& path) { return std::ifstream(path).good(); }

// A runfile: Bazel runs tests in the main repository's runfiles tree; else
// $TEST_SRCDIR/$TEST_WORKSPACE/path. Empty when neither exists.
inline std::string Runfile(const std::string& path) {
  if (FileExists(path)) return path;
  std::string alt = Env("TEST_SRCDIR") + "/" + Env("TEST_WORKSPACE") + "/" + path;
  if (FileExists(alt)) return alt;
  return "";
}

inline std::string TmpDir() {
  std::string dir = Env("TEST_TMPDIR");
  return dir.empty() ? "/tmp" : dir;
}

// Strict RFC 4648 base64 (with padding, no whitespace).
inline bool Base64Decode(std::string_view in, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out->clear();
  if (in.size() % 4 != 0) return false;
  for (size_t i = 0; i < in.size(); i += 4) {
    bool last = i + 4 == in.size();
    int pad = 0;
    if (last && in[i + 3] == '=') pad = (in[i + 2] == '=') ? 2 : 1;
    int v[4];
    for (int k = 0; k < 4 - pad; ++k) {
      v[k] = value(in[i + k]);
      if (v[k] < 0) return false;
    }
    uint32_t bits = (uint32_t(v[0]) << 18) | (uint32_t(v[1]) << 12);
    if (pad < 2) bits |= uint32_t(v[2]) << 6;
    if (pad < 1) bits |= uint32_t(v[3]);
    out->push_back(char(bits >> 16));
    if (pad < 2) out->push_back(char((bits >> 8) & 0xff));
    if (pad < 1) out->push_back(char(bits & 0xff));
  }
  return true;
}

inline std::string Base64Encode(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t b = uint32_t(static_cast<unsigned char>(in[i])) << 16;
    if (i + 1 < in.size()) b |= uint32_t(static_cast<unsigned char>(in[i + 1])) << 8;
    if (i + 2 < in.size()) b |= uint32_t(static_cast<unsigned char>(in[i + 2]));
    out.push_back(kAlphabet[(b >> 18) & 63]);
    out.push_back(kAlphabet[(b >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kAlphabet[(b >> 6) & 63] : '=');
    out.push_back(i + 2 < in.size() ? kAlphabet[b & 63] : '=');
  }
  return out;
}

}  // namespace apprunner::testutil

#endif  // APPRUNNER_TESTS_TESTUTIL_SHELL_H_
