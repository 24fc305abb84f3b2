#include "codec/encode.h"

#include <simdjson.h>

#include <charconv>
#include <cstring>

namespace apprunner::pause_service {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// 1 where the byte must be escaped in a JSON string.
struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) needs[c] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr EscapeTable kEscape;

void AppendEscaped(unsigned char c, std::string* out) {
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    default: {
      char buf[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out->append(buf, 6);
    }
  }
}

// Escapes ASCII specials; copies valid UTF-8 runs.
void AppendEscapedValid(std::string_view s, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kEscape.needs[c]) {
      out->append(s.data() + run, i - run);
      AppendEscaped(c, out);
      run = i + 1;
    }
  }
  out->append(s.data() + run, s.size() - run);
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
  bool ascii = true;
  for (unsigned char c : s) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii || simdjson::validate_utf8(s.data(), s.size())) {
    AppendEscapedValid(s, out);
  } else {
    AppendRepairing(s, out);
  }
  out->push_back('"');
}

void AppendEpochSeconds(Timestamp t, std::string* out) {
  // The magnitude in unsigned arithmetic: exact for every int64, INT64_MIN included.
  uint64_t ms = static_cast<uint64_t>(t.epoch_millis);
  if (t.epoch_millis < 0) {
    out->push_back('-');
    ms = 0 - ms;
  }
  AppendInt(ms / 1000, out);
  uint64_t frac = ms % 1000;
  if (frac == 0) return;
  char digits[4] = {'.', static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10)};
  size_t n = 4;
  while (digits[n - 1] == '0') --n;
  out->append(digits, n);
}

void EncodeStruct(const StructDesc& desc, const void* object, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const FieldDesc& f : desc) {
    const void* value = f.get(object);
    if (value == nullptr) continue;
    AppendKey(f.wire_name, &first, out);
    switch (f.kind) {
      case FieldKind::kString:
        AppendJsonString(*static_cast<const std::string_view*>(value), out);
        break;
      case FieldKind::kEnum:
        AppendJsonString(static_cast<const EnumValue*>(value)->wire, out);
        break;
      case FieldKind::kInteger:
        AppendInt(*static_cast<const int32_t*>(value), out);
        break;
      case FieldKind::kBoolean:
        out->append(*static_cast<const bool*>(value) ? "true" : "false");
        break;
      case FieldKind::kTimestamp:
        AppendEpochSeconds(*static_cast<const Timestamp*>(value), out);
        break;
      case FieldKind::kStructure:
        EncodeStruct(*f.sub, value, out);
        break;
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
        break;
      }
    }
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

}  // namespace apprunner::pause_service
