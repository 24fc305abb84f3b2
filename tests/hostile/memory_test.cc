// Bounded memory: the peak heap a decode needs, as a multiple of the body size, for
// bodies at the 1 MiB limit shaped to make the decoder allocate the most (one huge
// string, many members, many map entries, escapes, a growing buffer, the processor's
// error message). A counting replacement of every global operator new / delete tracks
// live bytes (a size header in front of each block) and their high-water mark.
//
// Bounds were set at about twice the multiple measured with gcc 12 / simdjson 3.0.1;
// each test prints the measured multiple (stdout and the test's XML properties). Decoder
// and processor are constructed inside the measurement: the cold cost. A second decode
// of the same body must allocate nothing (decode.h: "no heap allocation once the decoder
// has seen a body of the same size").
//
// Not counted: memory simdjson or RE2 would take with malloc directly (neither does on
// these paths: simdjson's parser buffers and RE2's programs come from operator new) and
// RE2's lazily compiled programs, which are warmed up before measuring.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <new>
#include <string>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "tests/fuzz/model_util.h"
#include "validate/validate.h"

namespace {

std::atomic<size_t> g_live{0};
std::atomic<size_t> g_peak{0};
std::atomic<size_t> g_blocks{0};

constexpr size_t kHeader = 16;  // keeps the default new alignment (16)
static_assert(kHeader >= sizeof(size_t) && kHeader % alignof(std::max_align_t) == 0, "header");

void Account(size_t n) {
  size_t live = g_live.fetch_add(n, std::memory_order_relaxed) + n;
  size_t peak = g_peak.load(std::memory_order_relaxed);
  while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
  g_blocks.fetch_add(1, std::memory_order_relaxed);
}

__attribute__((noinline)) void* Allocate(size_t n) {
  char* base = static_cast<char*>(std::malloc(n + kHeader));
  if (base == nullptr) return nullptr;
  *reinterpret_cast<size_t*>(base) = n;
  Account(n);
  return base + kHeader;
}

__attribute__((noinline)) void Release(void* p) {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - kHeader;
  g_live.fetch_sub(*reinterpret_cast<size_t*>(base), std::memory_order_relaxed);
  std::free(base);
}

// Over-aligned blocks: the header is `align` bytes; the size sits just before the block.
__attribute__((noinline)) void* AllocateAligned(size_t n, std::align_val_t al) {
  size_t align = static_cast<size_t>(al);
  if (align < kHeader) align = kHeader;
  size_t total = (n + align + align - 1) / align * align;
  char* base = static_cast<char*>(std::aligned_alloc(align, total));
  if (base == nullptr) return nullptr;
  char* p = base + align;
  *reinterpret_cast<size_t*>(p - sizeof(size_t)) = n;
  Account(n);
  return p;
}

__attribute__((noinline)) void ReleaseAligned(void* p, std::align_val_t al) {
  if (p == nullptr) return;
  size_t align = static_cast<size_t>(al);
  if (align < kHeader) align = kHeader;
  char* cp = static_cast<char*>(p);
  g_live.fetch_sub(*reinterpret_cast<size_t*>(cp - sizeof(size_t)), std::memory_order_relaxed);
  std::free(cp - align);
}

}  // namespace

void* operator new(std::size_t n) {
  if (void* p = Allocate(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, std::size_t) noexcept { Release(p); }
void operator delete[](void* p, std::size_t) noexcept { Release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { Release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { Release(p); }
void* operator new(std::size_t n, std::align_val_t al) {
  if (void* p = AllocateAligned(n, al)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al) { return operator new(n, al); }
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return AllocateAligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return AllocateAligned(n, al);
}
void operator delete(void* p, std::align_val_t al) noexcept { ReleaseAligned(p, al); }
void operator delete[](void* p, std::align_val_t al) noexcept { ReleaseAligned(p, al); }
void operator delete(void* p, std::size_t, std::align_val_t al) noexcept { ReleaseAligned(p, al); }
void operator delete[](void* p, std::size_t, std::align_val_t al) noexcept { ReleaseAligned(p, al); }

namespace apprunner::pause_service {
namespace {

constexpr size_t kLimit = size_t{1} << 20;  // the default max_body_bytes
constexpr char kArn[] =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";

// Peak bytes live during `op`, above what was live before it.
size_t PeakOf(const std::function<void()>& op) {
  size_t before = g_live.load();
  g_peak.store(before);
  op();
  return g_peak.load() - before;
}

// Pads `body` (which must end with `close`) with spaces before `close` to exactly `size`.
std::string PadTo(std::string body, size_t size, std::string_view close) {
  EXPECT_LE(body.size(), size);
  body.insert(body.size() - close.size(), size - body.size(), ' ');
  return body;
}

// Distinct short keys: base 62.
std::string Key(size_t i) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string k;
  do {
    k += digits[i % 62];
    i /= 62;
  } while (i != 0);
  return k;
}

std::string OneHugeUnknownString() {
  std::string head = std::string("{\"ServiceArn\":\"") + kArn + "\",\"u\":\"";
  return head + std::string(kLimit - head.size() - 2, 'x') + "\"}";
}

std::string ManyUnknownMembers() {
  std::string tail = std::string("\"ServiceArn\":\"") + kArn + "\"}";
  std::string body = "{";
  for (size_t i = 0;; ++i) {
    std::string member = "\"" + Key(i) + "\":0,";
    if (body.size() + member.size() + tail.size() > kLimit) break;
    body += member;
  }
  return PadTo(body + tail, kLimit, "}");
}

const char kMapHead[] =
    R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":)";

// A map of as many entries as fit; `same_key`: every key "a" (a duplicate found after
// all entries are collected); `as_list`: the lenient [{"k":"v"},...] form.
std::string BigMap(bool same_key, bool as_list) {
  const std::string close = as_list ? "]}}}}}" : "}}}}}}";
  std::string body = std::string(kMapHead) + (as_list ? "[" : "{");
  for (size_t i = 0;; ++i) {
    std::string k = same_key ? "a" : Key(i);
    std::string entry = as_list ? "{\"" + k + "\":\"\"}," : "\"" + k + "\":\"\",";
    if (body.size() + entry.size() + close.size() > kLimit) break;
    body += entry;
  }
  body.pop_back();  // the last comma
  return PadTo(body + close, kLimit, close);
}

std::string EscapedArn() {
  std::string body = "{\"ServiceArn\":\"";
  while (body.size() + 6 + 2 <= kLimit) body += "\\u00e9";
  return PadTo(body + "\"}", kLimit, "}");
}

// A request whose ARN is the whole body: the processor's validation message quotes it.
std::string HugeArn() {
  std::string head = "{\"ServiceArn\":\"arn:aws:apprunner:us-east-1:123456789012:service/";
  return head + std::string(kLimit - head.size() - 2, 'a') + "\"}";
}

struct Scenario {
  const char* name;
  std::string (*body)();
  enum Kind { kRequestDecoder, kResponseDecoder, kLenientResponseDecoder, kProcessor } kind;
  bool expect_ok;
  double bound;  // peak <= bound * body size
};

// Measured multiples (gcc 12, simdjson 3.0.1, x86-64, the same in the ASan build, whose
// allocations also come through this operator new):
//   decoder, any request shape ........ 6.68x  (padded copy 1x + simdjson's structural
//                                               index 4x + string buffer 5/3x)
//   processor, valid .................. 6.70x
//   response map, distinct keys ....... 12.68x (+ 32-byte entry per ~9-byte pair,
//   response map as list (lenient) .... 12.68x   vector doubling, the duplicate-key
//                                               hash table of 4-byte slots)
//   response map, one key repeated .... 18.68x (7-byte pairs: more entries per byte;
//                                               rejected: duplicate keys)
//   processor, 1 MiB ARN .............. 17.28x (the validation message and the error
//                                               body each quote the whole value)
// Bounds are about twice these.
const Scenario kScenarios[] = {
    {"request_one_huge_unknown_string", OneHugeUnknownString, Scenario::kRequestDecoder, true, 14.0},
    {"request_many_unknown_members", ManyUnknownMembers, Scenario::kRequestDecoder, true, 14.0},
    {"response_map_many_entries", [] { return BigMap(false, false); }, Scenario::kResponseDecoder, true,
     28.0},
    {"response_map_same_key_many_times", [] { return BigMap(true, false); }, Scenario::kResponseDecoder,
     false, 42.0},
    {"response_map_as_list_lenient", [] { return BigMap(false, true); }, Scenario::kLenientResponseDecoder,
     true, 28.0},
    {"request_escaped_string", EscapedArn, Scenario::kRequestDecoder, true, 14.0},
    {"processor_one_huge_unknown_string", OneHugeUnknownString, Scenario::kProcessor, true, 14.0},
    {"processor_huge_arn_validation_message", HugeArn, Scenario::kProcessor, false, 35.0},
};

class PeakHeap : public ::testing::TestWithParam<Scenario> {};

TEST_P(PeakHeap, IsASmallMultipleOfTheBody) {
  const Scenario& sc = GetParam();
  const std::string body = sc.body();
  ASSERT_EQ(body.size(), kLimit) << "at the default limit";
  // RE2 programs are compiled once per process, on first use: not the decode's cost.
  {
    PauseServiceRequestProcessor warm;
    warm.Process(std::string("{\"ServiceArn\":\"") + kArn + "\"}");
  }
  DecodeOptions lenient;
  lenient.lenient = true;
  bool ok = false;
  std::function<void()> again;  // a second decode of the same body, on the same object
  std::unique_ptr<PauseServiceRequestDecoder> rq;
  std::unique_ptr<PauseServiceResponseDecoder> rs;
  std::unique_ptr<PauseServiceRequestProcessor> proc;
  PauseServiceRequest req;
  PauseServiceResponse resp;
  size_t peak = PeakOf([&] {
    switch (sc.kind) {
      case Scenario::kRequestDecoder:
        rq = std::make_unique<PauseServiceRequestDecoder>();
        ok = rq->Decode(body, &req).ok();
        again = [&] { (void)rq->Decode(body, &req); };
        break;
      case Scenario::kResponseDecoder:
      case Scenario::kLenientResponseDecoder:
        rs = std::make_unique<PauseServiceResponseDecoder>(
            sc.kind == Scenario::kLenientResponseDecoder ? lenient : DecodeOptions{});
        ok = rs->Decode(body, &resp).ok();
        again = [&] { (void)rs->Decode(body, &resp); };
        break;
      case Scenario::kProcessor:
        proc = std::make_unique<PauseServiceRequestProcessor>();
        ok = proc->Process(body) == Outcome::kValid;
        again = [&] { proc->Process(body); };
        break;
    }
  });
  EXPECT_EQ(ok, sc.expect_ok);
  double multiple = static_cast<double>(peak) / static_cast<double>(body.size());
  char line[200];
  std::snprintf(line, sizeof line, "%-40s peak %9zu bytes for a %zu-byte body: %.2fx (bound %.1fx)", sc.name,
                peak, body.size(), multiple, sc.bound);
  std::cout << "[ MEMORY ] " << line << std::endl;
  RecordProperty("peak_bytes", std::to_string(peak));
  RecordProperty("peak_multiple_of_body", std::to_string(multiple));
  EXPECT_LE(multiple, sc.bound);
  EXPECT_GE(peak, body.size()) << "the counter must see the decoder's buffers (guards the harness)";

  // Steady state: the same body again needs no new memory.
  size_t again_peak = PeakOf(again);
  std::cout << "[ MEMORY ] " << sc.name << " second decode: peak " << again_peak << " bytes" << std::endl;
  EXPECT_EQ(again_peak, 0u);
}

INSTANTIATE_TEST_SUITE_P(AtTheLimit, PeakHeap, ::testing::ValuesIn(kScenarios),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(PeakHeap, GrowingFromHalfToTheLimit) {
  // A decoder warmed on half the limit, then given the limit: its buffers are replaced,
  // so old and new may be live together for a moment.
  std::string big = OneHugeUnknownString();
  std::string head = std::string("{\"ServiceArn\":\"") + kArn + "\",\"u\":\"";
  std::string half = head + std::string(kLimit / 2 - head.size() - 2, 'x') + "\"}";
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(half, &req).ok());
  size_t peak = PeakOf([&] { ASSERT_TRUE(decoder.Decode(big, &req).ok()); });
  double multiple = static_cast<double>(peak) / static_cast<double>(big.size());
  std::cout << "[ MEMORY ] growth half->limit: extra peak " << peak << " bytes: " << multiple << "x"
            << std::endl;
  RecordProperty("peak_multiple_of_body", std::to_string(multiple));
  EXPECT_LE(multiple, 11.0) << "measured 5.33x";
}

TEST(PeakHeap, RejectedOversizedBodyAllocatesNothing) {
  // A 16 MiB body over the 1 MiB limit is refused before any buffer is sized for it.
  std::string huge(16 * kLimit, ' ');
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  size_t peak = PeakOf([&] { EXPECT_EQ(decoder.Decode(huge, &req).code, CodecError::kBodyTooLarge); });
  EXPECT_EQ(peak, 0u);
}

TEST(PeakHeap, TheCounterSeesAllocations) {
  // Guards the harness: a replacement that tracked nothing would pass everything.
  size_t peak = PeakOf([] {
    std::string* s = new std::string(100000, 'x');
    delete s;
  });
  EXPECT_GE(peak, 100000u);
  EXPECT_LT(peak, 100000u + 1024);
}

// A list of structures given 100,000 empty elements, {"L":[{},{},...]} (300 KB), in
// every operation's input and output that has one (ListServicesResponse's
// ServiceSummaryList, Tags, ...): 3 body bytes become a whole element in the decoder's
// arena, so the peak is the decode's usual multiple of the body plus the list bytes,
// 100,000 x sizeof(element), bounded by DecodeOptions::max_list_bytes. At the default
// limit (64 MiB) the list fits and decodes; at 1 MiB it does not, and the decode fails
// with BodyTooLarge before the arena grows. A second decode allocates nothing.
// Measured (gcc 12, the default and the ASan build): the list bytes exactly (one arena
// block of the list's size) plus 6.82x the body, refused or not; bound: 14x, as above.
struct ListScenario {
  const OperationDesc* op;
  bool output;
  const FieldDesc* list;
  std::string name() const {
    return std::string(op->name) + (output ? "_response_" : "_request_") + std::string(list->wire_name);
  }
};

void PrintTo(const ListScenario& s, std::ostream* os) { *os << s.name(); }

std::vector<ListScenario> ListScenarios() {
  std::vector<ListScenario> out;
  for (uint16_t i = 0; i < model::kModel.num_operations; ++i) {
    const OperationDesc* op = model::kModel.operations[i];
    for (bool output : {false, true}) {
      for (const FieldDesc& f : output ? *op->output : *op->input) {
        if (f.kind == FieldKind::kList && f.list->element_kind == FieldKind::kStructure) {
          out.push_back({op, output, &f});
        }
      }
    }
  }
  return out;
}

class PeakHeapList : public ::testing::TestWithParam<ListScenario> {};

TEST_P(PeakHeapList, IsTheBodysMultiplePlusTheListBytes) {
  const ListScenario& sc = GetParam();
  const StructDesc& desc = sc.output ? *sc.op->output : *sc.op->input;
  constexpr size_t kElements = 100000;
  std::string body = "{\"" + std::string(sc.list->wire_name) + "\":[";
  for (size_t i = 0; i < kElements; ++i) body += i ? ",{}" : "{}";
  body += "]}";
  const size_t list_bytes = kElements * sc.list->list->element_size;
  fuzz::StructStorage storage;
  void* out = storage.For(desc);  // allocated before measuring
  for (size_t limit : {DecodeOptions{}.max_list_bytes, size_t{1} << 20}) {
    const bool fits = list_bytes <= limit;
    DecodeOptions options;
    options.max_list_bytes = limit;
    std::unique_ptr<StructDecoder> decoder;
    DecodeStatus s;
    size_t peak = PeakOf([&] {
      decoder = std::make_unique<StructDecoder>(options);
      s = decoder->Decode(body, desc, out);
    });
    EXPECT_EQ(CodecErrorName(s.code), fits ? "Ok" : "BodyTooLarge");
    // Above the list bytes (when they were allocated), as a multiple of the body.
    size_t arena = fits ? list_bytes : 0;
    double multiple = static_cast<double>(peak > arena ? peak - arena : 0) / static_cast<double>(body.size());
    char line[240];
    std::snprintf(line, sizeof line,
                  "%-60s max_list_bytes %8zu: peak %9zu bytes = list %9zu + %.2fx the %zu-byte body",
                  sc.name().c_str(), limit, peak, arena, multiple, body.size());
    std::cout << "[ MEMORY ] " << line << std::endl;
    RecordProperty(fits ? "peak_multiple_beyond_list" : "peak_multiple_refused", std::to_string(multiple));
    EXPECT_GE(peak, arena) << "the counter must see the arena (guards the harness)";
    EXPECT_LE(peak, arena + 14 * body.size()) << "list bytes plus the decoder's 14x bound";
    EXPECT_LE(peak, limit + 14 * body.size()) << "bounded by max_list_bytes";
    size_t again = PeakOf([&] { (void)decoder->Decode(body, desc, out); });
    EXPECT_EQ(again, 0u) << "steady state";
  }
}

INSTANTIATE_TEST_SUITE_P(HundredThousandElements, PeakHeapList, ::testing::ValuesIn(ListScenarios()),
                         [](const auto& info) { return info.param.name(); });

}  // namespace
}  // namespace apprunner::pause_service
