// Linear time: bodies of the same shape at 1 KB, 100 KB and 1 MB; the best of several
// runs of each. The time per byte at 1 MB must be at most 4.5x the time per byte at
// 100 KB: linear is 1x (measured 0.9-2.4 on a loaded 2-core machine), a quadratic
// algorithm ~10x (measured 8-17 under load), n log n ~1.2x. No
// absolute time is asserted. A deliberately quadratic function measured by the same
// harness must fail the same bound (guards the harness).
//
// Shapes: many unknown members, one long unknown string, one long modelled string
// through the processor (decode + RE2 validation + error message), a long string of
// escapes, many map entries (sorted for duplicates), the lenient map-as-list form,
// and three rejections found at the very end of the body (control character, invalid
// UTF-8, unterminated string: the error path re-scans the body).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"

namespace apprunner::pause_service {
namespace {

// Between what linear code measures under load and what quadratic code measures.
constexpr double kMaxPerByteRatio = 4.5;

constexpr char kArn[] =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";

// Best (smallest) seconds of `op` over `runs` runs, each run repeating it `inner` times.
double BestOf(int runs, int inner, const std::function<void()>& op) {
  double best = 1e30;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < inner; ++i) op();
    std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
    best = std::min(best, dt.count() / inner);
  }
  return best;
}

std::string Fit(std::string head, const std::string& unit, const std::string& tail, size_t size) {
  std::string body = std::move(head);
  while (body.size() + unit.size() + tail.size() <= size) body += unit;
  body += std::string(size - body.size() - tail.size(), ' ');
  return body + tail;
}

std::string ManyUnknownMembers(size_t size) {
  std::string body = "{";
  std::string tail = std::string("\"ServiceArn\":\"") + kArn + "\"}";
  for (size_t i = 0; body.size() + 16 + tail.size() <= size; ++i)
    body += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  body += std::string(size - body.size() - tail.size(), ' ');
  return body + tail;
}

std::string LongUnknownString(size_t size) {
  std::string head = std::string("{\"ServiceArn\":\"") + kArn + "\",\"u\":\"";
  return head + std::string(size - head.size() - 2, 'x') + "\"}";
}

std::string LongArn(size_t size) {
  std::string head = "{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:123456789012:service/";
  return head + std::string(size - head.size() - 2, 'a') + "\"}";
}

std::string Escapes(size_t size) { return Fit("{\"ServiceArn\":\"", "\\u00e9", "\"}", size); }

const char kMapHead[] =
    R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":)";

std::string MapEntries(size_t size, bool as_list) {
  std::string close = as_list ? "{\"z\":\"\"}]}}}}}" : "\"z\":\"\"}}}}}}";
  std::string body = std::string(kMapHead) + (as_list ? "[" : "{");
  for (size_t i = 0;; ++i) {
    std::string entry =
        as_list ? "{\"k" + std::to_string(i) + "\":\"v\"}," : "\"k" + std::to_string(i) + "\":\"v\",";
    if (body.size() + entry.size() + close.size() > size) break;
    body += entry;
  }
  body += std::string(size - body.size() - close.size(), ' ');
  return body + close;
}

std::string ControlCharAtTheEnd(size_t size) {
  std::string s = LongUnknownString(size);
  s[s.size() - 3] = '\x01';
  return s;
}
std::string InvalidUtf8AtTheEnd(size_t size) {
  std::string s = LongUnknownString(size);
  s[s.size() - 3] = '\xFF';
  return s;
}
std::string UnterminatedAtTheEnd(size_t size) {
  std::string s = LongUnknownString(size);
  s[s.size() - 3] = '"';
  s[s.size() - 2] = ',';
  s[s.size() - 1] = '"';
  return s;
}

enum class Run { kRequest, kResponse, kLenientResponse, kProcessor };

struct Shape {
  const char* name;
  std::string (*make)(size_t);
  Run run;
  CodecError code;  // expected result of the decode
  // Size of the smallest body (1 KB unless set): the three sizes must take the same
  // path for their per-byte costs to compare.
  size_t small = 1000;
};

const Shape kShapes[] = {
    {"many_unknown_members", ManyUnknownMembers, Run::kRequest, CodecError::kOk},
    {"one_long_unknown_string", LongUnknownString, Run::kRequest, CodecError::kOk},
    // 2 KB at the small end: a 1 KB body's ARN is within the 1,011-code-point limit and
    // matched by the generated DFA, a longer one fails the length and its pattern goes
    // to RE2's exact form, a different (slower per byte) algorithm.
    {"long_arn_through_processor", LongArn, Run::kProcessor, CodecError::kOk, 2000},
    {"long_string_of_escapes", Escapes, Run::kRequest, CodecError::kOk},
    {"many_map_entries", [](size_t n) { return MapEntries(n, false); }, Run::kResponse, CodecError::kOk},
    {"many_map_list_entries", [](size_t n) { return MapEntries(n, true); }, Run::kLenientResponse,
     CodecError::kOk},
    {"control_char_at_the_end", ControlCharAtTheEnd, Run::kProcessor, CodecError::kMalformedJson},
    {"invalid_utf8_at_the_end", InvalidUtf8AtTheEnd, Run::kRequest, CodecError::kInvalidUtf8},
    {"unterminated_string_at_the_end", UnterminatedAtTheEnd, Run::kRequest, CodecError::kMalformedJson},
};

// Seconds per decode of `body` (the best of several runs).
double TimeOf(const Shape& shape, const std::string& body) {
  DecodeOptions lenient;
  lenient.lenient = true;
  PauseServiceRequestDecoder rq;
  PauseServiceResponseDecoder rs(shape.run == Run::kLenientResponse ? lenient : DecodeOptions{});
  PauseServiceRequestProcessor proc;
  PauseServiceRequest req;
  PauseServiceResponse resp;
  std::function<CodecError()> once = [&] {
    switch (shape.run) {
      case Run::kRequest: return rq.Decode(body, &req).code;
      case Run::kResponse:
      case Run::kLenientResponse: return rs.Decode(body, &resp).code;
      case Run::kProcessor: proc.Process(body); return proc.decode_status().code;
    }
    return CodecError::kOk;
  };
  EXPECT_EQ(CodecErrorName(once()), CodecErrorName(shape.code)) << shape.name << " at " << body.size();
  // About the same total work per size: many repetitions of the small bodies.
  int inner = body.size() <= 2000 ? 200 : body.size() <= 200000 ? 4 : 1;
  int runs = body.size() <= 200000 ? 15 : 7;
  return BestOf(runs, inner, [&] { (void)once(); });
}

class LinearTime : public ::testing::TestWithParam<Shape> {};

TEST_P(LinearTime, PerByteCostDoesNotGrowWithSize) {
  const Shape& shape = GetParam();
  const size_t sizes[] = {shape.small, 100000, 1000000};
  double per_byte[3];
  for (int i = 0; i < 3; ++i) {
    std::string body = shape.make(sizes[i]);
    ASSERT_EQ(body.size(), sizes[i]);
    per_byte[i] = TimeOf(shape, body) / static_cast<double>(sizes[i]);
  }
  double ratio = per_byte[2] / per_byte[1];
  char line[240];
  std::snprintf(
      line, sizeof line,
      "%-32s ns/byte: %zuB %.3f, 100KB %.3f, 1MB %.3f; 1MB/100KB per-byte ratio %.2f (small/100KB %.2f)",
      shape.name, sizes[0], per_byte[0] * 1e9, per_byte[1] * 1e9, per_byte[2] * 1e9, ratio,
      per_byte[0] / per_byte[1]);
  std::cout << "[ TIME ] " << line << std::endl;
  RecordProperty("ratio_1MB_to_100KB_per_byte", std::to_string(ratio));
  EXPECT_LE(ratio, kMaxPerByteRatio) << "time per byte grows with the size: superlinear";
  // 1 KB to 100 KB as well (fixed costs make 1 KB dearer per byte, so this can only
  // catch growth: a quadratic step would be ~100x here).
  EXPECT_LE(per_byte[1] / per_byte[0], kMaxPerByteRatio) << "superlinear from the small body to 100 KB";
}

INSTANTIATE_TEST_SUITE_P(Shapes, LinearTime, ::testing::ValuesIn(kShapes),
                         [](const auto& info) { return std::string(info.param.name); });

// The harness must catch a quadratic algorithm: a naive duplicate search (each key
// compared with all before it) over the same kind of ratio (10x more data).
TEST(LinearTimeHarness, CatchesAQuadraticAlgorithm) {
  auto quadratic = [](size_t n, int runs) {
    std::vector<uint32_t> keys(n);
    for (size_t i = 0; i < n; ++i) keys[i] = static_cast<uint32_t>(i * 2654435761u);
    volatile size_t dups = 0;
    return BestOf(runs, 1,
                  [&] {
                    size_t d = 0;
                    for (size_t i = 1; i < n; ++i) {
                      for (size_t j = 0; j < i; ++j) d += keys[i] == keys[j];
                    }
                    dups = d;
                  }) /
           static_cast<double>(n);
  };
  double ratio = quadratic(20000, 3) / quadratic(2000, 15);
  std::cout << "[ TIME ] quadratic control: per-item ratio at 10x the size " << ratio << std::endl;
  EXPECT_GT(ratio, kMaxPerByteRatio);
}

}  // namespace
}  // namespace apprunner::pause_service
