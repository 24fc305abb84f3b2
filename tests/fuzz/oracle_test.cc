// The fuzz oracle (oracle.h) itself: it must flag each kind of disagreement between a
// decode outcome and the JSON checker, and stay quiet on the documented cases.
#include "tests/fuzz/oracle.h"

#include <gtest/gtest.h>

#include <string>

#include "api/pause_service.h"
#include "codec/decode.h"

namespace apprunner::fuzz {
namespace {

using codec::CodecError;
using codec::DecodeStatus;

const char* Why(std::string_view body, CodecError code, uint32_t offset) {
  DecodeStatus s;
  s.code = code;
  s.offset = offset;
  return SyntaxDisagreement(body, s, JsonSyntax::Check(body, 64), 64, size_t{1} << 20);
}

TEST(Oracle, FlagsDisagreements) {
  EXPECT_NE(Why("{\"a\":1,}", CodecError::kOk, 0), nullptr);  // accepted invalid JSON
  EXPECT_NE(Why("[1]", CodecError::kOk, 0), nullptr);         // accepted a non-object
  EXPECT_NE(Why("{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}", CodecError::kOk, 0), nullptr);
  EXPECT_NE(Why("{\"a\":1}", CodecError::kMalformedJson, 3), nullptr);         // rejected valid JSON
  EXPECT_NE(Why("{\"a\":\"\xC3\"}", CodecError::kMalformedJson, 6), nullptr);  // UTF-8 first
  EXPECT_NE(Why("{\"a\":\"\xC3\"}", CodecError::kInvalidUtf8, 7), nullptr);    // wrong offset
  EXPECT_NE(Why("{\"a\":1}", CodecError::kInvalidUtf8, 0), nullptr);
  EXPECT_NE(Why("{\"a\":[1]} ]", CodecError::kTrailingContent, 5), nullptr) << "closed early";
  EXPECT_NE(Why("{\"a\":[[1]]}", CodecError::kDepthLimit, 6), nullptr);
  EXPECT_NE(Why("{\"a\":1}", CodecError::kRootNotObject, 0), nullptr);
  EXPECT_NE(Why("{\"a\":1 \"b\":2,\"b\":3}", CodecError::kDuplicateMember, 14),
            nullptr);  // missed syntax error
  EXPECT_NE(Why("{\"a\":1}", CodecError::kBodyTooLarge, 0), nullptr);
  EXPECT_NE(Why("{\"a\":1,}", CodecError::kNotWireFormat, 1), nullptr);
  EXPECT_NE(Why("{}", CodecError::kOk, 3), nullptr);  // offset beyond the body
}

TEST(Oracle, AcceptsDocumentedOutcomes) {
  EXPECT_EQ(Why("{\"a\":[1,{\"b\":null}]}", CodecError::kOk, 0), nullptr);
  EXPECT_EQ(Why("\xEF\xBB\xBF{}", CodecError::kMalformedJson, 0), nullptr);  // BOM
  EXPECT_EQ(Why("{\"a\":\"\xC3\"}", CodecError::kInvalidUtf8, 6), nullptr);
  EXPECT_EQ(Why("{\"a\":1} x", CodecError::kTrailingContent, 8), nullptr);
  EXPECT_EQ(Why("[1]", CodecError::kRootNotObject, 0), nullptr);
  EXPECT_EQ(Why("\"x", CodecError::kRootNotObject, 0), nullptr);
  std::string deep = "{\"a\":" + std::string(70, '[') + std::string(70, ']') + "}";
  EXPECT_EQ(Why(deep, CodecError::kDepthLimit, 68), nullptr);
  // Semantic classes: the first problem in document order; what follows may be invalid.
  EXPECT_EQ(Why("{\"ServiceArn\":\"a\",\"ServiceArn\":\"b\",", CodecError::kDuplicateMember, 18), nullptr);
  EXPECT_EQ(Why("{\"ServiceArn\":1,", CodecError::kWrongType, 14), nullptr);
}

// The real decoder, on rows of each class.
TEST(Oracle, DecoderRows) {
  pause_service::PauseServiceRequestDecoder decoder;
  for (std::string body : std::initializer_list<std::string>{
           "{}", "{\"ServiceArn\":\"x\"}", "{\"serviceArn\":\"x\"}", "{\"x\":1e999}", "{\"ServiceArn\":1}",
           "{\"ServiceArn\":\"a\",\"ServiceArn\":\"b\"}", "[]", "{} x", "{\"a\":1,}", "\xEF\xBB\xBF{}",
           "{\"a\":\"\xFF\"}", "", "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}",
           "{\"a\":" + std::string(999, '[') + std::string(999, ']') + "}",
           "{\"a\":" + std::string(1000, '[') + std::string(1000, ']') + "}", std::string(2000, '[')}) {
    pause_service::PauseServiceRequest request;
    DecodeStatus s = decoder.Decode(body, &request);
    EXPECT_EQ(SyntaxDisagreement(body, s, JsonSyntax::Check(body, codec::kDefaultMaxDepth),
                                 codec::kDefaultMaxDepth, size_t{1} << 20),
              nullptr)
        << CLiteral(body) << " " << Describe(s);
  }
}

}  // namespace
}  // namespace apprunner::fuzz
