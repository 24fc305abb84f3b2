// An independent RFC 8259 validator for the fuzz targets' oracles, written apart from
// codec/ (and from simdjson): a pushdown automaton over bytes, iterative (any depth),
// that decides whether a text is exactly one JSON value with optional surrounding
// whitespace, and where the first byte is that no JSON text can continue from.
//
// What it accepts, precisely (the strictness README.md "Limits and strictness" states):
// - the RFC 8259 grammar: whitespace is only space, tab, LF, CR; literals true, false,
//   null; numbers -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? of any length and
//   magnitude; strings with no raw byte below 0x20 and only the escapes
//   \" \\ \/ \b \f \n \r \t \uXXXX;
// - UTF-8 (RFC 8259 section 8.1) checked inside strings, per the Unicode Standard's
//   table 3-7 of well-formed byte sequences (outside strings any byte >= 0x80 is a
//   syntax error anyway);
// - no lone surrogate escapes: \uD800-\uDBFF must be followed by \uDC00-\uDFFF, and
//   \uDC00-\uDFFF may not stand alone (RFC 8259 section 8.2 leaves them undefined; the
//   decoder documents rejecting them);
// - no byte order mark: U+FEFF is not JSON whitespace. Some parsers skip one (RFC 8259
//   section 8.1 allows a parser to); the decoder rejects it, so `bom` and
//   `valid_after_bom` report it apart.
// Separately it measures nesting: the deepest container (root = 1) and the offset of
// the first bracket that opens a level beyond a given limit.
#ifndef APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_
#define APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace apprunner::fuzz {

// Length of the well-formed UTF-8 sequence at t[i] (Unicode table 3-7), 0 if none.
inline size_t Utf8SequenceAt(std::string_view t, size_t i) {
  auto at = [&](size_t k) -> int { return i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : -1; };
  auto in = [](int b, int lo, int hi) { return b >= lo && b <= hi; };
  int b0 = at(0);
  if (b0 < 0) return 0;
  if (b0 < 0x80) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  int lo1 = 0x80, hi1 = 0xBF;
  size_t len;
  if (b0 == 0xE0) {
    lo1 = 0xA0;
    len = 3;
  } else if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) {
    len = 3;
  } else if (b0 == 0xED) {
    hi1 = 0x9F;
    len = 3;
  } else if (b0 == 0xF0) {
    lo1 = 0x90;
    len = 4;
  } else if (in(b0, 0xF1, 0xF3)) {
    len = 4;
  } else if (b0 == 0xF4) {
    hi1 = 0x8F;
    len = 4;
  } else
    return 0;
  if (!in(at(1), lo1, hi1)) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (!in(at(k), 0x80, 0xBF)) return 0;
  }
  return len;
}

// Offset of the first byte where no well-formed UTF-8 sequence starts; t.size() if none.
inline size_t FirstIllFormedUtf8(std::string_view t) {
  size_t i = 0;
  while (i < t.size()) {
    size_t n = Utf8SequenceAt(t, i);
    if (n == 0) return i;
    i += n;
  }
  return t.size();
}

// A member of the root object.
struct JsonKey {
  size_t offset;                                  // the opening quote of the name
  std::string_view raw;                           // the name between the quotes, escapes as written
  size_t value_offset = static_cast<size_t>(-1);  // first byte of the value, if it was reached
  bool value_is_string = false;
  std::string_view value_raw;  // a string value between its quotes, escapes as written
};

struct JsonSyntaxResult {
  static constexpr size_t kNone = static_cast<size_t>(-1);
  bool valid = false;  // exactly one JSON value, optional whitespace around it
  // When !valid: the first byte no JSON text can continue from (t.size() when the text
  // ends too early). Every byte before it is a viable prefix of some JSON text (escapes
  // and surrogate pairs are blamed on their backslash: never later than the truth).
  size_t error = 0;
  char root = 0;                   // first byte of the root value (0: only whitespace)
  bool bom = false;                // the text starts with EF BB BF
  bool valid_after_bom = false;    // bom, and the rest is valid JSON
  uint32_t max_depth = 0;          // deepest open container before `error` (root = 1)
  size_t over_depth = kNone;       // first '{' or '[' opening a level > the limit, before `error`
  std::vector<JsonKey> root_keys;  // members of a root object, in order (up to `error`)
  // (a string value is recorded only once it is complete)
};

class JsonSyntax {
 public:
  // `depth_limit`: for over_depth. `root_keys`: collect the root object's member names.
  static JsonSyntaxResult Check(std::string_view t, uint32_t depth_limit = UINT32_MAX,
                                bool root_keys = false) {
    JsonSyntaxResult r = Run(t, depth_limit, root_keys);
    if (t.size() >= 3 && t.substr(0, 3) == "\xEF\xBB\xBF") {
      r.bom = true;
      r.valid_after_bom = Run(t.substr(3), UINT32_MAX, false).valid;
    }
    return r;
  }
  static bool Valid(std::string_view t) { return Check(t).valid; }

 private:
  static bool IsWs(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Reads \uXXXX at t[i] (the backslash); the code unit, or -1 (then *bad is set).
  static long Escape4(std::string_view t, size_t i, size_t* bad) {
    if (i >= t.size()) {
      *bad = t.size();
      return -1;
    }
    if (t[i] != '\\') {
      *bad = i;
      return -1;
    }
    if (i + 1 >= t.size()) {
      *bad = t.size();
      return -1;
    }
    if (t[i + 1] != 'u') {
      *bad = i + 1;
      return -1;
    }
    long v = 0;
    for (size_t k = i + 2; k < i + 6; ++k) {
      if (k >= t.size()) {
        *bad = t.size();
        return -1;
      }
      int d = HexValue(t[k]);
      if (d < 0) {
        *bad = k;
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  // A string at t[*i] == '"'; on success *i is past the closing quote.
  static bool String(std::string_view t, size_t* i, size_t* bad) {
    size_t p = *i + 1, n = t.size();
    for (;;) {
      if (p >= n) {
        *bad = n;
        return false;
      }
      auto c = static_cast<unsigned char>(t[p]);
      if (c == '"') {
        *i = p + 1;
        return true;
      }
      if (c < 0x20) {
        *bad = p;
        return false;
      }
      if (c >= 0x80) {
        size_t len = Utf8SequenceAt(t, p);
        if (len == 0) {
          *bad = p;
          return false;
        }
        p += len;
        continue;
      }
      if (c != '\\') {
        ++p;
        continue;
      }
      if (p + 1 >= n) {
        *bad = n;
        return false;
      }
      char e = t[p + 1];
      if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
        p += 2;
        continue;
      }
      if (e != 'u') {
        *bad = p + 1;
        return false;
      }
      long u = Escape4(t, p, bad);
      if (u < 0) return false;
      if (u >= 0xDC00 && u <= 0xDFFF) {
        *bad = p;
        return false;
      }  // lone low surrogate
      if (u >= 0xD800 && u <= 0xDBFF) {
        size_t where = n;
        long low = p + 6 < n ? Escape4(t, p + 6, &where) : -1;
        if (low < 0xDC00 || low > 0xDFFF) {
          // The text ending inside the pair is still a viable prefix; anything else
          // is blamed on the high surrogate's backslash.
          *bad = low < 0 && where >= n ? n : p;
          return false;
        }
        p += 12;
        continue;
      }
      p += 6;
    }
  }

  enum class Want { kValue, kValueOrClose, kKeyOrClose, kKey, kColon, kCommaOrClose };

  static JsonSyntaxResult Run(std::string_view t, uint32_t limit, bool keys) {
    JsonSyntaxResult r;
    std::vector<char> open;  // '{' or '[' per open container
    size_t i = 0, n = t.size();
    auto fail = [&](size_t at) {
      r.valid = false;
      r.error = at;
      return r;
    };
    while (i < n && IsWs(t[i])) ++i;
    if (i < n) r.root = t[i];
    Want want = Want::kValue;
    for (;;) {
      while (i < n && IsWs(t[i])) ++i;
      if (want == Want::kCommaOrClose && open.empty()) {
        if (i < n) return fail(i);
        r.valid = true;
        r.error = n;
        return r;
      }
      if (i >= n) return fail(n);
      char c = t[i];
      switch (want) {
        case Want::kValueOrClose:
          if (c == ']') {
            open.pop_back();
            ++i;
            want = Want::kCommaOrClose;
            continue;
          }
          [[fallthrough]];
        case Want::kValue: {
          JsonKey* member = nullptr;
          if (keys && open.size() == 1 && open[0] == '{' && !r.root_keys.empty() &&
              r.root_keys.back().value_offset == JsonSyntaxResult::kNone) {
            member = &r.root_keys.back();
            member->value_offset = i;
          }
          if (c == '{' || c == '[') {
            open.push_back(c);
            auto depth = static_cast<uint32_t>(open.size());
            if (depth > r.max_depth) r.max_depth = depth;
            if (depth > limit && r.over_depth == JsonSyntaxResult::kNone) r.over_depth = i;
            ++i;
            want = c == '{' ? Want::kKeyOrClose : Want::kValueOrClose;
            continue;
          }
          if (c == '"') {
            size_t start = i, bad;
            if (!String(t, &i, &bad)) return fail(bad);
            if (member != nullptr) {
              member->value_is_string = true;
              member->value_raw = t.substr(start + 1, i - start - 2);
            }
          } else if (c == 't' || c == 'f' || c == 'n') {
            std::string_view word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            for (size_t k = 0; k < word.size(); ++k) {
              if (i + k >= n) return fail(n);
              if (t[i + k] != word[k]) return fail(i + k);
            }
            i += word.size();
          } else if (c == '-' || IsDigit(c)) {
            if (c == '-') ++i;
            if (i >= n) return fail(n);
            if (t[i] == '0') {
              ++i;
            } else if (IsDigit(t[i])) {
              while (i < n && IsDigit(t[i])) ++i;
            } else {
              return fail(i);
            }
            if (i < n && t[i] == '.') {
              ++i;
              if (i >= n) return fail(n);
              if (!IsDigit(t[i])) return fail(i);
              while (i < n && IsDigit(t[i])) ++i;
            }
            if (i < n && (t[i] == 'e' || t[i] == 'E')) {
              ++i;
              if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
              if (i >= n) return fail(n);
              if (!IsDigit(t[i])) return fail(i);
              while (i < n && IsDigit(t[i])) ++i;
            }
          } else {
            return fail(i);
          }
          want = Want::kCommaOrClose;
          continue;
        }
        case Want::kKeyOrClose:
          if (c == '}') {
            open.pop_back();
            ++i;
            want = Want::kCommaOrClose;
            continue;
          }
          [[fallthrough]];
        case Want::kKey: {
          if (c != '"') return fail(i);
          size_t start = i, bad;
          if (!String(t, &i, &bad)) return fail(bad);
          if (keys && open.size() == 1) r.root_keys.push_back({start, t.substr(start + 1, i - start - 2)});
          want = Want::kColon;
          continue;
        }
        case Want::kColon:
          if (c != ':') return fail(i);
          ++i;
          want = Want::kValue;
          continue;
        case Want::kCommaOrClose: {
          char top = open.back();
          if (c == ',') {
            ++i;
            want = top == '{' ? Want::kKey : Want::kValue;
            continue;
          }
          if (c == (top == '{' ? '}' : ']')) {
            open.pop_back();
            ++i;
            continue;
          }
          return fail(i);
        }
      }
    }
  }
};

// The text of a JSON string's content (as JsonKey::raw holds it, already validated by
// JsonSyntax) with its escapes resolved, as UTF-8. Independent of codec/ and simdjson.
inline std::string UnescapeJson(std::string_view raw) {
  std::string out;
  auto put = [&](uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  auto hex4 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t k = at; k < at + 4 && k < raw.size(); ++k) {
      char c = raw[k];
      v = v * 16 + static_cast<uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
  };
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\' || i + 1 >= raw.size()) {
      out += raw[i++];
      continue;
    }
    char e = raw[i + 1];
    switch (e) {
      case 'b':
        out += '\b';
        i += 2;
        continue;
      case 'f':
        out += '\f';
        i += 2;
        continue;
      case 'n':
        out += '\n';
        i += 2;
        continue;
      case 'r':
        out += '\r';
        i += 2;
        continue;
      case 't':
        out += '\t';
        i += 2;
        continue;
      case 'u': {
        uint32_t u = hex4(i + 2);
        i += 6;
        if (u >= 0xD800 && u <= 0xDBFF && i + 6 <= raw.size()) {
          uint32_t low = hex4(i + 2);
          u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        put(u);
        continue;
      }
      default:
        out += e;
        i += 2;
        continue;  // \" \\ \/
    }
  }
  return out;
}

}  // namespace apprunner::fuzz

#endif  // APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_
