// An independent RFC 8259 syntax checker for the fuzz targets' invariants: simdjson's
// DOM rejects numbers beyond double/64-bit range, which RFC 8259 allows and the
// decoder accepts in unknown members; this checker decides those cases. Recursive
// descent, deliberately simple; UTF-8 validity of the whole text is checked apart.
#ifndef APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_
#define APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_

#include <cstddef>
#include <string_view>

namespace apprunner::fuzz {

class JsonSyntax {
 public:
  // True when `t` is one JSON value with optional surrounding whitespace.
  static bool Valid(std::string_view t) {
    JsonSyntax p(t);
    p.Ws();
    if (!p.Value(0)) return false;
    p.Ws();
    return p.i_ == t.size();
  }

 private:
  explicit JsonSyntax(std::string_view t) : t_(t) {}
  bool More() const { return i_ < t_.size(); }
  char Peek() const { return More() ? t_[i_] : '\0'; }
  void Ws() { while (More() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_; }
  bool Lit(std::string_view w) {
    if (t_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool Digits() {
    size_t s = i_;
    while (More() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
    return i_ > s;
  }
  bool Number() {
    if (Peek() == '-') ++i_;
    if (Peek() == '0') ++i_;
    else if (!Digits()) return false;
    if (Peek() == '.') { ++i_; if (!Digits()) return false; }
    if (Peek() == 'e' || Peek() == 'E') {
      ++i_;
      if (Peek() == '+' || Peek() == '-') ++i_;
      if (!Digits()) return false;
    }
    return true;
  }
  int Hex4() {
    int v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = Peek();
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
      ++i_;
    }
    return v;
  }
  bool String() {
    if (Peek() != '"') return false;
    ++i_;
    while (More()) {
      unsigned char c = static_cast<unsigned char>(t_[i_++]);
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c != '\\') continue;
      char e = Peek();
      ++i_;
      if (e == 'u') {
        int u = Hex4();
        if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF)) return false;
        if (u >= 0xD800 && u <= 0xDBFF) {  // needs a low surrogate
          if (!Lit("\\u")) return false;
          int l = Hex4();
          if (l < 0xDC00 || l > 0xDFFF) return false;
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0') {
        return false;
      }
    }
    return false;
  }
  bool Value(int depth) {
    if (depth > 10000) return false;
    Ws();
    char c = Peek();
    if (c == '{') {
      ++i_;
      Ws();
      if (Peek() == '}') { ++i_; return true; }
      for (;;) {
        Ws();
        if (!String()) return false;
        Ws();
        if (!Lit(":")) return false;
        if (!Value(depth + 1)) return false;
        Ws();
        if (Lit("}")) return true;
        if (!Lit(",")) return false;
      }
    }
    if (c == '[') {
      ++i_;
      Ws();
      if (Peek() == ']') { ++i_; return true; }
      for (;;) {
        if (!Value(depth + 1)) return false;
        Ws();
        if (Lit("]")) return true;
        if (!Lit(",")) return false;
      }
    }
    if (c == '"') return String();
    if (c == 't') return Lit("true");
    if (c == 'f') return Lit("false");
    if (c == 'n') return Lit("null");
    return Number();
  }

  std::string_view t_;
  size_t i_ = 0;
};

}  // namespace apprunner::fuzz

#endif  // APPRUNNER_TESTS_FUZZ_JSON_SYNTAX_H_
