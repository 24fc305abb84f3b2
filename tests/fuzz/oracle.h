// The fuzz targets' shared oracles: every decode outcome, accepted or rejected, is held
// against the independent checker of json_syntax.h, and every caller-padded decode
// against the copying one. A disagreement prints the input as a C string literal, our
// class and offset, and the checker's verdict, then aborts (a finding).
//
// The syntax oracle, for a body decoded with nesting limit L:
// - accepted (also NotWireFormat, which is decided only after the whole document was
//   read): the checker finds one valid JSON value, an object, nested at most L deep;
// - InvalidUtf8: the body is not UTF-8 and the offset is the first ill-formed byte;
//   any other class with ill-formed UTF-8 in the body is a finding (stage 1 validates
//   all of it first, and README.md promises the offset of the first bad byte), except
//   that a byte order mark is MalformedJson at 0 before anything else;
// - MalformedJson: the checker rejects the body (a BOM: offset 0);
// - TrailingContent: the checker rejects it, at or before our offset (its first error
//   later than ours means we closed the root value early: a parser differential);
// - RootNotObject: the root value (valid or not) does not start with '{';
// - DepthLimit: the checker saw a bracket opening level L+1 before its first error and
//   not after our offset;
// - DuplicateMember, WrongType, NumberOutOfRange, UnknownMember, InvalidTimestamp:
//   semantic; the decoder stops at the first problem in document order, so the checker
//   must find nothing wrong before our offset (no syntax error, no level beyond L), a
//   root object, UTF-8. (The whole body need not be valid: {"ServiceArn":1,
//   is WrongType, the first problem in the text.)
// - BodyTooLarge: the body is over the limit. BufferTooSmall: never from a decode with
//   enough padding.
// Besides: WrongType names a value of another JSON type than its member's kind
// (TypeDisagreement); two nesting limits give the same outcome on a body nested within
// both (CheckDepthIndependence).
#ifndef APPRUNNER_TESTS_FUZZ_ORACLE_H_
#define APPRUNNER_TESTS_FUZZ_ORACLE_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "codec/decode.h"
#include "codec/error.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"

namespace apprunner::fuzz {

// `s` as a C string literal (octal escapes for non-printable bytes), cut after `max`.
inline std::string CLiteral(std::string_view s, size_t max = 2000) {
  std::string out = "\"";
  char buf[8];
  bool after_octal = false;
  for (size_t i = 0; i < s.size() && i < max; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F || (after_octal && c >= '0' && c <= '7')) {
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
      after_octal = true;
      continue;
    } else {
      out += static_cast<char>(c);
    }
    after_octal = false;
  }
  out += '"';
  if (s.size() > max) out += " /* ... " + std::to_string(s.size()) + " bytes in all */";
  return out;
}

inline std::string Verdict(const JsonSyntaxResult& r, std::string_view body) {
  std::string v = r.valid ? "valid" : "invalid, first error at byte " + std::to_string(r.error);
  v += "; root '";
  v += r.root ? std::string(1, r.root) : std::string("none");
  v += "'; max depth " + std::to_string(r.max_depth);
  if (r.over_depth != JsonSyntaxResult::kNone)
    v += "; beyond the limit at byte " + std::to_string(r.over_depth);
  if (r.bom) v += r.valid_after_bom ? "; BOM, valid after it" : "; BOM, invalid after it";
  size_t bad = FirstIllFormedUtf8(body);
  if (bad < body.size()) v += "; ill-formed UTF-8 at byte " + std::to_string(bad);
  return v;
}

[[noreturn]] inline void Finding(const char* who, const char* why, std::string_view body,
                                 const std::string& details) {
  std::fprintf(stderr, "FINDING (%s): %s\n  input (%zu bytes): %s\n  %s\n", who, why, body.size(),
               CLiteral(body).c_str(), details.c_str());
  std::abort();
}

inline std::string Describe(const codec::DecodeStatus& s) {
  std::string d = std::string(codec::CodecErrorName(s.code)) + " at byte " + std::to_string(s.offset);
  if (!s.detail.empty()) d += " (" + std::string(s.detail) + ")";
  if (s.field != nullptr) d += " member " + std::string(s.field->wire_name);
  return d;
}

// The reason `s` contradicts the checker, or nullptr.
inline const char* SyntaxDisagreement(std::string_view body, const codec::DecodeStatus& s,
                                      const JsonSyntaxResult& r, uint32_t max_depth, size_t max_body_bytes) {
  using E = codec::CodecError;
  constexpr size_t kNone = JsonSyntaxResult::kNone;
  size_t bad_utf8 = FirstIllFormedUtf8(body);
  bool utf8 = bad_utf8 == body.size();
  size_t first = body.find_first_not_of(" \t\n\r");
  char lead = first == std::string_view::npos ? '\0' : body[first];
  if (s.offset > body.size()) return "offset beyond the body";
  if (body.size() > max_body_bytes) {
    return s.code == E::kBodyTooLarge ? nullptr : "a body over the limit must be BodyTooLarge";
  }
  switch (s.code) {
    case E::kOk:
    case E::kNotWireFormat:
      if (!r.valid) return "accepted (or read to the end) a body the checker rejects";
      if (r.root != '{') return "accepted a root that is not an object";
      if (r.max_depth > max_depth) return "accepted nesting deeper than the limit";
      return nullptr;
    case E::kBodyTooLarge: return "BodyTooLarge for a body within the limit";
    case E::kBufferTooSmall: return "BufferTooSmall from a decode with enough padding";
    case E::kInvalidUtf8:
      if (r.bom) return "a BOM must be reported as MalformedJson at byte 0";
      if (utf8) return "InvalidUtf8 for well-formed UTF-8";
      if (s.offset != bad_utf8) return "InvalidUtf8 not at the first ill-formed byte";
      return nullptr;
    case E::kMalformedJson:
      if (r.valid) return "MalformedJson for a valid body";
      if (r.bom) return s.offset == 0 ? nullptr : "a BOM is reported at byte 0";
      if (!utf8) return "ill-formed UTF-8 must be reported as InvalidUtf8";
      return nullptr;
    case E::kTrailingContent:
      if (r.valid) return "TrailingContent for a valid body";
      if (r.bom || !utf8) return "TrailingContent for a body with a BOM or ill-formed UTF-8";
      if (r.error > s.offset)
        return "TrailingContent before the checker's first error: the root was closed early";
      return nullptr;
    case E::kRootNotObject:
      if (r.bom || !utf8) return "RootNotObject for a body with a BOM or ill-formed UTF-8";
      if (lead == '{') return "RootNotObject for a root that starts with '{'";
      return nullptr;
    case E::kDepthLimit:
      if (r.bom || !utf8) return "DepthLimit for a body with a BOM or ill-formed UTF-8";
      if (r.over_depth == kNone)
        return "DepthLimit, but the checker sees no level beyond the limit before its first error";
      if (r.over_depth > s.offset) return "DepthLimit reported before the first bracket beyond the limit";
      return nullptr;
    case E::kDuplicateMember:
    case E::kWrongType:
    case E::kNumberOutOfRange:
    case E::kUnknownMember:
    case E::kInvalidTimestamp:
      if (r.bom || !utf8) return "a semantic class for a body with a BOM or ill-formed UTF-8";
      if (lead != '{') return "a semantic class for a root that is not an object";
      if (!r.valid && r.error <= s.offset)
        return "a semantic class at or after the checker's first syntax error (a syntax error went "
               "unreported)";
      if (r.over_depth != kNone && r.over_depth < s.offset)
        return "a semantic class after a level beyond the depth limit";
      return nullptr;
  }
  return "unknown class";
}

// WrongType must name a value of another JSON type than the member's kind: the first
// byte at the offset says which (a number with a fraction or exponent is not an
// integer). Map and list members are left out (the offset may be an entry's value or a
// list item).
inline const char* TypeDisagreement(std::string_view body, const codec::DecodeStatus& s) {
  using codec::FieldKind;
  if (s.code != codec::CodecError::kWrongType || s.field == nullptr || s.offset >= body.size()) {
    return nullptr;
  }
  char c = body[s.offset];
  bool number = c == '-' || (c >= '0' && c <= '9');
  switch (s.field->kind) {
    case FieldKind::kString:
    case FieldKind::kEnum: return c == '"' ? "WrongType for a string" : nullptr;
    case FieldKind::kBoolean: return c == 't' || c == 'f' ? "WrongType for a boolean" : nullptr;
    case FieldKind::kStructure: return c == '{' ? "WrongType for an object" : nullptr;
    case FieldKind::kTimestamp:
      return number || c == '"' ? "WrongType for a number or a (lenient) timestamp string" : nullptr;
    case FieldKind::kInteger: {
      if (!number) return nullptr;
      size_t end = body.find_first_not_of("+-.0123456789eE", s.offset);
      std::string_view token = body.substr(s.offset, end == std::string_view::npos ? end : end - s.offset);
      return token.find_first_of(".eE") == std::string_view::npos ? "WrongType for an integer" : nullptr;
    }
    case FieldKind::kMap:
    case FieldKind::kList:  // the offset may be the list's or an element's (null included)
      return nullptr;
  }
  return nullptr;
}

// Holds one decode outcome against the checker; aborts with a report on disagreement.
inline void CheckSyntax(const char* who, std::string_view body, const codec::DecodeStatus& s,
                        uint32_t max_depth = codec::kDefaultMaxDepth,
                        size_t max_body_bytes = size_t{1} << 20) {
  JsonSyntaxResult r = JsonSyntax::Check(body, max_depth);
  if (const char* why = SyntaxDisagreement(body, s, r, max_depth, max_body_bytes)) {
    Finding(who, why, body, "ours: " + Describe(s) + "\n  checker: " + Verdict(r, body));
  }
  if (const char* why = TypeDisagreement(body, s)) Finding(who, why, body, "ours: " + Describe(s));
}

// Nesting limits the fuzz targets also decode with (besides the default 1000): each
// level a model map or structure can sit at, the old default (64) and its neighbour,
// one below the default, and the ends of the allowed range.
inline constexpr uint32_t kFuzzDepths[] = {1, 2, 3, 4, 5, 6, 7, 8, 63, 64, 999, 1024};

inline uint32_t PickDepth(const uint8_t* data, size_t size) {
  size_t n = sizeof kFuzzDepths / sizeof kFuzzDepths[0];
  return kFuzzDepths[(size + (size > 1 ? data[size - 1] : 0)) % n];
}

// Decoding with limit `a` and with limit `b` must give the same outcome when the
// checker finds the body (up to its first error) nested no deeper than either.
inline void CheckDepthIndependence(const char* who, std::string_view body, uint32_t a,
                                   const codec::DecodeStatus& sa, uint32_t b, const codec::DecodeStatus& sb) {
  JsonSyntaxResult r = JsonSyntax::Check(body);
  if (r.max_depth > a || r.max_depth > b) return;
  if (sa.code != sb.code || sa.offset != sb.offset) {
    Finding(who, "the outcome depends on a nesting limit the body stays within", body,
            "limit " + std::to_string(a) + ": " + Describe(sa) + "\n  limit " + std::to_string(b) + ": " +
                Describe(sb) + "\n  checker: " + Verdict(r, body));
  }
}

// Padding contents for DecodePadded: bytes that would change the result if the decoder
// read them as content.
enum class Padding {
  kReversed,
  kForward,
  kFF,
  kQuote,
  kBrace,
  kBracket,
  kBackslash,
  kDigit,
  kSpace,
  kZero,
  kComma,
  kCount
};

inline void FillPadding(char* p, size_t n, Padding kind, std::string_view input) {
  static const char kByte[] = {0, 0, '\xFF', '"', '}', ']', '\\', '7', ' ', '\0', ','};
  for (size_t i = 0; i < n; ++i) {
    if ((kind == Padding::kReversed || kind == Padding::kForward) && !input.empty()) {
      size_t k = i % input.size();
      p[i] = kind == Padding::kForward ? input[k] : input[input.size() - 1 - k];
    } else {
      p[i] = kByte[static_cast<int>(kind)];
    }
  }
}

// Decodes `body` through DecodePadded, from a buffer exactly as long as the capacity
// given (so ASan sees any read beyond it), padded with `kind`; the code, offset, member
// and decoded value must equal what Decode gave (`expect`, `expect_value`). A failed
// decode must leave the value reset. Also: a buffer one byte short of the padding is
// BufferTooSmall.
template <typename T>
void CheckPadded(const char* who, codec::Decoder<T>& decoder, std::string_view body,
                 const codec::DecodeStatus& expect, const T& expect_value, Padding kind, size_t extra = 0) {
  size_t capacity = body.size() + simdjson::SIMDJSON_PADDING + extra;
  std::unique_ptr<char[]> buffer(new char[capacity]);
  if (!body.empty()) std::memcpy(buffer.get(), body.data(), body.size());
  FillPadding(buffer.get() + body.size(), capacity - body.size(), kind, body);
  std::string_view json(buffer.get(), body.size());
  T value;
  codec::DecodeStatus s = decoder.DecodePadded(json, capacity, &value);
  std::string padding_note = " (padding kind " + std::to_string(static_cast<int>(kind)) + ")";
  if (s.code != expect.code || s.offset != expect.offset || s.field != expect.field) {
    Finding(who, "DecodePadded and Decode disagree", body,
            "Decode: " + Describe(expect) + "\n  DecodePadded: " + Describe(s) + padding_note);
  }
  if (!(value == expect_value)) {
    Finding(who, "DecodePadded decoded another value than Decode", body, Describe(s) + padding_note);
  }
  if (!s.ok() && !(value == T{}))
    Finding(who, "a failed DecodePadded left a half-decoded value", body, Describe(s));
  if (body.size() > decoder.options().max_body_bytes) return;
  T ignored;
  codec::DecodeStatus small = decoder.DecodePadded(json, capacity - extra - 1, &ignored);
  if (small.code != codec::CodecError::kBufferTooSmall) {
    Finding(who, "DecodePadded with too little padding is not BufferTooSmall", body, Describe(small));
  }
}

// CheckPadded for any operation's struct, read through its table: `expect_value` is
// what Decode gave (an object of `desc`), `scratch` an object of `desc` the padded
// decode may overwrite (reused across calls: a failed decode must reset it even when it
// held a value).
inline void CheckPaddedDesc(const char* who, codec::StructDecoder& decoder, const codec::StructDesc& desc,
                            void* scratch, std::string_view body, const codec::DecodeStatus& expect,
                            const void* expect_value, Padding kind, size_t extra = 0) {
  size_t capacity = body.size() + simdjson::SIMDJSON_PADDING + extra;
  std::unique_ptr<char[]> buffer(new char[capacity]);
  if (!body.empty()) std::memcpy(buffer.get(), body.data(), body.size());
  FillPadding(buffer.get() + body.size(), capacity - body.size(), kind, body);
  std::string_view json(buffer.get(), body.size());
  codec::DecodeStatus s = decoder.DecodePadded(json, capacity, desc, scratch);
  std::string padding_note =
      " (padding kind " + std::to_string(static_cast<int>(kind)) + ", " + std::string(desc.name) + ")";
  if (s.code != expect.code || s.offset != expect.offset || s.field != expect.field) {
    Finding(who, "DecodePadded and Decode disagree", body,
            "Decode: " + Describe(expect) + "\n  DecodePadded: " + Describe(s) + padding_note);
  }
  if (!StructEqual(desc, scratch, expect_value)) {
    Finding(who, "DecodePadded decoded another value than Decode", body, Describe(s) + padding_note);
  }
  if (!s.ok() && !IsReset(desc, scratch)) {
    Finding(who, "a failed DecodePadded left a half-decoded value", body, Describe(s) + padding_note);
  }
  if (body.size() > decoder.options().max_body_bytes) return;
  codec::DecodeStatus small = decoder.DecodePadded(json, capacity - extra - 1, desc, scratch);
  if (small.code != codec::CodecError::kBufferTooSmall) {
    Finding(who, "DecodePadded with too little padding is not BufferTooSmall", body, Describe(small));
  }
}

}  // namespace apprunner::fuzz

#endif  // APPRUNNER_TESTS_FUZZ_ORACLE_H_
