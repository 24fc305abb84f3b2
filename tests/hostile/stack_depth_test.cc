// Nesting costs no machine stack: every decode runs on a thread whose stack this test
// maps itself (small, with a guard page below it, painted with a pattern), and the
// bytes the decode touched are counted. A body nested 999 deep (accepted at the
// default limit of 1000) and one nested 100,000 deep (rejected with DepthLimit) must
// use no more stack than a flat one, within a fixed allowance, under every build
// (ASan's bigger frames included): recursion proportional to depth would use
// hundreds of kilobytes for 999 levels, or hit the guard page.
#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

#include "api/errors.h"
#include "api/pause_service.h"
#include "codec/decode.h"

namespace apprunner::pause_service {
namespace {

constexpr size_t kStackBytes = 512 * 1024;
constexpr unsigned char kPaint = 0xA5;

struct StackRun {
  std::function<void()> body;
};

void* RunBody(void* arg) {
  static_cast<StackRun*>(arg)->body();
  return nullptr;
}

// Runs `body` on a fresh painted stack of kStackBytes; returns how many bytes of it
// were written (from the top down to the deepest touched byte).
size_t StackBytesUsed(std::function<void()> body) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* map = mmap(nullptr, kStackBytes + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  EXPECT_NE(map, MAP_FAILED);
  if (map == MAP_FAILED) return SIZE_MAX;
  auto* guard = static_cast<unsigned char*>(map);
  EXPECT_EQ(mprotect(guard, page, PROT_NONE), 0);  // an overflow faults, never corrupts
  unsigned char* stack = guard + page;
  std::memset(stack, kPaint, kStackBytes);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  EXPECT_EQ(pthread_attr_setstack(&attr, stack, kStackBytes), 0);
  StackRun run{std::move(body)};
  pthread_t thread;
  EXPECT_EQ(pthread_create(&thread, &attr, &RunBody, &run), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  size_t untouched = 0;
  while (untouched < kStackBytes && stack[untouched] == kPaint) ++untouched;
  munmap(map, kStackBytes + page);
  return kStackBytes - untouched;
}

std::string NestedArrays(int levels) {
  return "{\"x\":" + std::string(levels, '[') + std::string(levels, ']') + "}";
}

std::string NestedObjects(int levels) {
  std::string s = "{\"x\":";
  for (int i = 0; i < levels; ++i) s += "{\"a\":";
  s += "1";
  s += std::string(levels, '}');
  return s + "}";
}

// Stack used by one decode of `body` (decoder built on the same thread).
size_t DecodeStack(const std::string& body, CodecError* code) {
  return StackBytesUsed([&] {
    PauseServiceRequestDecoder decoder;
    PauseServiceRequest req;
    *code = decoder.Decode(body, &req).code;
  });
}

// What a flat body uses, plus this allowance, bounds every deep one.
constexpr size_t kAllowance = 8 * 1024;

TEST(StackDepth, DeepValuesCostNoStack) {
  CodecError code;
  const size_t flat = DecodeStack(NestedArrays(1), &code);
  ASSERT_EQ(code, CodecError::kOk);
  struct {
    std::string body;
    CodecError want;
    const char* name;
  } rows[] = {
      {NestedArrays(999), CodecError::kOk, "arrays 999 deep (accepted)"},
      {NestedObjects(999), CodecError::kOk, "objects 999 deep (accepted)"},
      {NestedArrays(100000), CodecError::kDepthLimit, "arrays 100,000 deep"},
      {NestedObjects(100000), CodecError::kDepthLimit, "objects 100,000 deep"},
      {"{\"x\":" + std::string(100000, '['), CodecError::kMalformedJson, "100,000 unclosed"},
  };
  for (const auto& row : rows) {
    const size_t used = DecodeStack(row.body, &code);
    EXPECT_EQ(CodecErrorName(code), CodecErrorName(row.want)) << row.name;
    EXPECT_LE(used, flat + kAllowance)
        << row.name << ": " << used << " bytes of stack, " << flat << " for a flat body";
  }
}

TEST(StackDepth, WrongTypeMemberSkipsDeepValuesWithoutStack) {
  // A modelled member of the wrong type is skipped (syntax-checked) before the
  // WrongType reply: the same iterative walk.
  CodecError code;
  const size_t flat = DecodeStack(R"({"ServiceArn":[1]})", &code);
  ASSERT_EQ(code, CodecError::kWrongType);
  const size_t deep =
      DecodeStack("{\"ServiceArn\":" + std::string(999, '[') + std::string(999, ']') + "}", &code);
  EXPECT_EQ(code, CodecError::kWrongType);
  EXPECT_LE(deep, flat + kAllowance) << deep << " bytes vs " << flat;
}

TEST(StackDepth, ProcessorAndErrorDecoderToo) {
  const std::string deep = NestedArrays(999);
  size_t flat_used = StackBytesUsed([&] {
    PauseServiceRequestProcessor p;
    EXPECT_EQ(p.Process(NestedArrays(1)), Outcome::kValidationError);  // ServiceArn missing
  });
  size_t deep_used = StackBytesUsed([&] {
    PauseServiceRequestProcessor p;
    EXPECT_EQ(p.Process(deep), Outcome::kValidationError);
  });
  EXPECT_LE(deep_used, flat_used + kAllowance);
  flat_used = StackBytesUsed([&] {
    ErrorResponseDecoder d;
    DecodedError e;
    EXPECT_TRUE(d.Decode(400, "", R"({"__type":"InvalidStateException","x":[]})", &e).ok());
  });
  deep_used = StackBytesUsed([&] {
    ErrorResponseDecoder d;
    DecodedError e;
    EXPECT_TRUE(d.Decode(400, "",
                         "{\"__type\":\"InvalidStateException\",\"x\":" + std::string(999, '[') +
                             std::string(999, ']') + "}",
                         &e)
                    .ok());
  });
  EXPECT_LE(deep_used, flat_used + kAllowance);
}

}  // namespace
}  // namespace apprunner::pause_service
