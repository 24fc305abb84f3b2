// The table-driven JSON decoder: simdjson On-Demand into the generated model structs,
// zero-copy, strict.
//
//   Decoder<TagResourceRequest> decoder;         // one per thread, reused
//   TagResourceRequest req;                      // any generated struct
//   DecodeStatus s = decoder.Decode(body, &req); // body: std::string_view
//   if (s.ok()) for (const Tag& t : *req.tags) Log(*t.key);
//
// Or untyped, for an operation chosen at run time (StructDecoder, with the table and
// storage of StructDesc::size bytes): decoder.Decode(body, *op.input, storage).
//
// Lifetime: strings in the decoded struct point into the decoder's copy of the input
// (Decode) or into the caller's buffer (DecodePadded), or, for strings the JSON spelled
// with escapes, into the decoder's string buffer. They stay valid until the decoder's
// next Decode call, its destruction, or (DecodePadded) the caller's buffer is released.
//
// Strictness: the whole body must be one RFC 8259 JSON object of valid UTF-8, with no
// byte order mark and nothing but whitespace after it. Values of unknown members are
// syntax-checked in full (simdjson alone would only count their brackets). A modelled
// member may appear once per object, keys compared after unescaping. `null` for a
// modelled member means absent. Unknown members are ignored unless
// reject_unknown_members is set.
//
// Cost: no heap allocation once the decoder has seen a body of the same size and shape
// (the padded copy buffer, simdjson's buffers, the map-entry buffer and the list arena
// are all reused).
// Thread-safety: a decoder is not thread-safe; use one per thread.
// Build note: StructDecoder embeds a simdjson parser whose layout depends on
// SIMDJSON_THREADS_ENABLED (set by simdjson.h under -pthread). The Bazel target defines
// it for every dependent; a build outside Bazel must define it (or not) consistently.
#ifndef APPRUNNER_CODEC_DECODE_H_
#define APPRUNNER_CODEC_DECODE_H_

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "codec/error.h"
#include "codec/table.h"
#include "codec/types.h"

namespace apprunner::codec {

// DecodeOptions::max_depth's default: Jackson's StreamReadConstraints limit.
inline constexpr uint32_t kDefaultMaxDepth = 1000;

struct DecodeOptions {
  // Largest accepted body; longer input fails with kBodyTooLarge before any parsing.
  size_t max_body_bytes = size_t{1} << 20;
  // Deepest accepted nesting of objects and arrays (the root object is depth 1).
  // 1000 by default, as Jackson's StreamReadConstraints (the parser of AWS's Java
  // services): a validating proxy must not reject what the service behind it accepts.
  // At most kMaxDepthLimit. Nesting costs no stack: unread values are skipped without
  // recursion, so any depth up to the limit (and any input beyond it) is safe.
  uint32_t max_depth = kDefaultMaxDepth;
  // Most bytes the lists of one body may decode into (elements are stored in the
  // decoder's reused arena: a 3-byte "{}," element can become a struct of hundreds of
  // bytes). Beyond it the decode fails with kBodyTooLarge.
  size_t max_list_bytes = size_t{64} << 20;
  // Fail with kUnknownMember on a member the model does not define.
  bool reject_unknown_members = false;
  // Accept the AWS CLI's output form besides the wire format: timestamps as ISO-8601
  // strings, a map written as a list of one-pair objects, and member names that differ
  // from the model only in ASCII case ("CPU" for "Cpu"). In strict mode (the default)
  // each such use is a Deviation and the decode fails with kNotWireFormat.
  bool lenient = false;
};

// A place where the body leaves the awsJson1_0 wire format in a way lenient mode accepts.
enum class DeviationKind : uint8_t {
  kTimestampString,  // a timestamp written as an ISO-8601 string, not epoch seconds
  kMapAsList,        // a map written as a list of one-pair objects
  kMemberNameCase,   // a member name that matches the model only ignoring case
  kNullMapValue,     // a map entry whose value is null: dropped (maps are dense), in
                     // both modes; a note, not a failure
};
std::string_view DeviationKindName(DeviationKind kind);

inline constexpr size_t kMaxDeviations = 32;
inline constexpr size_t kMaxDeviationPath = 200;

struct Deviation {
  DeviationKind kind;
  uint32_t offset;                      // byte offset of the value (or of the member name)
  char path_buffer[kMaxDeviationPath];  // wire names joined by '.', as written in the body
  uint16_t path_length;
  std::string_view path() const { return std::string_view(path_buffer, path_length); }
};

inline constexpr uint32_t kMaxDepthLimit = 1024;
// Largest body a decoder can be configured for (simdjson's 32-bit offsets).
inline constexpr size_t kMaxBodyBytesLimit = size_t{1} << 31;

// Decodes any generated structure through its table. Use the typed aliases below.
class StructDecoder {
 public:
  explicit StructDecoder(DecodeOptions options = {});
  StructDecoder(const StructDecoder&) = delete;
  StructDecoder& operator=(const StructDecoder&) = delete;

  // Copies `json` into the decoder's padded buffer, then decodes it into `out`
  // (reset first). See the file comment for lifetimes.
  DecodeStatus Decode(std::string_view json, const StructDesc& desc, void* out);

  // Decodes `json` in place, with no copy. The caller's buffer must stay alive and
  // unchanged while the result is used, and must have at least SIMDJSON_PADDING
  // readable bytes after json.size() (`capacity` >= json.size() + SIMDJSON_PADDING);
  // their content does not matter. Fails with kBufferTooSmall otherwise.
  DecodeStatus DecodePadded(std::string_view json, size_t capacity, const StructDesc& desc, void* out);

  const DecodeOptions& options() const { return options_; }

  // The deviations from the wire format found by the last decode (at most
  // kMaxDeviations are kept; num_deviations() counts them all). In lenient mode the
  // decode succeeds anyway; in strict mode it fails with kNotWireFormat.
  const Deviation* deviations() const { return deviations_; }
  size_t num_stored_deviations() const {
    return num_deviations_ < kMaxDeviations ? num_deviations_ : kMaxDeviations;
  }
  size_t num_deviations() const { return num_deviations_; }

 private:
  struct MapFixup {
    StringMap* map;
    uint32_t begin;
  };
  class Run;  // one decode: the walk over the document

  DecodeStatus DecodeBuffer(const char* data, size_t len, size_t capacity, const StructDesc& desc, void* out);

  DecodeOptions options_;
  simdjson::ondemand::parser parser_;
  std::unique_ptr<char[]> buffer_;
  size_t buffer_capacity_ = 0;
  std::vector<StringMapEntry> map_entries_;
  std::vector<MapFixup> map_fixups_;
  std::vector<uint32_t> map_keys_scratch_;      // duplicate-key hash table, reused
  std::unique_ptr<std::string_view[]> path_;    // member names down to the current one
  static constexpr size_t kIndexNameSize = 12;  // list indexes on the path, per depth
  std::unique_ptr<char[]> index_names_;
  // The list arena: blocks kept across decodes; a decode fills them from the first.
  struct ArenaBlock {
    std::unique_ptr<unsigned char[]> data;
    size_t size;
  };
  void* ArenaAllocate(size_t bytes, size_t align);  // nullptr past max_list_bytes
  std::vector<ArenaBlock> arena_;
  size_t arena_block_ = 0;
  size_t arena_used_ = 0;
  size_t arena_total_ = 0;
  // The open containers of a value being skipped (Run::Skip iterates, never recurses).
  struct SkipFrame {
    simdjson::ondemand::object_iterator object, object_end;
    simdjson::ondemand::array_iterator array, array_end;
    uint32_t depth = 0;
    bool is_array = false;
    bool started = false;
  };
  std::vector<SkipFrame> skip_stack_;
  Deviation deviations_[kMaxDeviations];
  size_t num_deviations_ = 0;
};

// A decoder for one generated struct type T.
template <typename T>
class Decoder {
 public:
  explicit Decoder(DecodeOptions options = {}) : engine_(options) {}

  DecodeStatus Decode(std::string_view json, T* out) {
    return engine_.Decode(json, ModelTraits<T>::desc(), out);
  }
  DecodeStatus DecodePadded(std::string_view json, size_t capacity, T* out) {
    return engine_.DecodePadded(json, capacity, ModelTraits<T>::desc(), out);
  }
  const DecodeOptions& options() const { return engine_.options(); }
  const StructDecoder& engine() const { return engine_; }

 private:
  StructDecoder engine_;
};

// Reads an epoch-seconds JSON number ("1700000000", "1700000000.123456789", "1.7e9",
// "-1.5") exactly: up to nine fraction digits are kept as they are; finer digits round
// to the nearest nanosecond, halves toward +infinity. kMalformed when `number` is not
// an RFC 8259 number; kOutOfRange outside Timestamp's range (years 1 to 9999).
enum class TimestampParse { kOk, kMalformed, kOutOfRange };
TimestampParse ParseEpochSeconds(std::string_view number, Timestamp* out);

// Parses an ISO-8601 / RFC 3339 date-time ("2020-11-20T19:05:25Z",
// "2020-11-20T19:05:25.123456+01:00"), keeping its fraction as ParseEpochSeconds does.
// False when `text` is not one. The caller checks the range (year 0000 parses).
bool ParseIso8601(std::string_view text, Timestamp* out);

// Offset of the first byte that makes `data` invalid UTF-8, or data.size() if valid.
size_t FirstInvalidUtf8(std::string_view data);

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_DECODE_H_
