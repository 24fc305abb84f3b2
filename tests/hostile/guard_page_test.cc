// Guard pages: inputs placed so that they end exactly where a PROT_NONE page begins, so
// that reading one byte too many crashes the test (in the default build as well as
// under ASan, which does not see overreads of mmap'd memory by itself).
//
// (a) Decode, the copying API, may read json.size() bytes of the caller's buffer and no
//     more: the input ends at the guard page.
// (b) DecodePadded may read the documented SIMDJSON_PADDING bytes after the input and no
//     more: input + padding end at the guard page. The padding is filled with bytes that
//     would change the result if read as content; acceptance must not depend on them, and
//     for the neutral ones neither may the class or the offset (for '}' and ']' it
//     currently does: see hostile_test's PaddingContent rows).
// The same inputs are also placed right after a guard page (no read before the start).
// Inputs: the example request, response and CLI response and every prefix of each; the
// sample request and response of every operation of the service (examples/operations,
// decoded through the operation's tables) and every prefix of each; hostile tails (a string, an escape, a
// number, a literal, a key, a UTF-8 sequence cut at the guard page); a long string running up to the guard
// page; empty input.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "tests/fuzz/model_util.h"
#include "tests/testutil/files.h"

namespace apprunner::pause_service {
namespace {

constexpr size_t kPad = simdjson::SIMDJSON_PADDING;

// [guard page][data pages][guard page]
class GuardedRegion {
 public:
  explicit GuardedRegion(size_t data_bytes) {
    page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    data_pages_ = (data_bytes + page_ - 1) / page_ + 1;
    size_ = (data_pages_ + 2) * page_;
    void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
      base_ = nullptr;
      return;
    }
    base_ = static_cast<char*>(p);
    ok_ = mprotect(base_, page_, PROT_NONE) == 0 &&
          mprotect(base_ + (data_pages_ + 1) * page_, page_, PROT_NONE) == 0;
  }
  ~GuardedRegion() {
    if (base_ != nullptr) munmap(base_, size_);
  }
  GuardedRegion(const GuardedRegion&) = delete;
  GuardedRegion& operator=(const GuardedRegion&) = delete;

  bool ok() const { return base_ != nullptr && ok_; }
  char* begin() const { return base_ + page_; }                    // first readable byte
  char* end() const { return base_ + (data_pages_ + 1) * page_; }  // first guarded byte
  size_t capacity() const { return data_pages_ * page_; }

  // `s` ending exactly at the back guard page.
  std::string_view AtEnd(std::string_view s) const {
    char* at = end() - s.size();
    if (!s.empty()) std::memcpy(at, s.data(), s.size());
    return std::string_view(at, s.size());
  }
  // `s` starting exactly after the front guard page.
  std::string_view AtStart(std::string_view s) const {
    if (!s.empty()) std::memcpy(begin(), s.data(), s.size());
    return std::string_view(begin(), s.size());
  }
  // `s` followed by kPad bytes of `fill`, the padding ending at the back guard page.
  std::string_view PaddedAtEnd(std::string_view s, char fill) const {
    char* at = end() - kPad - s.size();
    if (!s.empty()) std::memcpy(at, s.data(), s.size());
    std::memset(at + s.size(), fill, kPad);
    return std::string_view(at, s.size());
  }

 private:
  char* base_ = nullptr;
  bool ok_ = false;
  size_t page_ = 0;
  size_t data_pages_ = 0;
  size_t size_ = 0;
};

using testutil::ReadFile;

constexpr char kNeutralFills[] = {'\0', '"', '\\', '\xFF', '1', ' ', ',', ':', '{', '[', 'x'};
constexpr char kClosingFills[] = {'}', ']'};

std::string Describe(const DecodeStatus& s) {
  return std::string(CodecErrorName(s.code)) + "@" + std::to_string(s.offset);
}

// Decodes `input` every way against the guard pages; returns the copying API's status.
template <typename T>
DecodeStatus DecodeEveryWay(const GuardedRegion& region, Decoder<T>& decoder, std::string_view input) {
  T out;
  DecodeStatus at_end = decoder.Decode(region.AtEnd(input), &out);
  DecodeStatus at_start = decoder.Decode(region.AtStart(input), &out);
  EXPECT_EQ(Describe(at_start), Describe(at_end)) << "placement changed the result";
  for (char fill : kNeutralFills) {
    std::string_view v = region.PaddedAtEnd(input, fill);
    DecodeStatus p = decoder.DecodePadded(v, input.size() + kPad, &out);
    EXPECT_EQ(Describe(p), Describe(at_end))
        << "DecodePadded with padding 0x" << std::hex << static_cast<int>(static_cast<unsigned char>(fill));
  }
  for (char fill : kClosingFills) {
    std::string_view v = region.PaddedAtEnd(input, fill);
    DecodeStatus p = decoder.DecodePadded(v, input.size() + kPad, &out);
    EXPECT_EQ(p.ok(), at_end.ok()) << "padding '" << fill << "' changed acceptance: " << Describe(p);
  }
  return at_end;
}

// Every non-empty prefix of `body` (trailing whitespace trimmed) fails, and for a request
// the empty one too; the whole body decodes.
template <typename T>
void EveryPrefix(const std::string& file, DecodeOptions options) {
  std::string body = ReadFile(file);
  ASSERT_FALSE(body.empty()) << file;
  while (!body.empty() && std::isspace(static_cast<unsigned char>(body.back()))) body.pop_back();
  GuardedRegion region(body.size() + kPad);
  ASSERT_TRUE(region.ok());
  Decoder<T> decoder(options);
  // An empty body is an output with no members (awsJson1_0), so a response's prefixes
  // start at one byte; a request's at zero.
  const bool output = ModelTraits<T>::desc().empty_body_is_no_members;
  for (size_t n = output ? 1 : 0; n < body.size(); ++n) {
    SCOPED_TRACE(file + ": prefix of " + std::to_string(n) + " bytes");
    DecodeStatus s = DecodeEveryWay(region, decoder, std::string_view(body).substr(0, n));
    EXPECT_FALSE(s.ok());
    EXPECT_LE(s.offset, n);
  }
  DecodeStatus s = DecodeEveryWay(region, decoder, body);
  EXPECT_TRUE(s.ok()) << Describe(s);
}

TEST(GuardPage, RequestExampleAndEveryPrefix) {
  EveryPrefix<PauseServiceRequest>("examples/pause-service-request.json", {});
}

TEST(GuardPage, ResponseExampleAndEveryPrefix) {
  EveryPrefix<PauseServiceResponse>("examples/pause-service-response.json", {});
}

TEST(GuardPage, CliResponseExampleAndEveryPrefixLenient) {
  DecodeOptions lenient;
  lenient.lenient = true;
  EveryPrefix<PauseServiceResponse>("examples/pause-service-response.cli.json", lenient);
}

// DecodeEveryWay for any operation's struct, through its table (`out`: an object of `desc`).
DecodeStatus DecodeEveryWayDesc(const GuardedRegion& region, StructDecoder& decoder, const StructDesc& desc,
                                void* out, std::string_view input) {
  DecodeStatus at_end = decoder.Decode(region.AtEnd(input), desc, out);
  DecodeStatus at_start = decoder.Decode(region.AtStart(input), desc, out);
  EXPECT_EQ(Describe(at_start), Describe(at_end)) << "placement changed the result";
  for (char fill : kNeutralFills) {
    std::string_view v = region.PaddedAtEnd(input, fill);
    DecodeStatus p = decoder.DecodePadded(v, input.size() + kPad, desc, out);
    EXPECT_EQ(Describe(p), Describe(at_end))
        << "DecodePadded with padding 0x" << std::hex << static_cast<int>(static_cast<unsigned char>(fill));
  }
  for (char fill : kClosingFills) {
    std::string_view v = region.PaddedAtEnd(input, fill);
    DecodeStatus p = decoder.DecodePadded(v, input.size() + kPad, desc, out);
    EXPECT_EQ(p.ok(), at_end.ok()) << "padding '" << fill << "' changed acceptance: " << Describe(p);
  }
  // Decode again so `out` holds the copying API's result.
  return decoder.Decode(region.AtEnd(input), desc, out);
}

// Every operation's samples: the whole body decodes (strict) and every prefix but the
// complete ones (the body with some of its trailing whitespace) fails within itself, an
// output's empty prefix aside (no members), with the struct left reset; no read beyond
// the input or its padding, none before it.
struct OpSample {
  const OperationDesc* op;
  bool output;
  std::string name() const { return std::string(op->name) + (output ? "_response" : "_request"); }
};

void PrintTo(const OpSample& s, std::ostream* os) { *os << s.name(); }

std::vector<OpSample> OpSamples() {
  std::vector<OpSample> out;
  for (uint16_t i = 0; i < model::kModel.num_operations; ++i) {
    out.push_back({model::kModel.operations[i], false});
    out.push_back({model::kModel.operations[i], true});
  }
  return out;
}

class GuardPageOperation : public ::testing::TestWithParam<OpSample> {};

TEST_P(GuardPageOperation, SampleAndEveryPrefix) {
  const OpSample& sample = GetParam();
  const StructDesc& desc = sample.output ? *sample.op->output : *sample.op->input;
  const std::string file = "examples/operations/" + std::string(sample.op->name) +
                           (sample.output ? ".response.json" : ".request.json");
  std::string body = ReadFile(file);
  ASSERT_FALSE(body.empty()) << file;
  size_t complete = body.size();  // prefixes at least this long are the whole document
  while (complete > 0 && std::isspace(static_cast<unsigned char>(body[complete - 1]))) --complete;
  GuardedRegion region(body.size() + kPad);
  ASSERT_TRUE(region.ok());
  StructDecoder decoder;
  static fuzz::StructStorage* storage = new fuzz::StructStorage();
  void* out = storage->For(desc);
  int failures = 0;
  for (size_t n = sample.output ? 1 : 0; n < complete && failures < 5; ++n) {
    SCOPED_TRACE(file + ": prefix of " + std::to_string(n) + " bytes");
    DecodeStatus s = DecodeEveryWayDesc(region, decoder, desc, out, std::string_view(body).substr(0, n));
    if (s.ok() || s.offset > n || !fuzz::IsReset(desc, out)) {
      ADD_FAILURE() << Describe(s) << (fuzz::IsReset(desc, out) ? "" : ", struct not reset");
      ++failures;
    }
  }
  for (size_t n = complete; n <= body.size(); ++n) {
    DecodeStatus s = DecodeEveryWayDesc(region, decoder, desc, out, std::string_view(body).substr(0, n));
    EXPECT_TRUE(s.ok()) << file << " (" << n << " bytes): " << Describe(s);
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, GuardPageOperation, ::testing::ValuesIn(OpSamples()),
                         [](const auto& info) { return info.param.name(); });

struct Tail {
  const char* name;
  std::string input;
  bool response;
  CodecError code;
  bool check_class = true;
};

void PrintTo(const Tail& t, std::ostream* os) { *os << t.name; }

std::vector<Tail> Tails() {
  using E = CodecError;
  const std::string long_a(5000, 'a');
  return {
      {"empty", "", false, E::kMalformedJson},
      {"spaces", "   ", false, E::kMalformedJson},
      {"open_brace", "{", false, E::kMalformedJson},
      {"lone_quote", "\"", false, E::kMalformedJson},
      {"partial_bom", "\xEF\xBB", false, E::kInvalidUtf8},
      {"key_cut", R"({"Servi)", false, E::kMalformedJson},
      {"key_cut_at_backslash", R"({"Service\)", false, E::kMalformedJson},
      {"key_cut_in_unicode_escape", R"({"Service\u00)", false, E::kMalformedJson},
      {"string_cut", R"({"ServiceArn":"arn:aws)", false, E::kMalformedJson},
      {"long_string_cut", "{\"ServiceArn\":\"" + long_a, false, E::kMalformedJson},
      {"long_unknown_string_cut", "{\"u\":\"" + long_a, false, E::kMalformedJson},
      {"string_cut_at_backslash", R"({"u":"abc\)", false, E::kMalformedJson},
      {"string_cut_in_unicode_escape", R"({"u":"\u12)", false, E::kMalformedJson},
      {"string_cut_after_high_surrogate", R"({"u":"\ud83d)", false, E::kMalformedJson},
      {"string_cut_in_low_surrogate", R"({"u":"\ud83d\ude0)", false, E::kMalformedJson},
      // Unterminated AND invalid UTF-8: which is reported first is hostile_test's
      // invalid_utf8_in_unclosed_string row; here only memory safety is asserted.
      {"string_cut_in_utf8", "{\"u\":\"\xE2\x82", false, E::kInvalidUtf8, false},
      {"utf8_cut_after_object", "{\"u\":1}\xE2\x82", false, E::kInvalidUtf8},
      {"string_closed_object_open", R"({"ServiceArn":"x")", false, E::kMalformedJson},
      {"number_cut", R"({"u":123)", false, E::kMalformedJson},
      {"long_number_cut", R"({"u":123456789012345678901234567890)", false, E::kMalformedJson},
      {"exponent_cut", R"({"u":1.5e+)", false, E::kMalformedJson},
      {"minus_cut", R"({"u":-)", false, E::kMalformedJson},
      {"root_number", "1234567890", false, E::kRootNotObject},
      // The root check looks at the first byte: a malformed scalar is "not an object".
      {"root_minus", "-", false, E::kRootNotObject},
      {"root_true", "true", false, E::kRootNotObject},
      {"root_tru", "tru", false, E::kRootNotObject},
      {"root_null", "null", false, E::kRootNotObject},
      {"root_nul", "nul", false, E::kRootNotObject},
      {"literal_cut_t", R"({"u":t)", false, E::kMalformedJson},
      {"literal_cut_n", R"({"u":n)", false, E::kMalformedJson},
      {"literal_cut_f", R"({"u":fals)", false, E::kMalformedJson},
      {"known_null_cut", R"({"ServiceArn":nul)", false, E::kMalformedJson},
      {"array_open", R"({"u":[)", false, E::kMalformedJson},
      {"deep_arrays_open", "{\"u\":" + std::string(60, '['), false, E::kMalformedJson},
      {"timestamp_number_cut", R"({"Service":{"CreatedAt":1605899125)", true, E::kMalformedJson},
      {"integer_cut", R"({"Service":{"HealthCheckConfiguration":{"Interval":5)", true, E::kMalformedJson},
      {"boolean_cut", R"({"Service":{"AutoScalingConfigurationSummary":{"IsDefault":tr)", true,
       E::kMalformedJson},
      {"enum_cut", R"({"Service":{"Status":"RUNN)", true, E::kMalformedJson},
      {"map_value_cut",
       std::string(
           R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"a":"b)"),
       true, E::kMalformedJson},
      // Complete documents whose last byte touches the guard page.
      {"complete_request", R"({"ServiceArn":"x"})", false, E::kOk},
      {"complete_empty_object", "{}", false, E::kOk},
      {"complete_with_trailing_space", R"({"ServiceArn":"x"} )", false, E::kOk},
      {"complete_long_string", "{\"u\":\"" + long_a + "\"}", false, E::kOk},
      {"complete_number_last", R"({"u":[1,2,3],"v":-1.5e-7})", false, E::kOk},
      {"complete_response",
       R"({"Service":{"CreatedAt":1605899125.5,"HealthCheckConfiguration":{"Interval":5}}})", true, E::kOk},
      {"trailing_number", R"({"ServiceArn":"x"}1)", false, E::kTrailingContent},
      {"trailing_quote", R"({"ServiceArn":"x"}")", false, E::kTrailingContent},
  };
}

class GuardPageTail : public ::testing::TestWithParam<Tail> {};

TEST_P(GuardPageTail, AndEveryPrefixOfIt) {
  const Tail& t = GetParam();
  GuardedRegion region(t.input.size() + kPad);
  ASSERT_TRUE(region.ok());
  PauseServiceRequestDecoder rq;
  PauseServiceResponseDecoder rs;
  DecodeStatus s = t.response ? DecodeEveryWay(region, rs, t.input) : DecodeEveryWay(region, rq, t.input);
  if (t.check_class) {
    EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(t.code)) << s.detail;
  } else {
    EXPECT_FALSE(s.ok());
  }
  EXPECT_LE(s.offset, t.input.size());
  for (size_t n = 0; n < t.input.size(); ++n) {
    SCOPED_TRACE("prefix of " + std::to_string(n) + " bytes");
    std::string_view prefix = std::string_view(t.input).substr(0, n);
    DecodeStatus p = t.response ? DecodeEveryWay(region, rs, prefix) : DecodeEveryWay(region, rq, prefix);
    EXPECT_LE(p.offset, n);
  }
}

INSTANTIATE_TEST_SUITE_P(Inputs, GuardPageTail, ::testing::ValuesIn(Tails()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(GuardPage, StringAtTheBodyLimitRunningIntoTheGuard) {
  // A 1 MiB body (the default limit) that is one string cut by the guard page, and the
  // same string closed.
  const size_t kLimit = size_t{1} << 20;
  std::string open = "{\"u\":\"" + std::string(kLimit - 6, 'a');
  ASSERT_EQ(open.size(), kLimit);
  std::string closed = "{\"ServiceArn\":\"" + std::string(kLimit - 17, 'a') + "\"}";
  ASSERT_EQ(closed.size(), kLimit);
  GuardedRegion region(kLimit + kPad);
  ASSERT_TRUE(region.ok());
  PauseServiceRequestDecoder decoder;
  EXPECT_EQ(CodecErrorName(DecodeEveryWay(region, decoder, open).code), "MalformedJson");
  EXPECT_TRUE(DecodeEveryWay(region, decoder, closed).ok());
  // One byte over the limit: refused before any read.
  PauseServiceRequest req;
  std::string_view over(region.end() - kLimit - 1, kLimit + 1);
  EXPECT_EQ(decoder.Decode(over, &req).code, CodecError::kBodyTooLarge);
}

TEST(GuardPage, PaddedApiRefusesShortPaddingWithoutReading) {
  GuardedRegion region(4096);
  ASSERT_TRUE(region.ok());
  const std::string body = R"({"ServiceArn":"x"})";
  // Only kPad - 1 readable bytes after the input: the guard page follows.
  char* at = region.end() - (kPad - 1) - body.size();
  std::memcpy(at, body.data(), body.size());
  std::memset(at + body.size(), '}', kPad - 1);
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  DecodeStatus s = decoder.DecodePadded(std::string_view(at, body.size()), body.size() + kPad - 1, &req);
  EXPECT_EQ(s.code, CodecError::kBufferTooSmall);
  // A capacity smaller than the input itself.
  s = decoder.DecodePadded(std::string_view(at, body.size()), body.size() - 1, &req);
  EXPECT_EQ(s.code, CodecError::kBufferTooSmall);
  // Empty input, zero-length at the guard page, through the copying API.
  s = decoder.Decode(std::string_view(region.end(), 0), &req);
  EXPECT_EQ(s.code, CodecError::kMalformedJson);
  // Empty input with exactly kPad readable bytes.
  std::memset(region.end() - kPad, '{', kPad);
  s = decoder.DecodePadded(std::string_view(region.end() - kPad, 0), kPad, &req);
  EXPECT_EQ(s.code, CodecError::kMalformedJson);
}

TEST(GuardPage, TheGuardPageIsReallyThere) {
  // Guards the harness: reading the byte after the input must crash.
  GuardedRegion region(100);
  ASSERT_TRUE(region.ok());
  EXPECT_DEATH(
      {
        volatile char c = *region.end();
        (void)c;
      },
      "");
  EXPECT_DEATH(
      {
        volatile char c = *(region.begin() - 1);
        (void)c;
      },
      "");
}

}  // namespace
}  // namespace apprunner::pause_service
