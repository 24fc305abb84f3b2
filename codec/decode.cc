#include "codec/decode.h"

#include <algorithm>
#include <bitset>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "codec/member_hash.h"

namespace apprunner::codec {

namespace ondemand = simdjson::ondemand;

std::string_view CodecErrorName(CodecError code) {
  switch (code) {
    case CodecError::kOk: return "Ok";
    case CodecError::kBodyTooLarge: return "BodyTooLarge";
    case CodecError::kBufferTooSmall: return "BufferTooSmall";
    case CodecError::kInvalidUtf8: return "InvalidUtf8";
    case CodecError::kMalformedJson: return "MalformedJson";
    case CodecError::kRootNotObject: return "RootNotObject";
    case CodecError::kTrailingContent: return "TrailingContent";
    case CodecError::kDepthLimit: return "DepthLimit";
    case CodecError::kDuplicateMember: return "DuplicateMember";
    case CodecError::kWrongType: return "WrongType";
    case CodecError::kNumberOutOfRange: return "NumberOutOfRange";
    case CodecError::kUnknownMember: return "UnknownMember";
    case CodecError::kInvalidTimestamp: return "InvalidTimestamp";
    case CodecError::kNotWireFormat: return "NotWireFormat";
  }
  return "Unknown";
}

std::string_view DeviationKindName(DeviationKind kind) {
  switch (kind) {
    case DeviationKind::kTimestampString: return "timestamp as an ISO-8601 string";
    case DeviationKind::kMapAsList: return "map as a list of one-pair objects";
    case DeviationKind::kMemberNameCase: return "member name differs from the model in case";
    case DeviationKind::kNullMapValue: return "null map value (entry dropped)";
  }
  return "unknown";
}

namespace {

bool Digits(std::string_view s, size_t at, size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
// `integer` is set when there is neither a fraction nor an exponent.
bool IsJsonNumber(std::string_view t, bool* integer) {
  size_t i = 0, n = t.size();
  auto digits = [&]() {
    size_t start = i;
    while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && t[i] == '-') ++i;
  if (i < n && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  *integer = true;
  if (i < n && t[i] == '.') {
    ++i;
    if (!digits()) return false;
    *integer = false;
  }
  if (i < n && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
    *integer = false;
  }
  return i == n;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

__extension__ typedef unsigned __int128 Uint128;

constexpr uint64_t kNanosPerSecond = 1000000000;

// A digit string made of two runs (a number's integer and fraction digits), read as
// one without copying them together.
class DigitRuns {
 public:
  DigitRuns(std::string_view high, std::string_view low) : high_(high), low_(low) {
    while (!high_.empty() && high_[0] == '0') high_.remove_prefix(1);
    if (high_.empty()) {
      while (!low_.empty() && low_[0] == '0') low_.remove_prefix(1);
    }
  }
  size_t size() const { return high_.size() + low_.size(); }  // without leading zeros
  int operator[](size_t i) const { return (i < high_.size() ? high_[i] : low_[i - high_.size()]) - '0'; }
  bool AnyNonZeroFrom(size_t i) const {
    for (; i < size(); ++i) {
      if ((*this)[i] != 0) return true;
    }
    return false;
  }

 private:
  std::string_view high_, low_;
};

// The exact decimal `digits` times 10^scale, rounded to an integer: halves go up when
// `halves_up`, else down (for a negative value's magnitude, so that the signed value
// rounds halves toward +infinity either way). False when the result needs 22 digits
// or more (far beyond any timestamp in nanoseconds).
bool ScaledDecimal(const DigitRuns& digits, int64_t scale, bool halves_up, Uint128* out) {
  *out = 0;
  const auto size = static_cast<int64_t>(digits.size());
  if (size == 0) return true;
  const int64_t integer_digits = size + scale;
  if (integer_digits > 21) return false;
  Uint128 n = 0;
  for (int64_t i = 0; i < integer_digits; ++i) n = n * 10 + (i < size ? digits[i] : 0);
  if (integer_digits < size) {
    // Digits dropped: the first decides, the others only break a tie.
    int first = 0;
    bool rest;
    if (integer_digits < 0) {
      rest = true;  // digits is not zero: what is dropped is below a half
    } else {
      first = digits[integer_digits];
      rest = digits.AnyNonZeroFrom(integer_digits + 1);
    }
    if (first > 5 || (first == 5 && (rest || halves_up))) ++n;
  }
  *out = n;
  return true;
}

// Splits a signed count of nanoseconds into a Timestamp; false outside its range.
bool FromNanos(bool negative, Uint128 magnitude, Timestamp* out) {
  const Uint128 whole = magnitude / kNanosPerSecond;
  const auto part = static_cast<int32_t>(magnitude % kNanosPerSecond);
  if (!negative) {
    if (whole > static_cast<Uint128>(Timestamp::kMaxSeconds)) return false;
    *out = Timestamp{static_cast<int64_t>(whole), part};
    return true;
  }
  const Uint128 floor_magnitude = whole + (part != 0);
  if (floor_magnitude > static_cast<Uint128>(-Timestamp::kMinSeconds)) return false;
  *out = Timestamp{-static_cast<int64_t>(floor_magnitude), part == 0 ? 0 : Timestamp::kNanosPerSecond - part};
  return true;
}

}  // namespace

TimestampParse ParseEpochSeconds(std::string_view t, Timestamp* out) {
  bool integer;
  if (!IsJsonNumber(t, &integer)) return TimestampParse::kMalformed;
  const bool negative = t[0] == '-';
  size_t i = negative ? 1 : 0;
  const size_t int_begin = i;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
  std::string_view int_digits = t.substr(int_begin, i - int_begin);
  std::string_view frac_digits;
  if (i < t.size() && t[i] == '.') {
    const size_t frac_begin = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    frac_digits = t.substr(frac_begin, i - frac_begin);
  }
  int64_t exponent = 0;
  if (i < t.size()) {  // 'e' or 'E', as IsJsonNumber checked
    ++i;
    bool negative_exponent = t[i] == '-';
    if (t[i] == '+' || t[i] == '-') ++i;
    for (; i < t.size(); ++i) {
      // Clamped above 10^15: beyond any digit count a body can have (2^31 bytes at
      // most), so a clamped exponent still puts a nonzero value out of range or rounds
      // it to zero, and scale and digit arithmetic below stays far from overflow.
      if (exponent < 1000000000000000) exponent = exponent * 10 + (t[i] - '0');
    }
    if (negative_exponent) exponent = -exponent;
  }
  if (exponent == 0 && int_digits.size() <= 12 && frac_digits.size() <= 9) {
    // The wire's usual form (1700000000.123): the parts are the seconds and the
    // nanoseconds as written, in 64-bit arithmetic.
    int64_t whole = 0;
    for (char c : int_digits) whole = whole * 10 + (c - '0');
    int32_t nanos = 0;
    for (char c : frac_digits) nanos = nanos * 10 + (c - '0');
    static constexpr int32_t kScale[] = {1000000000, 100000000, 10000000, 1000000, 100000,
                                         10000,      1000,      100,      10,      1};
    nanos *= kScale[frac_digits.size()];
    Timestamp t = !negative    ? Timestamp{whole, nanos}
                  : nanos == 0 ? Timestamp{-whole, 0}
                               : Timestamp{-whole - 1, Timestamp::kNanosPerSecond - nanos};
    if (t.seconds < Timestamp::kMinSeconds || t.seconds > Timestamp::kMaxSeconds) {
      return TimestampParse::kOutOfRange;
    }
    *out = t;
    return TimestampParse::kOk;
  }
  // (int_digits frac_digits) x 10^scale nanoseconds. Only fraction digits beyond the
  // ninth (or an exponent below -9) make it round.
  const int64_t scale = exponent + 9 - static_cast<int64_t>(frac_digits.size());
  Uint128 nanos = 0;
  if (!ScaledDecimal(DigitRuns(int_digits, frac_digits), scale, !negative, &nanos)) {
    return TimestampParse::kOutOfRange;
  }
  return FromNanos(negative, nanos, out) ? TimestampParse::kOk : TimestampParse::kOutOfRange;
}

bool ParseIso8601(std::string_view s, Timestamp* out) {
  int year, month, day, hour, minute, second;
  if (!Digits(s, 0, 4, &year) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &month) || s[7] != '-' ||
      !Digits(s, 8, 2, &day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !Digits(s, 11, 2, &hour) ||
      s[13] != ':' || !Digits(s, 14, 2, &minute) || s[16] != ':' || !Digits(s, 17, 2, &second)) {
    return false;
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] || (month == 2 && day == 29 && !leap) ||
      hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  size_t i = 19;
  Uint128 frac_nanos = 0;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
    // The fraction to the nanosecond: exact up to nine digits, rounded (halves up)
    // beyond; .9999999996 carries into the next second.
    if (!ScaledDecimal(DigitRuns({}, s.substr(start, i - start)), 9 - static_cast<int64_t>(i - start),
                       /*halves_up=*/true, &frac_nanos)) {
      return false;
    }
  }
  int64_t offset_minutes = 0;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
  } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    int oh, om;
    if (!Digits(s, i + 1, 2, &oh) || i + 3 >= s.size() || s[i + 3] != ':' || !Digits(s, i + 4, 2, &om) ||
        oh > 23 || om > 59) {
      return false;
    }
    offset_minutes = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return false;  // a date-time without a zone is ambiguous
  }
  if (i != s.size()) return false;
  int64_t seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  *out = Timestamp{seconds + static_cast<int64_t>(frac_nanos / kNanosPerSecond),
                   static_cast<int32_t>(frac_nanos % kNanosPerSecond)};
  return true;
}

size_t FirstInvalidUtf8(std::string_view data) {
  const auto* s = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size(), i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t width;
    uint32_t min_cp;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      width = 2;
      min_cp = 0x80;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      width = 3;
      min_cp = 0x800;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      width = 4;
      min_cp = 0x10000;
      cp = c & 0x07;
    } else
      return i;
    if (i + width > n) return i;
    for (size_t k = 1; k < width; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += width;
  }
  return n;
}

namespace {

// Eight copies of byte b.
constexpr uint64_t Broadcast(uint8_t b) { return 0x0101010101010101ULL * b; }

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "FindStringStop takes the first byte of a word as its lowest");

// The first '"' or '\\' at or after p, sixteen bytes at a time (eight without SSE2):
// where a string's plain content ends. Raw control characters need no check here:
// simdjson's stage 1 rejects a document with one inside any string (UNESCAPED_CHARS,
// mapped to its offset by FailSimdjson) before a single value is read. The caller
// guarantees such a byte exists, and that 15 bytes past it can be read: simdjson
// closes every string (stage 1) and the buffer has SIMDJSON_PADDING (64) bytes after
// the document. The lowest flagged byte of each word is exact (the carries of the
// subtractions below only flag bytes above a true hit; SSE2's compares are exact), and
// it is the only one used.
inline const char* FindStringStop(const char* p) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (;; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
    int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
  }
#else
  for (;; p += 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    uint64_t q = w ^ Broadcast('"');
    uint64_t quote = (q - Broadcast(0x01)) & ~q;
    uint64_t b = w ^ Broadcast('\\');
    uint64_t backslash = (b - Broadcast(0x01)) & ~b;
    uint64_t hits = (quote | backslash) & Broadcast(0x80);
    if (hits != 0) return p + (__builtin_ctzll(hits) >> 3);
  }
#endif
}

// a == b for short strings (member names) without a call to memcmp: overlapping loads
// that never leave either string.
inline bool SameName(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  auto load8 = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load4 = [](const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  };
  if (n >= 8) {
    size_t i = 0;
    for (; i + 8 < n; i += 8) {
      if (load8(a.data() + i) != load8(b.data() + i)) return false;
    }
    return load8(a.data() + n - 8) == load8(b.data() + n - 8);
  }
  if (n >= 4) {
    return load4(a.data()) == load4(b.data()) && load4(a.data() + n - 4) == load4(b.data() + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

inline bool IsJsonSpace(char c);

// A scalar's token without the whitespace On-Demand includes after it.
std::string_view ScalarToken(std::string_view token) {
  size_t end = token.size();
  while (end > 0 && IsJsonSpace(token[end - 1])) --end;
  return token.substr(0, end);
}

inline bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Error path only: when simdjson's stage 1 rejects a document it reports no position.
// This scan finds the first raw control character inside a string, an unterminated
// string, the end of the root value when content follows it, or an unclosed root.
struct Diagnosis {
  CodecError code;
  size_t offset;
  std::string_view detail;
};

Diagnosis Diagnose(const char* p, size_t n) {
  size_t depth = 0;
  std::bitset<kMaxDepthLimit + 1> is_array;  // kind of each open bracket (bounded depth)
  bool in_string = false;
  size_t string_start = 0;
  size_t i = 0;
  while (i < n && IsJsonSpace(p[i])) ++i;
  for (; i < n; ++i) {
    char c = p[i];
    if (in_string) {
      if (static_cast<unsigned char>(c) < 0x20) {
        return {CodecError::kMalformedJson, i, "control character in a string"};
      }
      if (c == '\\') {
        ++i;
        continue;
      }
      if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      string_start = i;
      continue;
    }
    if (c == '{' || c == '[') {
      if (depth <= kMaxDepthLimit) is_array[depth] = c == '[';
      ++depth;
      continue;
    }
    if (c == '}' || c == ']') {
      if (depth == 0) return {CodecError::kMalformedJson, i, "unbalanced bracket"};
      if (depth - 1 <= kMaxDepthLimit && is_array[depth - 1] != (c == ']')) {
        return {CodecError::kMalformedJson, i, "mismatched bracket"};
      }
      if (--depth == 0) {
        size_t j = i + 1;
        while (j < n && IsJsonSpace(p[j])) ++j;
        if (j < n) return {CodecError::kTrailingContent, j, "content after the JSON object"};
        return {CodecError::kMalformedJson, i, "improper structure"};
      }
    }
  }
  if (in_string) return {CodecError::kMalformedJson, string_start, "unterminated string"};
  if (depth > 0) return {CodecError::kMalformedJson, n, "unexpected end of input: unclosed object or array"};
  return {CodecError::kMalformedJson, 0, "improper structure"};
}

}  // namespace

// One decode of one document. Kept out of the header: all simdjson state lives here.
class StructDecoder::Run {
 public:
  Run(StructDecoder& owner, const char* data, size_t len) : owner_(owner), data_(data), len_(len) {}

  DecodeStatus Document(const StructDesc& desc, void* out) {
    if (len_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) {
      return Fail(CodecError::kMalformedJson, data_, "byte order mark before the JSON text");
    }
    ondemand::document doc;
    auto err = owner_.parser_.iterate(data_, len_, capacity_).get(doc);
    if (err == simdjson::EMPTY) {
      // A zero-length (or whitespace-only) body: for an operation's output, the
      // output with no members (awsJson1_0: AwsJson10ServiceRespondsWithNoPayload);
      // for anything else, not a JSON document.
      if (desc.empty_body_is_no_members) return {};
      return Fail(CodecError::kMalformedJson, data_, "empty body");
    }
    if (err) return FailSimdjson(err, data_);
    doc_ = &doc;
    ondemand::json_type type;
    if ((err = doc.type().get(type))) return FailSimdjson(err, Location(doc));
    if (type != ondemand::json_type::object) {
      return Fail(CodecError::kRootNotObject, Location(doc), "the body must be a JSON object");
    }
    ondemand::object object;
    if ((err = doc.get_object().get(object))) return FailSimdjson(err, Location(doc));
    DecodeStatus s = Object(object, desc, out, 1);
    if (!s.ok()) return s;
    const char* rest = nullptr;
    err = doc.current_location().get(rest);
    if (err != simdjson::OUT_OF_BOUNDS) {
      if (err) return FailSimdjson(err, data_ + len_);
      return Fail(CodecError::kTrailingContent, rest, "content after the JSON object");
    }
    if (format_deviation_ != nullptr && !owner_.options_.lenient) {
      return Fail(CodecError::kNotWireFormat, format_deviation_,
                  "not the awsJson1_0 wire format (lenient mode accepts it)");
    }
    return {};
  }

  void set_capacity(size_t capacity) { capacity_ = capacity; }

  // Records a use of a lenient-only form at `at`; `last` is the path's final element
  // when it is not on the path stack yet.
  void Deviate(DeviationKind kind, const char* at, const std::string_view* last = nullptr) {
    if ((kind == DeviationKind::kTimestampString || kind == DeviationKind::kMapAsList) &&
        format_deviation_ == nullptr) {
      format_deviation_ = at;
    }
    size_t n = owner_.num_deviations_++;
    if (n >= kMaxDeviations) return;
    Deviation& d = owner_.deviations_[n];
    d.kind = kind;
    d.offset = static_cast<uint32_t>(at - data_);
    size_t len = 0;
    auto append = [&](std::string_view part) {
      if (len && len < kMaxDeviationPath) d.path_buffer[len++] = '.';
      size_t take = part.size() < kMaxDeviationPath - len ? part.size() : kMaxDeviationPath - len;
      std::memcpy(d.path_buffer + len, part.data(), take);
      len += take;
    };
    for (uint32_t i = 0; i < path_depth_; ++i) append(path_[i]);
    if (last != nullptr) append(*last);
    d.path_length = static_cast<uint16_t>(len);
  }

 private:
  DecodeStatus Fail(CodecError code, const char* at, std::string_view detail,
                    const FieldDesc* field = nullptr) {
    size_t off = at && at >= data_ && at <= data_ + len_ ? static_cast<size_t>(at - data_) : 0;
    return DecodeStatus{code, static_cast<uint32_t>(off), field, detail, {}};
  }

  DecodeStatus FailSimdjson(simdjson::error_code err, const char* at, const FieldDesc* field = nullptr) {
    switch (err) {
      case simdjson::UNESCAPED_CHARS:
      case simdjson::UNCLOSED_STRING:
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: {
        // Stage 1 stops at the first of several problems; invalid UTF-8 (a UTF-16
        // body, say) is the most basic one, so it is the one reported.
        size_t bad = FirstInvalidUtf8(std::string_view(data_, len_));
        if (bad < len_) return Fail(CodecError::kInvalidUtf8, data_ + bad, "invalid UTF-8", field);
        Diagnosis d = Diagnose(data_, len_);
        return Fail(d.code, data_ + d.offset, d.detail, field);
      }
      case simdjson::UTF8_ERROR: {
        size_t bad = FirstInvalidUtf8(std::string_view(data_, len_));
        return Fail(CodecError::kInvalidUtf8, data_ + bad, "invalid UTF-8", field);
      }
      case simdjson::DEPTH_ERROR: return Fail(CodecError::kDepthLimit, at, "nesting too deep", field);
      case simdjson::CAPACITY: return Fail(CodecError::kBodyTooLarge, data_, "body too large", field);
      case simdjson::NUMBER_OUT_OF_RANGE:
        return Fail(CodecError::kNumberOutOfRange, at, "number out of range", field);
      default: return Fail(CodecError::kMalformedJson, at, simdjson::error_message(err), field);
    }
  }

  // Where the document iterator stands (the end of input when it ran off it).
  template <typename T>
  const char* Location(T&) {
    const char* loc = nullptr;
    if (doc_ == nullptr || doc_->current_location().get(loc)) return data_ + len_;
    return loc;
  }

  // Reads a key: its unescaped text and where it starts (the opening quote).
  DecodeStatus Key(ondemand::field& field, std::string_view* key, const char** at) {
    const char* start = field.key().raw();
    *at = start - 1;
    const char* p = FindStringStop(start);
    if (*p == '"') {
      *key = std::string_view(start, static_cast<size_t>(p - start));
      return {};
    }
    auto err = field.unescaped_key().get(*key);
    if (err) return Fail(CodecError::kMalformedJson, *at, "invalid escape in a member name");
    return {};
  }

  // A JSON string value: a view into the input, or into simdjson's string buffer when
  // it has escapes.
  DecodeStatus String(ondemand::value& v, std::string_view* out, const FieldDesc* field) {
    std::string_view token = v.raw_json_token();
    if (token.size() < 2 || token[0] != '"') {
      return Fail(CodecError::kMalformedJson, token.data(), "unterminated string", field);
    }
    const char* start = token.data() + 1;
    const char* stop = FindStringStop(start);
    if (stop >= token.data() + token.size()) {
      return Fail(CodecError::kMalformedJson, token.data(), "unterminated string", field);
    }
    if (*stop == '"') {
      *out = std::string_view(start, static_cast<size_t>(stop - start));
      // Consume the token. A value left unconsumed is skipped by On-Demand's
      // bracket counter when the iteration moves on, and that counter treats a ':'
      // after the value like an opening bracket: {"a":"x":"y",...} would then be read
      // past, misaligned, instead of rejected (a fuzzer finding).
      ondemand::raw_json_string consumed;
      if (v.get_raw_json_string().get(consumed)) {
        return Fail(CodecError::kMalformedJson, token.data(), "unterminated string", field);
      }
      return {};
    }
    // Escaped (stop is a backslash): simdjson unescapes it into its string buffer.
    auto err = v.get_string().get(*out);
    if (err) return Fail(CodecError::kMalformedJson, token.data(), "invalid escape in a string", field);
    return {};
  }

  // A value of another JSON type than the member's is WrongType, unless the value is
  // not even well-formed JSON, which is MalformedJson wherever it appears. `depth` is
  // the depth of the value itself.
  DecodeStatus CheckType(ondemand::value& v, ondemand::json_type want, const FieldDesc* field, const char* at,
                         uint32_t depth) {
    ondemand::json_type type;
    auto err = v.type().get(type);
    if (err) return FailSimdjson(err, at, field);
    if (type == want) return {};
    DecodeStatus s = Skip(v, depth);
    if (!s.ok()) return s;
    return Fail(CodecError::kWrongType, at, "wrong JSON type", field);
  }

  // Classifies a number simdjson would not convert: not JSON at all (MalformedJson),
  // a fraction or exponent where an integer belongs (WrongType), or too big.
  DecodeStatus NumberError(std::string_view token, const char* at, const FieldDesc* field,
                           bool want_integer) {
    bool integer = false;
    if (!IsJsonNumber(ScalarToken(token), &integer)) {
      return Fail(CodecError::kMalformedJson, at, "invalid number", field);
    }
    if (want_integer && !integer) return Fail(CodecError::kWrongType, at, "not an integer", field);
    return Fail(CodecError::kNumberOutOfRange, at, "number out of range", field);
  }

  // `depth` is the depth of the object holding the member; its value sits one below.
  DecodeStatus Member(ondemand::value& v, const FieldDesc& f, void* object, uint32_t depth, const char* at) {
    return Value(v, f, f.kind, f.shape, f.sub, f.emplace(object), depth, at);
  }

  // One value of kind `kind` into `out` (constructed, of the kind's C++ type): a
  // member's, or a list element's (then `f` is the list member). `depth` is the depth
  // of the container holding the value.
  DecodeStatus Value(ondemand::value& v, const FieldDesc& f, FieldKind kind, const ShapeDesc* shape,
                     const StructDesc* sub, void* out, uint32_t depth, const char* at) {
    using ondemand::json_type;
    const uint32_t value_depth = depth + 1;
    switch (kind) {
      case FieldKind::kString: {
        // `at` is the value's first byte: a quote is a string (as On-Demand's type()
        // says), anything else goes through the full check and its error.
        if (*at != '"') {
          DecodeStatus s = CheckType(v, json_type::string, &f, at, value_depth);
          if (!s.ok()) return s;
        }
        return String(v, static_cast<std::string_view*>(out), &f);
      }
      case FieldKind::kEnum: {
        if (*at != '"') {
          DecodeStatus s = CheckType(v, json_type::string, &f, at, value_depth);
          if (!s.ok()) return s;
        }
        auto* e = static_cast<EnumValue*>(out);
        DecodeStatus s = String(v, &e->wire, &f);
        if (!s.ok()) return s;
        e->index = kUnknownEnumIndex;
        for (uint16_t i = 0; i < shape->num_enum_values; ++i) {
          if (shape->enum_values[i] == e->wire) {
            e->index = i;
            break;
          }
        }
        return {};
      }
      case FieldKind::kInteger: {
        DecodeStatus s = CheckType(v, json_type::number, &f, at, value_depth);
        if (!s.ok()) return s;
        int64_t n;
        std::string_view token = v.raw_json_token();
        if (v.get_int64().get(n)) return NumberError(token, at, &f, true);
        if (n < INT32_MIN || n > INT32_MAX) {
          return Fail(CodecError::kNumberOutOfRange, at, "integer outside 32 bits", &f);
        }
        *static_cast<int32_t*>(out) = static_cast<int32_t>(n);
        return {};
      }
      case FieldKind::kBoolean: {
        DecodeStatus s = CheckType(v, json_type::boolean, &f, at, value_depth);
        if (!s.ok()) return s;
        bool b;
        auto err = v.get_bool().get(b);
        if (err) return Fail(CodecError::kMalformedJson, at, "invalid literal", &f);
        *static_cast<bool*>(out) = b;
        return {};
      }
      case FieldKind::kTimestamp: {
        if (*at == '"') {
          Deviate(DeviationKind::kTimestampString, at);
          std::string_view text;
          DecodeStatus s = String(v, &text, &f);
          if (!s.ok()) return s;
          Timestamp t;
          if (!ParseIso8601(text, &t)) {
            return Fail(CodecError::kInvalidTimestamp, at, "timestamp string is not ISO-8601", &f);
          }
          if (t.seconds < Timestamp::kMinSeconds || t.seconds > Timestamp::kMaxSeconds) {
            return Fail(CodecError::kNumberOutOfRange, at, "timestamp outside years 1 to 9999", &f);
          }
          *static_cast<Timestamp*>(out) = t;
          return {};
        }
        DecodeStatus s = CheckType(v, json_type::number, &f, at, value_depth);
        if (!s.ok()) return s;
        // Read exactly from the token, not through a double: 1700000000.123456 must stay
        // that (a double keeps ~16 digits, and the old millisecond rounding lost the
        // microseconds botocore reads). The number is left unconsumed, which On-Demand
        // skips as one token.
        Timestamp t;
        switch (ParseEpochSeconds(ScalarToken(v.raw_json_token()), &t)) {
          case TimestampParse::kOk: *static_cast<Timestamp*>(out) = t; return {};
          case TimestampParse::kMalformed: return Fail(CodecError::kMalformedJson, at, "invalid number", &f);
          case TimestampParse::kOutOfRange: break;
        }
        return Fail(CodecError::kNumberOutOfRange, at, "timestamp outside years 1 to 9999", &f);
      }
      case FieldKind::kStructure: {
        DecodeStatus s = CheckType(v, json_type::object, &f, at, value_depth);
        if (!s.ok()) return s;
        ondemand::object child;
        auto err = v.get_object().get(child);
        if (err) return FailSimdjson(err, at, &f);
        return Object(child, *sub, out, value_depth);
      }
      case FieldKind::kMap: {
        auto* map = static_cast<StringMap*>(out);
        if (*at == '[') {
          Deviate(DeviationKind::kMapAsList, at);
          return MapFromList(v, f, map, value_depth, at);
        }
        DecodeStatus s = CheckType(v, json_type::object, &f, at, value_depth);
        if (!s.ok()) return s;
        return Map(v, f, map, value_depth, at);
      }
      case FieldKind::kList: {
        DecodeStatus s = CheckType(v, json_type::array, &f, at, value_depth);
        if (!s.ok()) return s;
        return List(v, f, static_cast<ListView*>(out), value_depth, at);
      }
    }
    return Fail(CodecError::kMalformedJson, at, "unknown field kind", &f);
  }

  // Opens the object or array `v` at `depth` (its own depth) for member f, within
  // max_depth.
  template <typename Container>
  DecodeStatus Open(ondemand::value& v, const FieldDesc& f, uint32_t depth, const char* at, Container* out) {
    if (depth > owner_.options_.max_depth) {
      return Fail(CodecError::kDepthLimit, at, "nesting too deep", &f);
    }
    simdjson::error_code err;
    if constexpr (std::is_same_v<Container, ondemand::array>) {
      err = v.get_array().get(*out);
    } else {
      err = v.get_object().get(*out);
    }
    if (err) return FailSimdjson(err, at, &f);
    return {};
  }

  // A list member's elements, into one block of the decoder's arena: counted first (a
  // pass over the array's structure), so that the block never moves and nested lists
  // get blocks of their own. `depth` is the list's own depth.
  DecodeStatus List(ondemand::value& v, const FieldDesc& f, ListView* out, uint32_t depth, const char* at) {
    ondemand::array array;
    DecodeStatus opened = Open(v, f, depth, at, &array);
    if (!opened.ok()) return opened;
    simdjson::error_code err;
    size_t count = 0;
    if ((err = array.count_elements().get(count))) return FailSimdjson(err, at, &f);
    const ListDesc& list = *f.list;
    char* storage = nullptr;
    if (count != 0) {
      storage = static_cast<char*>(owner_.ArenaAllocate(count * list.element_size, list.element_align));
      if (storage == nullptr) {
        return Fail(CodecError::kBodyTooLarge, at, "decoded lists larger than DecodeOptions::max_list_bytes",
                    &f);
      }
    }
    size_t i = 0;
    for (auto element : array) {
      ondemand::value item;
      if ((err = element.get(item))) return FailSimdjson(err, Location(array), &f);
      const char* item_at = item.raw_json_token().data();
      if (i >= count) return Fail(CodecError::kMalformedJson, item_at, "improper list", &f);
      if (*item_at == 'n') {
        DecodeStatus s = Null(item, item_at, &f);
        if (!s.ok()) return s;
        // Dense lists (the model has no @sparse): dropping it would renumber the rest.
        return Fail(CodecError::kWrongType, item_at, "null list element (the list is dense)", &f);
      }
      void* slot = storage + i * list.element_size;
      ConstructElement(list, slot);
      path_[depth - 1] = IndexName(depth, i);
      path_depth_ = depth;
      DecodeStatus s =
          Value(item, f, list.element_kind, list.element_shape, list.element_struct, slot, depth, item_at);
      path_depth_ = depth - 1;
      if (!s.ok()) return s;
      ++i;
    }
    if (i != count) return Fail(CodecError::kMalformedJson, at, "improper list", &f);
    out->data = storage;
    out->size = static_cast<uint32_t>(count);
    return {};
  }

  static void ConstructElement(const ListDesc& list, void* slot) {
    switch (list.element_kind) {
      case FieldKind::kString: new (slot) std::string_view(); return;
      case FieldKind::kEnum: new (slot) EnumValue(); return;
      case FieldKind::kInteger: new (slot) int32_t(0); return;
      case FieldKind::kBoolean: new (slot) bool(false); return;
      case FieldKind::kTimestamp: new (slot) Timestamp(); return;
      case FieldKind::kStructure: list.element_struct->reset(slot); return;
      case FieldKind::kMap: new (slot) StringMap(); return;
      case FieldKind::kList: new (slot) ListView(); return;
    }
  }

  // "3" for element 3 (0-based, as the body counts), in a per-depth buffer, for
  // deviation paths.
  std::string_view IndexName(uint32_t depth, size_t index) {
    char* buf = owner_.index_names_.get() + static_cast<size_t>(depth) * kIndexNameSize;
    auto r = std::to_chars(buf, buf + kIndexNameSize, index);
    return std::string_view(buf, static_cast<size_t>(r.ptr - buf));
  }

  DecodeStatus Map(ondemand::value& v, const FieldDesc& f, StringMap* map, uint32_t depth, const char* at) {
    ondemand::object child;
    DecodeStatus opened = Open(v, f, depth, at, &child);
    if (!opened.ok()) return opened;
    auto begin = static_cast<uint32_t>(owner_.map_entries_.size());
    DecodeStatus s = MapEntries(child, f, nullptr, depth);
    if (!s.ok()) return s;
    return FinishMap(map, begin, f, at);
  }

  // Closes a map whose entries start at `begin`: rejects duplicate keys (a parser
  // differential otherwise: which value would the next hop see?) and records where
  // the entries live once the entry buffer stops growing.
  DecodeStatus FinishMap(StringMap* map, uint32_t begin, const FieldDesc& f, const char* at) {
    auto end = static_cast<uint32_t>(owner_.map_entries_.size());
    map->size = end - begin;
    const StringMapEntry* e = owner_.map_entries_.data() + begin;
    if (map->size <= 8) {
      for (uint32_t i = 1; i < map->size; ++i) {
        for (uint32_t j = 0; j < i; ++j) {
          if (e[i].key == e[j].key)
            return Fail(CodecError::kDuplicateMember, at, "map key appears twice", &f);
        }
      }
    } else {
      // Open addressing over entry indexes in a reused table: linear in the entries
      // (a sort was O(n log n) string comparisons: ~100 us for 1,000 keys).
      auto& table = owner_.map_keys_scratch_;
      size_t size = 16;
      while (size < 2 * static_cast<size_t>(map->size)) size *= 2;
      table.assign(size, UINT32_MAX);
      const size_t mask = size - 1;
      std::hash<std::string_view> hash;
      for (uint32_t i = 0; i < map->size; ++i) {
        for (size_t slot = hash(e[i].key) & mask;; slot = (slot + 1) & mask) {
          if (table[slot] == UINT32_MAX) {
            table[slot] = i;
            break;
          }
          if (e[table[slot]].key == e[i].key) {
            return Fail(CodecError::kDuplicateMember, at, "map key appears twice", &f);
          }
        }
      }
    }
    if (null_map_values_ != 0) {
      // Drop the null entries (marked by a value with no data: a string value, even
      // an empty one, always points into the input).
      auto& entries = owner_.map_entries_;
      auto kept = std::remove_if(entries.begin() + begin, entries.end(),
                                 [](const StringMapEntry& e) { return e.value.data() == nullptr; });
      entries.erase(kept, entries.end());
      map->size = static_cast<uint32_t>(entries.size()) - begin;
      null_map_values_ = 0;
    }
    owner_.map_fixups_.push_back({map, begin});
    return {};
  }

  // The lenient form of a map: [{"k1":"v1"},{"k2":"v2"}], one pair per object.
  // `depth` is the list's own depth; its one-pair objects sit one below.
  DecodeStatus MapFromList(ondemand::value& v, const FieldDesc& f, StringMap* map, uint32_t depth,
                           const char* at) {
    ondemand::array list;
    DecodeStatus opened = Open(v, f, depth, at, &list);
    if (!opened.ok()) return opened;
    simdjson::error_code err;
    auto begin = static_cast<uint32_t>(owner_.map_entries_.size());
    for (auto element : list) {
      ondemand::value item;
      if ((err = element.get(item))) return FailSimdjson(err, Location(list), &f);
      const char* item_at = item.raw_json_token().data();
      DecodeStatus s = CheckType(item, ondemand::json_type::object, &f, item_at, depth + 1);
      if (!s.ok()) return s;
      if (depth + 1 > owner_.options_.max_depth) {
        return Fail(CodecError::kDepthLimit, item_at, "nesting too deep", &f);
      }
      ondemand::object pair;
      if ((err = item.get_object().get(pair))) return FailSimdjson(err, item_at, &f);
      size_t count = 0;
      s = MapEntries(pair, f, &count, depth + 1);
      if (!s.ok()) return s;
      if (count != 1) return Fail(CodecError::kWrongType, item_at, "map list items must hold one pair", &f);
    }
    return FinishMap(map, begin, f, at);
  }

  // Appends the string pairs of one JSON object to the map-entry buffer.
  DecodeStatus MapEntries(ondemand::object& child, const FieldDesc& f, size_t* count, uint32_t depth) {
    simdjson::error_code err;
    for (auto field_result : child) {
      // The field in place: a copy out of the result costs a store-forwarding stall
      // per member (the iterator's fields are written, then read back as one vector).
      if ((err = field_result.error())) return FailSimdjson(err, Location(child), &f);
      ondemand::field& field = field_result.value_unsafe();
      StringMapEntry entry;
      const char* key_at;
      DecodeStatus s = Key(field, &entry.key, &key_at);
      if (!s.ok()) return s;
      ondemand::value& value = field.value();
      const char* value_at = value.raw_json_token().data();
      if (*value_at == 'n') {
        // App Runner's maps are dense (Smithy forbids null values in them); clients
        // drop such an entry, and so does the decoder: never a failure, never the
        // string "null". It is listed as a deviation, in both modes.
        s = Null(value, value_at, &f);
        if (!s.ok()) return s;
        Deviate(DeviationKind::kNullMapValue, value_at, &entry.key);
        // Kept until FinishMap has checked for duplicate keys (a null entry and a
        // string entry under one key is still a key twice), then dropped.
        entry.value = std::string_view();
        owner_.map_entries_.push_back(entry);
        ++null_map_values_;
        if (count) ++*count;
        continue;
      }
      s = CheckType(value, ondemand::json_type::string, &f, value_at, depth + 1);
      if (!s.ok()) return s;
      s = String(value, &entry.value, &f);
      if (!s.ok()) return s;
      owner_.map_entries_.push_back(entry);
      if (count) ++*count;
    }
    return {};
  }

  DecodeStatus Object(ondemand::object& object, const StructDesc& desc, void* out, uint32_t depth) {
    if (depth > owner_.options_.max_depth) {
      return Fail(CodecError::kDepthLimit, Location(object), "nesting too deep");
    }
    uint64_t seen = 0;
    uint32_t expected = 0;  // the member that follows the last one matched, in model order
    for (auto field_result : object) {
      // The field in place (see MapEntries).
      if (auto err = field_result.error()) return FailSimdjson(err, Location(object));
      ondemand::field& field = field_result.value_unsafe();
      std::string_view key;
      const char* key_at;
      DecodeStatus s = Key(field, &key, &key_at);
      if (!s.ok()) return s;
      ondemand::value& value = field.value();
      const FieldDesc* match = nullptr;
      uint32_t index = 0;
      if (expected < desc.num_fields && SameName(desc.field_table[expected].wire_name, key)) {
        // AWS writes members in model order: the one after the last match, first.
        index = expected;
        match = &desc.field_table[index];
      } else if (desc.member_slots != nullptr) {
        uint8_t slot =
            key.empty() ? 0 : desc.member_slots[MemberHash(key, desc.member_seed, desc.member_bits)];
        if (slot != 0 && SameName(desc.field_table[slot - 1].wire_name, key)) {
          index = slot - 1u;
          match = &desc.field_table[index];
        }
      } else {
        for (const FieldDesc& f : desc) {
          if (f.wire_name == key) {
            match = &f;
            break;
          }
          ++index;
        }
      }
      if (match == nullptr) {
        // A name that is a member's only when ASCII case is ignored ("CPU" for "Cpu")
        // is that member in lenient mode. On the wire (strict mode) names are exact, so
        // it is an unknown member; either way it is listed as a deviation.
        index = 0;
        for (const FieldDesc& f : desc) {
          if (EqualsIgnoringAsciiCase(f.wire_name, key)) {
            Deviate(DeviationKind::kMemberNameCase, key_at, &key);
            if (owner_.options_.lenient) match = &f;
            break;
          }
          ++index;
        }
      }
      if (match == nullptr) {
        if (owner_.options_.reject_unknown_members) {
          DecodeStatus fail = Fail(CodecError::kUnknownMember, key_at, "member not in the model");
          fail.name = key;
          return fail;
        }
        s = Skip(value, depth + 1);
        if (!s.ok()) return s;
        continue;
      }
      uint64_t bit = uint64_t{1} << (index & 63);
      if (seen & bit) return Fail(CodecError::kDuplicateMember, key_at, "member appears twice", match);
      seen |= bit;
      expected = index + 1;
      const char* value_at = value.raw_json_token().data();
      if (*value_at == 'n') {
        s = Null(value, value_at, match);
        if (!s.ok()) return s;
        continue;  // null is the same as absent
      }
      if (desc.skip_mistyped_members && !HasKindType(value, *match)) {
        s = Skip(value, depth + 1);
        if (!s.ok()) return s;
        continue;
      }
      path_[depth - 1] = key;
      path_depth_ = depth;
      s = Member(value, *match, out, depth, value_at);
      path_depth_ = depth - 1;
      if (!s.ok()) return s;
    }
    return {};
  }

  // True when the value has the JSON type that carries members of f's kind (a
  // syntax error counts as true: Member reports it).
  bool HasKindType(ondemand::value& v, const FieldDesc& f) {
    ondemand::json_type type;
    if (v.type().get(type)) return true;
    switch (f.kind) {
      case FieldKind::kString:
      case FieldKind::kEnum: return type == ondemand::json_type::string;
      case FieldKind::kInteger:
      case FieldKind::kTimestamp: return type == ondemand::json_type::number;
      case FieldKind::kBoolean: return type == ondemand::json_type::boolean;
      case FieldKind::kStructure:
      case FieldKind::kMap: return type == ondemand::json_type::object;
      case FieldKind::kList: return type == ondemand::json_type::array;
    }
    return true;
  }

  // Syntax-checks a value nobody will read, all the way down, without recursion: the
  // open containers wait on the decoder's skip stack (reused; it grows only up to
  // max_depth), so nesting costs no machine stack, whatever max_depth allows.
  // `depth` is the depth of the value itself.
  DecodeStatus Skip(ondemand::value& first, uint32_t depth) {
    // Skip never runs inside another Skip, and a failed one ends the decode: whatever a
    // failure left on the stack is cleared here, by the next Skip.
    std::vector<SkipFrame>& stack = owner_.skip_stack_;
    stack.clear();
    ondemand::value v = first;
    for (;;) {
      // The value `v` at `depth`: a scalar is checked here, a container opened.
      const char* at = v.raw_json_token().data();
      ondemand::json_type type;
      auto err = v.type().get(type);
      if (err) return FailSimdjson(err, at);
      if (type == ondemand::json_type::object || type == ondemand::json_type::array) {
        if (depth > owner_.options_.max_depth) {
          return Fail(CodecError::kDepthLimit, at, "nesting too deep");
        }
        SkipFrame frame;
        frame.depth = depth;
        frame.is_array = type == ondemand::json_type::array;
        if (frame.is_array) {
          ondemand::array array;
          if ((err = v.get_array().get(array)) || (err = array.begin().get(frame.array)) ||
              (err = array.end().get(frame.array_end))) {
            return FailSimdjson(err, at);
          }
        } else {
          ondemand::object object;
          if ((err = v.get_object().get(object)) || (err = object.begin().get(frame.object)) ||
              (err = object.end().get(frame.object_end))) {
            return FailSimdjson(err, at);
          }
        }
        stack.push_back(frame);
      } else {
        DecodeStatus s = SkipScalar(v, type, at);
        if (!s.ok()) return s;
      }
      // The next value to check: the next element or member of the innermost open
      // container, closing the containers that have no more.
      for (;;) {
        if (stack.empty()) return {};
        SkipFrame& top = stack.back();
        if (top.started) {
          if (top.is_array)
            ++top.array;
          else
            ++top.object;
        }
        top.started = true;
        if (top.is_array ? !(top.array != top.array_end) : !(top.object != top.object_end)) {
          stack.pop_back();
          continue;
        }
        depth = top.depth + 1;
        if (top.is_array) {
          if ((err = (*top.array).get(v))) return FailSimdjson(err, Location(v));
        } else {
          ondemand::field field;
          if ((err = (*top.object).get(field))) return FailSimdjson(err, Location(v));
          std::string_view key;
          const char* key_at;
          DecodeStatus s = Key(field, &key, &key_at);
          if (!s.ok()) return s;
          v = field.value();
        }
        break;
      }
    }
  }

  // A value at `at` that starts like null must be the literal null.
  DecodeStatus Null(ondemand::value& v, const char* at, const FieldDesc* field) {
    bool is_null = false;
    if (v.is_null().get(is_null) || !is_null) {
      return Fail(CodecError::kMalformedJson, at, "invalid literal", field);
    }
    return {};
  }

  DecodeStatus SkipScalar(ondemand::value& v, ondemand::json_type type, const char* at) {
    switch (type) {
      case ondemand::json_type::string: {
        std::string_view ignored;
        return String(v, &ignored, nullptr);
      }
      case ondemand::json_type::number: {
        ondemand::number n;
        std::string_view token = v.raw_json_token();
        if (v.get_number().get(n)) {
          // Valid JSON numbers beyond double or 64-bit range are fine in a value no one
          // reads (an unconsumed number is skipped as one token).
          bool integer;
          if (!IsJsonNumber(ScalarToken(token), &integer)) {
            return Fail(CodecError::kMalformedJson, at, "invalid number");
          }
        }
        return {};
      }
      case ondemand::json_type::boolean: {
        bool b;
        if (v.get_bool().get(b)) return Fail(CodecError::kMalformedJson, at, "invalid literal");
        return {};
      }
      case ondemand::json_type::null: return Null(v, at, nullptr);
      default: break;
    }
    return Fail(CodecError::kMalformedJson, at, "unexpected token");
  }

  StructDecoder& owner_;
  const char* data_;
  size_t len_;
  size_t capacity_ = 0;
  ondemand::document* doc_ = nullptr;
  // Member names from the root to the member being decoded (for deviation paths), in
  // the decoder's array: a Run must not zero kilobytes per decode.
  std::string_view* path_ = owner_.path_.get();
  uint32_t path_depth_ = 0;
  // The first deviation that strict mode rejects (a timestamp string or a map as a
  // list: forms of another JSON type than the wire format's), or nullptr.
  const char* format_deviation_ = nullptr;
  // Null values entered into the map being decoded, for FinishMap to drop.
  uint32_t null_map_values_ = 0;
};

StructDecoder::StructDecoder(DecodeOptions options) : options_(options) {
  if (options_.max_depth > kMaxDepthLimit) options_.max_depth = kMaxDepthLimit;
  if (options_.max_depth == 0) options_.max_depth = 1;
  path_.reset(new std::string_view[options_.max_depth + 2]);
  index_names_.reset(new char[(options_.max_depth + 2) * kIndexNameSize]);
  if (options_.max_body_bytes > kMaxBodyBytesLimit) options_.max_body_bytes = kMaxBodyBytesLimit;
}

DecodeStatus StructDecoder::Decode(std::string_view json, const StructDesc& desc, void* out) {
  desc.reset(out);
  if (json.size() > options_.max_body_bytes) {
    return {CodecError::kBodyTooLarge,
            static_cast<uint32_t>(options_.max_body_bytes),
            nullptr,
            "body larger than the configured limit",
            {}};
  }
  size_t need = json.size() + simdjson::SIMDJSON_PADDING;
  if (need > buffer_capacity_) {
    size_t grow = buffer_capacity_ * 2 > need ? buffer_capacity_ * 2 : need;
    buffer_.reset(new char[grow]);
    buffer_capacity_ = grow;
  }
  if (!json.empty()) std::memcpy(buffer_.get(), json.data(), json.size());
  std::memset(buffer_.get() + json.size(), 0, simdjson::SIMDJSON_PADDING);
  return DecodeBuffer(buffer_.get(), json.size(), buffer_capacity_, desc, out);
}

DecodeStatus StructDecoder::DecodePadded(std::string_view json, size_t capacity, const StructDesc& desc,
                                         void* out) {
  desc.reset(out);
  if (json.size() > options_.max_body_bytes) {
    return {CodecError::kBodyTooLarge,
            static_cast<uint32_t>(options_.max_body_bytes),
            nullptr,
            "body larger than the configured limit",
            {}};
  }
  if (capacity < json.size() || capacity - json.size() < simdjson::SIMDJSON_PADDING) {
    return {CodecError::kBufferTooSmall, 0, nullptr, "buffer lacks SIMDJSON_PADDING spare bytes", {}};
  }
  DecodeStatus s = DecodeBuffer(json.data(), json.size(), capacity, desc, out);
  if (s.ok()) return s;
  // On some error paths simdjson reads the first padding byte as an end sentinel, so
  // the error class or offset could depend on bytes that are not the caller's input.
  // Errors are rare: decode the copy, whose padding is zeros, for the canonical answer.
  return Decode(json, desc, out);
}

void* StructDecoder::ArenaAllocate(size_t bytes, size_t align) {
  if (bytes > options_.max_list_bytes - arena_total_) return nullptr;
  arena_total_ += bytes;
  for (;;) {
    if (arena_block_ < arena_.size()) {
      ArenaBlock& b = arena_[arena_block_];
      size_t at = (arena_used_ + align - 1) & ~(align - 1);
      if (at + bytes <= b.size) {
        arena_used_ = at + bytes;
        return b.data.get() + at;
      }
      ++arena_block_;
      arena_used_ = 0;
      continue;
    }
    // A new block: twice the last (at least 4 KiB), or the request. Kept for every
    // later decode, so a body of the same shape allocates nothing.
    size_t size = arena_.empty() ? 4096 : arena_.back().size * 2;
    if (size < bytes) size = bytes;
    // operator new[] aligns to __STDCPP_DEFAULT_NEW_ALIGNMENT__, enough for every
    // generated type (pointers, 64-bit integers).
    arena_.push_back(ArenaBlock{std::unique_ptr<unsigned char[]>(new unsigned char[size]), size});
  }
}

DecodeStatus StructDecoder::DecodeBuffer(const char* data, size_t len, size_t capacity,
                                         const StructDesc& desc, void* out) {
  num_deviations_ = 0;
  arena_block_ = 0;
  arena_used_ = 0;
  arena_total_ = 0;
  map_entries_.clear();
  map_fixups_.clear();
  Run run(*this, data, len);
  run.set_capacity(capacity);
  DecodeStatus s = run.Document(desc, out);
  if (!s.ok()) {
    desc.reset(out);  // never hand out a half-decoded struct
    return s;
  }
  for (const MapFixup& fix : map_fixups_) fix.map->entries = map_entries_.data() + fix.begin;
  return s;
}

}  // namespace apprunner::codec
