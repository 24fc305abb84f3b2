#include "codec/encode.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace apprunner::codec {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// 1 where the byte must be escaped in a JSON string, or (0xC2, 0xE2) may start a
// character that is escaped: a C1 control (U+0080..U+009F, C2 80..C2 9F) or a line or
// paragraph separator (U+2028, U+2029: E2 80 A8, E2 80 A9). JSON allows those raw, but
// Python's str.splitlines(), log shippers and pre-ES2019 JavaScript end a line at
// them (and at U+0085), so raw they would let a value split or forge a log line.
struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) needs[c] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\\')] = true;
    needs[0xC2] = true;
    needs[0xE2] = true;
  }
};
constexpr EscapeTable kEscape;

void AppendUnicodeEscape(uint32_t cp, std::string* out) {
  char buf[6] = {'\\', 'u', kHex[cp >> 12], kHex[(cp >> 8) & 0xF], kHex[(cp >> 4) & 0xF], kHex[cp & 0xF]};
  out->append(buf, 6);
}

void AppendEscaped(unsigned char c, std::string* out) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: AppendUnicodeEscape(c, out);
  }
}

// The first index at or after i (or n) whose byte kEscape flags, sixteen bytes at a
// time with SSE2 (never reading past n), then one at a time.
inline size_t NextFlagged(const unsigned char* u, size_t i, size_t n) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2));
  const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(u + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_subs_epu8(v, last_control), _mm_setzero_si128());
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)), control));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < n; ++i) {
    if (kEscape.needs[u[i]]) return i;
  }
  return n;
}

// Escapes ASCII specials, C1 controls, U+2028 and U+2029; copies the rest of `s`,
// which must be valid UTF-8 (so a lead byte's continuation bytes are there).
void AppendEscapedValid(std::string_view s, std::string* out) {
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t run = 0;
  for (size_t i = NextFlagged(u, 0, n); i < n; i = NextFlagged(u, i, n)) {
    const unsigned char c = u[i];
    if (c == 0xC2) {
      if (u[i + 1] > 0x9F) {  // U+00A0 and up: plain text
        i += 2;
        continue;
      }
      out->append(s.data() + run, i - run);
      AppendUnicodeEscape(u[i + 1], out);
      run = i += 2;
      continue;
    }
    if (c == 0xE2) {
      if (u[i + 1] != 0x80 || (u[i + 2] != 0xA8 && u[i + 2] != 0xA9)) {
        i += 3;
        continue;
      }
      out->append(s.data() + run, i - run);
      AppendUnicodeEscape(0x2000 + (u[i + 2] - 0x80), out);
      run = i += 3;
      continue;
    }
    out->append(s.data() + run, i - run);
    AppendEscaped(c, out);
    run = ++i;
  }
  out->append(s.data() + run, n - run);
}

// True when every byte is ASCII (sixteen at a time with SSE2).
inline bool AllAscii(std::string_view s) {
  const auto* u = reinterpret_cast<const unsigned char*>(s.data());
  size_t i = 0;
  const size_t n = s.size();
#if defined(__SSE2__)
  __m128i any = _mm_setzero_si128();
  for (; i + 16 <= n; i += 16) {
    any = _mm_or_si128(any, _mm_loadu_si128(reinterpret_cast<const __m128i*>(u + i)));
  }
  if (_mm_movemask_epi8(any) != 0) return false;
#endif
  unsigned char tail = 0;
  for (; i < n; ++i) tail |= u[i];
  return tail < 0x80;
}

// Slow path for invalid UTF-8: each maximal invalid sequence becomes U+FFFD.
void AppendRepairing(std::string_view s, std::string* out) {
  while (!s.empty()) {
    size_t bad = 0;
    // Find the longest valid prefix.
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = u[i];
      size_t w = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (w == 0 || i + w > s.size() || !simdjson::validate_utf8(s.data() + i, w)) break;
      i += w;
    }
    AppendEscapedValid(s.substr(0, i), out);
    if (i == s.size()) return;
    out->append("\xEF\xBF\xBD");
    bad = i + 1;
    while (bad < s.size() && (u[bad] & 0xC0) == 0x80) ++bad;
    s.remove_prefix(bad);
  }
}

template <typename Int>
void AppendInt(Int n, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendKey(std::string_view wire_name, bool* first, std::string* out) {
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(wire_name);  // model names are plain ASCII identifiers
  out->append("\":");
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  if (AllAscii(s) || simdjson::validate_utf8(s.data(), s.size())) {
    AppendEscapedValid(s, out);
  } else {
    AppendRepairing(s, out);
  }
  out->push_back('"');
}

void AppendEpochSeconds(Timestamp t, std::string* out) {
  // The magnitude as whole seconds and a fraction in nanoseconds.
  uint64_t whole;
  uint32_t frac;
  if (t.nanos >= 0 && t.nanos < Timestamp::kNanosPerSecond) {
    // The normal form (every decoded value): 64-bit arithmetic, exact for every int64
    // (the magnitude is taken in unsigned arithmetic, INT64_MIN included).
    const auto s = static_cast<uint64_t>(t.seconds);
    if (t.seconds >= 0) {
      whole = s;
      frac = static_cast<uint32_t>(t.nanos);
    } else {
      out->push_back('-');
      whole = 0 - s;  // |seconds|
      frac = 0;
      if (t.nanos != 0) {  // -(|s| - nanos / 1e9) = -((|s| - 1) + (1e9 - nanos) / 1e9)
        whole -= 1;
        frac = static_cast<uint32_t>(Timestamp::kNanosPerSecond - t.nanos);
      }
    }
  } else {
    // A hand-built value with nanos outside 0..999'999'999: the signed count of
    // nanoseconds, exact for any seconds and nanos.
    __extension__ typedef __int128 Int128;
    __extension__ typedef unsigned __int128 Uint128;
    Int128 total = static_cast<Int128>(t.seconds) * Timestamp::kNanosPerSecond + t.nanos;
    Uint128 magnitude = static_cast<Uint128>(total);
    if (total < 0) {
      out->push_back('-');
      magnitude = 0 - magnitude;
    }
    // |seconds| <= 2^63 and |nanos| < 2^31, so the whole seconds (<= 2^63 + 3) fit.
    whole = static_cast<uint64_t>(magnitude / Timestamp::kNanosPerSecond);
    frac = static_cast<uint32_t>(magnitude % Timestamp::kNanosPerSecond);
  }
  AppendInt(whole, out);
  if (frac == 0) return;
  // Three, six or nine fraction digits (milliseconds, the usual case, need three),
  // then no trailing zeros.
  size_t width = 9;
  if (frac % 1000000 == 0) {
    frac /= 1000000;
    width = 3;
  } else if (frac % 1000 == 0) {
    frac /= 1000;
    width = 6;
  }
  char digits[10];
  digits[0] = '.';
  for (size_t i = width; i >= 1; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  size_t n = width + 1;
  while (digits[n - 1] == '0') --n;
  out->append(digits, n);
}

namespace {

void EncodeValue(FieldKind kind, const StructDesc* sub, const ListDesc* list, const void* value,
                 std::string* out) {
  switch (kind) {
    case FieldKind::kString: AppendJsonString(*static_cast<const std::string_view*>(value), out); return;
    case FieldKind::kEnum: AppendJsonString(static_cast<const EnumValue*>(value)->wire, out); return;
    case FieldKind::kInteger: AppendInt(*static_cast<const int32_t*>(value), out); return;
    case FieldKind::kBoolean: out->append(*static_cast<const bool*>(value) ? "true" : "false"); return;
    case FieldKind::kTimestamp: AppendEpochSeconds(*static_cast<const Timestamp*>(value), out); return;
    case FieldKind::kStructure: EncodeStruct(*sub, value, out); return;
    case FieldKind::kMap: {
      out->push_back('{');
      bool first_entry = true;
      for (const StringMapEntry& e : *static_cast<const StringMap*>(value)) {
        if (!first_entry) out->push_back(',');
        first_entry = false;
        AppendJsonString(e.key, out);
        out->push_back(':');
        AppendJsonString(e.value, out);
      }
      out->push_back('}');
      return;
    }
    case FieldKind::kList: {
      const auto* view = static_cast<const ListView*>(value);
      const auto* element = static_cast<const char*>(view->data);
      out->push_back('[');
      for (uint32_t i = 0; i < view->size; ++i, element += list->element_size) {
        if (i != 0) out->push_back(',');
        EncodeValue(list->element_kind, list->element_struct, nullptr, element, out);
      }
      out->push_back(']');
      return;
    }
  }
}

}  // namespace

void EncodeStruct(const StructDesc& desc, const void* object, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const FieldDesc& f : desc) {
    const void* value = f.get(object);
    if (value == nullptr) continue;
    AppendKey(f.wire_name, &first, out);
    EncodeValue(f.kind, f.sub, f.list, value, out);
  }
  out->push_back('}');
}

void AppendErrorBody(std::string_view type, std::string_view message, std::string* out) {
  out->append("{\"__type\":");
  AppendJsonString(type, out);
  out->append(",\"Message\":");
  AppendJsonString(message, out);
  out->push_back('}');
}

}  // namespace apprunner::codec
