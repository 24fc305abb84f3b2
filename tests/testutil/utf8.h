// UTF-8 of one code point, for tests that build values character by character.
#ifndef APPRUNNER_TESTS_TESTUTIL_UTF8_H_
#define APPRUNNER_TESTS_TESTUTIL_UTF8_H_

#include <string>

namespace apprunner::testutil {

// The UTF-8 bytes of `cp` (any value up to U+10FFFF; surrogates are encoded as
// written, which is for the caller to avoid).
inline std::string Utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return s;
}

}  // namespace apprunner::testutil

#endif  // APPRUNNER_TESTS_TESTUTIL_UTF8_H_
