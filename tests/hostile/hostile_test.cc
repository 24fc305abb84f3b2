// Hostile input: a table of request and response bodies, each with the class of
// outcome the decoder (or the request processor) must give. It extends
// tests/codec/decode_test.cc's rejection table: every category of malformed JSON at
// several positions (known member, unknown member, nested unknown, member names, map
// keys and values, enums), every wrong JSON type at every modelled member (generated
// from the tables), duplicates at every member (plain, escape-spelled, case-variant),
// extreme nesting and sizes, and every byte value inside the ARN.
//
// Every row is decoded twice, through Decode and through DecodePadded with padding
// full of bytes that would change the result if they were read as content; both must
// give the same class and offset. A failed decode must leave the struct reset and give
// an offset inside the body. Request rows also go through the processor, whose
// SerializationException body must be valid JSON.
//
// Every operation of the service, through its input and output tables (the last
// section): each sample body of examples/operations cut at every byte; the rows above
// whose class the JSON text alone decides, decoded with each of the 74 tables; every
// JSON type at every member and duplicates of every member, generated from each table
// (lists of structures included); a list of 100,000 elements against max_list_bytes.
//
// Rows whose `bug` is set are regressions: this suite found the library answering
// another class there (fixed since); `bug` says what it did.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cctype>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/table.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"
#include "tests/fuzz/oracle.h"
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::pause_service {

// Readable outcomes in failure messages.
void PrintTo(Outcome o, std::ostream* os) {
  *os << (o == Outcome::kValid             ? "Valid"
          : o == Outcome::kValidationError ? "ValidationError"
                                           : "SerializationError");
}

namespace {

constexpr char kArn[] =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";

enum class Target { kRequest, kResponse, kResponseLenient };

const char* TargetName(Target t) {
  switch (t) {
    case Target::kRequest: return "req";
    case Target::kResponse: return "resp";
    case Target::kResponseLenient: return "lenient";
  }
  return "?";
}

constexpr int64_t kAnyOffset = -1;

struct Row {
  std::string name;
  Target target;
  std::string body;
  CodecError code;
  int64_t offset = kAnyOffset;  // checked when >= 0
  const char* bug = nullptr;    // set: a regression row; what the library used to do
};

// Every row is also printed by name when it fails, so gtest parameter names need only
// be unique and readable.
std::string TestName(const std::string& name) {
  std::string n;
  for (char ch : name) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return n;
}

std::string Hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 15];
    }
  }
  return out.size() > 300 ? out.substr(0, 300) + "...(" + std::to_string(s.size()) + " bytes)" : out;
}

// ---------------------------------------------------------------------------------
// Where a piece of hostile text goes.

// A string content placed between quotes at `prefix`"<content>"`suffix`.
struct StringSite {
  const char* name;
  Target target;
  std::string prefix;
  std::string suffix;
};

std::vector<StringSite> StringSites() {
  const std::string map_prefix =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{)";
  return {
      {"req_known_value", Target::kRequest, R"({"ServiceArn":)", "}"},
      {"req_unknown_value", Target::kRequest, R"({"u":)", R"(,"ServiceArn":"a"})"},
      {"req_nested_unknown_value", Target::kRequest, R"({"u":{"v":[0,{"w":)", R"(}]},"ServiceArn":"a"})"},
      {"req_unknown_key", Target::kRequest, R"({"ServiceArn":"a",)", ":1}"},
      {"req_nested_key", Target::kRequest, R"({"u":[{)", R"(:null}],"ServiceArn":"a"})"},
      {"resp_unknown_key_in_struct", Target::kResponse, R"({"Service":{)", ":[]}}"},
      {"resp_map_key", Target::kResponse, map_prefix, R"(:"v"}}}}}})"},
      {"resp_map_value", Target::kResponse, map_prefix + R"("k":)", "}}}}}}"},
      {"resp_enum", Target::kResponse, R"({"Service":{"Status":)", "}}"},
      {"resp_deep_string", Target::kResponse,
       R"({"Service":{"NetworkConfiguration":{"EgressConfiguration":{"VpcConnectorArn":)", "}}}}"},
      {"resp_map_list_value", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"CodeRepository":{"CodeConfiguration":{"CodeConfigurationValues":{"RuntimeEnvironmentSecrets":[{"k":)",
       "}]}}}}}}"},
  };
}

// Where the expected offset of a string-content problem lies.
enum class At {
  kQuote,    // the opening quote (escape problems: the string is rejected as a whole)
  kContent,  // `at` bytes into the content (control characters, invalid UTF-8)
  kNone,     // the decode succeeds
};

struct StringCase {
  std::string name;
  std::string content;
  CodecError code;
  At where;
  size_t at = 0;
};

std::vector<StringCase> StringCases() {
  std::vector<StringCase> cases = {
      // Bad escapes.
      {"escape_x", R"(\x)", CodecError::kMalformedJson, At::kQuote},
      {"escape_x41", R"(\x41)", CodecError::kMalformedJson, At::kQuote},
      {"escape_u_two_digits", R"(\u12)", CodecError::kMalformedJson, At::kQuote},
      {"escape_u_no_digits", R"(\u)", CodecError::kMalformedJson, At::kQuote},
      {"escape_u_bad_digit", R"(\u12G4)", CodecError::kMalformedJson, At::kQuote},
      {"escape_uZZZZ", R"(\uZZZZ)", CodecError::kMalformedJson, At::kQuote},
      {"escape_u_sign", R"(\u-123)", CodecError::kMalformedJson, At::kQuote},
      {"escape_u_space", R"(\u 123)", CodecError::kMalformedJson, At::kQuote},
      {"escape_capital_U", R"(\U0041)", CodecError::kMalformedJson, At::kQuote},
      {"escape_single_quote", R"(\')", CodecError::kMalformedJson, At::kQuote},
      {"escape_zero", R"(\0)", CodecError::kMalformedJson, At::kQuote},
      {"escape_a", R"(\a)", CodecError::kMalformedJson, At::kQuote},
      {"escape_v", R"(\v)", CodecError::kMalformedJson, At::kQuote},
      {"escape_space", R"(\ )", CodecError::kMalformedJson, At::kQuote},
      {"escape_after_text", R"(abc\q)", CodecError::kMalformedJson, At::kQuote},
      // Lone and misordered surrogates.
      {"high_surrogate_alone", R"(\ud800)", CodecError::kMalformedJson, At::kQuote},
      {"high_surrogate_max_alone", R"(\udbff)", CodecError::kMalformedJson, At::kQuote},
      {"high_surrogate_upper_hex", R"(\uD800)", CodecError::kMalformedJson, At::kQuote},
      {"low_surrogate_alone", R"(\udc00)", CodecError::kMalformedJson, At::kQuote},
      {"low_surrogate_max_alone", R"(\udfff)", CodecError::kMalformedJson, At::kQuote},
      {"high_then_bmp_escape", R"(\ud800\u0041)", CodecError::kMalformedJson, At::kQuote},
      {"high_then_high", R"(\ud800\ud800)", CodecError::kMalformedJson, At::kQuote},
      {"low_then_high", R"(\udc00\ud800)", CodecError::kMalformedJson, At::kQuote},
      {"low_then_low", R"(\udfff\udfff)", CodecError::kMalformedJson, At::kQuote},
      {"high_then_text", R"(\ud800x)", CodecError::kMalformedJson, At::kQuote},
      {"high_then_short_escape", R"(\ud800\n)", CodecError::kMalformedJson, At::kQuote},
      {"text_then_high", R"(x\ud83d)", CodecError::kMalformedJson, At::kQuote},
      // Overlong UTF-8.
      {"overlong_C0_AF", "\xC0\xAF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_C0_80_nul", "\xC0\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_C1_BF", "\xC1\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_E0_80_AF", "\xE0\x80\xAF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_E0_9F_BF", "\xE0\x9F\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_F0_80_80_AF", "\xF0\x80\x80\xAF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"overlong_F0_8F_BF_BF", "\xF0\x8F\xBF\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      // Invalid UTF-8.
      {"byte_FF", "\xFF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"byte_FE", "\xFE", CodecError::kInvalidUtf8, At::kContent, 0},
      {"five_byte_F8", "\xF8\x88\x80\x80\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"six_byte_FC", "\xFC\x84\x80\x80\x80\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"stray_continuation_80", "\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"stray_continuation_BF", "\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"stray_after_valid", "a\xC3\xA9\x80", CodecError::kInvalidUtf8, At::kContent, 3},
      {"truncated_2_of_2", "\xC3", CodecError::kInvalidUtf8, At::kContent, 0},
      {"truncated_2_of_3", "\xE2\x82", CodecError::kInvalidUtf8, At::kContent, 0},
      {"truncated_3_of_4", "\xF0\x9F\x98", CodecError::kInvalidUtf8, At::kContent, 0},
      {"truncated_then_ascii",
       "\xE2"
       "ab",
       CodecError::kInvalidUtf8, At::kContent, 0},
      {"surrogate_ED_A0_80", "\xED\xA0\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"surrogate_ED_B0_80", "\xED\xB0\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"surrogate_ED_BF_BF", "\xED\xBF\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"surrogate_pair_as_cesu8", "\xED\xA0\xBD\xED\xB8\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"above_max_F4_90_80_80", "\xF4\x90\x80\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"lead_F5", "\xF5\x80\x80\x80", CodecError::kInvalidUtf8, At::kContent, 0},
      {"lead_F7", "\xF7\xBF\xBF\xBF", CodecError::kInvalidUtf8, At::kContent, 0},
      {"bad_after_16_ascii", "0123456789abcdef\xFF", CodecError::kInvalidUtf8, At::kContent, 16},
      // Accepted: the harness must be able to pass too.
      {"ok_surrogate_pair", R"(\ud83d\ude00)", CodecError::kOk, At::kNone},
      {"ok_surrogate_pair_upper", R"(\uD83D\uDE00)", CodecError::kOk, At::kNone},
      {"ok_escaped_nul", R"(\u0000)", CodecError::kOk, At::kNone},
      {"ok_short_escapes", R"(\"\\\/\b\f\n\r\t)", CodecError::kOk, At::kNone},
      {"ok_max_scalar", "\xF4\x8F\xBF\xBF", CodecError::kOk, At::kNone},
      {"ok_U_FFFF", "\xEF\xBF\xBF", CodecError::kOk, At::kNone},
      {"ok_U_FEFF", "\xEF\xBB\xBF", CodecError::kOk, At::kNone},
      {"ok_U_2028", "\xE2\x80\xA8", CodecError::kOk, At::kNone},
      {"ok_raw_DEL", "\x7F", CodecError::kOk, At::kNone},
      {"ok_two_three_four_byte", "\xC3\xA9\xE2\x98\x83\xF0\x9F\x98\x80", CodecError::kOk, At::kNone},
      {"ok_empty", "", CodecError::kOk, At::kNone},
  };
  // Every raw control character, 0x00-0x1F.
  for (int c = 0; c < 0x20; ++c) {
    char name[32];
    std::snprintf(name, sizeof name, "raw_control_%02X", c);
    cases.push_back(
        {name, std::string("a") + static_cast<char>(c) + "b", CodecError::kMalformedJson, At::kContent, 1});
  }
  return cases;
}

// A malformed JSON value placed where a value of an unknown member goes.
struct ValueSite {
  const char* name;
  Target target;
  std::string prefix;
  std::string suffix;
};

std::vector<ValueSite> ValueSites() {
  return {
      {"req_unknown", Target::kRequest, R"({"u":)", R"(,"ServiceArn":"a"})"},
      {"req_nested_unknown", Target::kRequest, R"({"u":{"v":[0,)", R"(]},"ServiceArn":"a"})"},
      {"resp_unknown_in_service", Target::kResponse, R"({"Service":{"u":)", "}}"},
      {"resp_unknown_deep", Target::kResponse, R"({"Service":{"NetworkConfiguration":{"u":[0,)", "]}}}"},
  };
}

struct ValueCase {
  const char* name;
  std::string value;
};

std::vector<ValueCase> MalformedValues() {
  return {
      // Literals.
      {"tru", "tru"},
      {"fals", "fals"},
      {"nul", "nul"},
      {"truex", "truex"},
      {"nulll", "nulll"},
      {"True", "True"},
      {"NULL", "NULL"},
      {"none", "None"},
      // Not JSON numbers.
      {"NaN", "NaN"},
      {"minus_NaN", "-NaN"},
      {"Infinity", "Infinity"},
      {"minus_Infinity", "-Infinity"},
      {"plus_Infinity", "+Infinity"},
      {"inf", "inf"},
      {"leading_zero", "01"},
      {"double_zero", "00"},
      {"minus_leading_zero", "-01"},
      {"leading_zero_fraction", "01.5"},
      {"plus_one", "+1"},
      {"dot_five", ".5"},
      {"minus_dot_five", "-.5"},
      {"one_dot", "1."},
      {"one_dot_exp", "1.e5"},
      {"exp_no_digits", "1e"},
      {"exp_sign_no_digits", "1e+"},
      {"exp_upper_minus", "1E-"},
      {"double_minus", "--1"},
      {"minus_alone", "-"},
      {"hex", "0x10"},
      {"underscore", "1_000"},
      {"comma_decimal", "1,5}"},
      // Strings.
      {"single_quotes", "'x'"},
      {"single_quote_alone", "'"},
      {"unquoted", "abc"},
      // Arrays and objects.
      {"array_trailing_comma", "[1,]"},
      {"array_leading_comma", "[,1]"},
      {"array_only_comma", "[,]"},
      {"array_missing_comma", "[1 2]"},
      {"array_double_comma", "[1,,2]"},
      {"object_trailing_comma", R"({"a":1,})"},
      {"object_leading_comma", R"({,"a":1})"},
      {"object_only_comma", "{,}"},
      {"object_missing_colon", R"({"a" 1})"},
      {"object_key_only", R"({"a"})"},
      {"object_unquoted_key", "{a:1}"},
      {"object_number_key", "{1:1}"},
      {"object_single_quoted_key", "{'a':1}"},
      {"object_double_colon", R"({"a"::1})"},
      {"object_comma_for_colon", R"({"a",1})"},
      {"array_closed_by_brace", "[}"},
      {"object_closed_by_bracket", "{]"},
      {"array_1_closed_by_brace", "[1}"},
      {"object_closed_by_bracket_after_member", R"({"a":1])"},
      {"array_unclosed_inner", "[[]"},
      {"array_extra_close", "[1]]"},
      // A ':' after a value (the fuzzer's finding), at several depths and after every type.
      {"colon_after_string", R"("x":"y")"},
      {"colon_after_string_depth2", R"({"b":"x":"y"})"},
      {"colon_after_string_depth3", R"({"b":{"c":"x":"y"}})"},
      {"colon_after_string_in_array", R"(["x":"y"])"},
      {"colon_after_string_in_array_depth2", R"([["x":"y"]])"},
      {"colon_after_string_in_object_in_array", R"([{"b":"x":"y"}])"},
      {"colon_after_number", "1:2"},
      {"colon_after_true", "true:false"},
      {"colon_after_null", "null:1"},
      {"colon_after_object", "{}:1"},
      {"colon_after_array", "[]:1"},
      {"colon_for_comma", R"({"a":1:"b":2})"},
      // Comments.
      {"line_comment", "//c\n1"},
      {"block_comment", "/*c*/1"},
      {"block_comment_after", "1/*c*/"},
      {"hash_comment", "#c\n1"},
      {"block_comment_in_array", "[1/*c*/]"},
      // Whitespace that JSON does not allow, and no value at all.
      {"form_feed",
       "\x0C"
       "1"},
      {"vertical_tab",
       "\x0B"
       "1"},
      {"nbsp",
       "\xC2\xA0"
       "1"},
      {"u2028_as_space",
       "\xE2\x80\xA8"
       "1"},
      {"bom_as_space",
       "\xEF\xBB\xBF"
       "1"},
      {"raw_nul_outside_string", std::string("\0"
                                             "1",
                                             2)},
      {"raw_SOH_outside_string",
       "\x01"
       "1"},
      {"empty_value", ""},
      {"two_strings", R"("a" "b")"},
      {"two_numbers", "1 2"},
  };
}

// Whole bodies: document-level problems.
std::vector<Row> DocumentRows() {
  using E = CodecError;
  std::vector<Row> rows = {
      // Unclosed values, cut at every kind of token.
      {"unclosed_open_brace", Target::kRequest, "{", E::kMalformedJson},
      {"unclosed_open_quote_of_key", Target::kRequest, "{\"", E::kMalformedJson},
      {"unclosed_key", Target::kRequest, R"({"ServiceArn)", E::kMalformedJson},
      {"unclosed_after_key", Target::kRequest, R"({"ServiceArn")", E::kMalformedJson},
      {"unclosed_after_colon", Target::kRequest, R"({"ServiceArn":)", E::kMalformedJson},
      {"unclosed_after_value", Target::kRequest, R"({"ServiceArn":"x")", E::kMalformedJson},
      {"unclosed_after_comma", Target::kRequest, R"({"ServiceArn":"x",)", E::kMalformedJson},
      {"unclosed_array", Target::kRequest, R"({"u":[)", E::kMalformedJson},
      {"unclosed_array_after_element", Target::kRequest, R"({"u":[1,2)", E::kMalformedJson},
      {"unclosed_inner_object", Target::kRequest, R"({"u":{"v":1)", E::kMalformedJson},
      {"unclosed_inner_object_closed_once", Target::kRequest, R"({"u":{"v":1})", E::kMalformedJson},
      {"unclosed_string_ends_in_backslash", Target::kRequest, R"({"u":"abc\)", E::kMalformedJson},
      {"unclosed_string_ends_in_escaped_quote", Target::kRequest, R"({"u":"abc\"})", E::kMalformedJson},
      {"unclosed_unicode_escape", Target::kRequest, R"({"u":"\u00)", E::kMalformedJson},
      {"unclosed_literal", Target::kRequest, R"({"u":tru)", E::kMalformedJson},
      {"unclosed_number", Target::kRequest, R"({"u":1e)", E::kMalformedJson},
      {"unclosed_response_deep", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"CodeRepository":{)", E::kMalformedJson},
      {"unclosed_response_map", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"a":"b")",
       E::kMalformedJson},
      {"lone_close_brace", Target::kRequest, "}", E::kMalformedJson},
      {"lone_quote", Target::kRequest, "\"", E::kMalformedJson},
      {"raw_nul_only", Target::kRequest, std::string("\0", 1), E::kMalformedJson},
      {"raw_nul_then_object", Target::kRequest, std::string("\0{}", 3), E::kMalformedJson},
      // Root not an object.
      {"root_empty_array", Target::kRequest, "[]", E::kRootNotObject, 0},
      {"root_number", Target::kRequest, "1", E::kRootNotObject, 0},
      {"root_negative_number", Target::kRequest, "-1", E::kRootNotObject, 0},
      {"root_true", Target::kRequest, "true", E::kRootNotObject, 0},
      {"root_string_with_spaces", Target::kRequest, "  \"x\"  ", E::kRootNotObject, 2},
      {"root_array_response", Target::kResponse, R"([{"Service":{}}])", E::kRootNotObject, 0},
      {"root_null_response", Target::kResponse, "null", E::kRootNotObject, 0},
      // Byte order marks and other encodings.
      {"utf8_bom_response", Target::kResponse, "\xEF\xBB\xBF{}", E::kMalformedJson, 0},
      {"utf8_bom_only", Target::kRequest, "\xEF\xBB\xBF", E::kMalformedJson, 0},
      {"utf8_bom_after_space", Target::kRequest, " \xEF\xBB\xBF{}", E::kMalformedJson},
      {"utf8_bom_between_members", Target::kRequest, "{\"u\":1,\xEF\xBB\xBF\"ServiceArn\":\"a\"}",
       E::kMalformedJson},
      {"utf8_bom_after_object", Target::kRequest, "{}\xEF\xBB\xBF", E::kTrailingContent, 2},
      {"partial_utf8_bom", Target::kRequest, "\xEF\xBB{}", E::kInvalidUtf8, 0},
      {"utf16le_no_bom", Target::kRequest, std::string("{\0\"\0u\0\"\0:\0\x31\0}\0", 14), E::kMalformedJson},
      {"utf16be_no_bom", Target::kRequest, std::string("\0{\0\"\0u\0\"\0:\0\x31\0}", 14), E::kMalformedJson},
      {"utf16be_bom", Target::kRequest, std::string("\xFE\xFF\0{\0\"\0u\0\"\0:\0\x31\0}", 16),
       E::kInvalidUtf8, 0,
       "as utf16le_bom: not UTF-8 from byte 0, reported as MalformedJson at byte 6 (NUL inside quotes)"},
      {"utf16le_bom_empty_object", Target::kRequest, std::string("\xFF\xFE{\0}\0", 6), E::kInvalidUtf8, 0},
      {"utf16le_bom", Target::kRequest, std::string("\xFF\xFE{\0\"\0u\0\"\0:\0\x31\0}\0", 16),
       E::kInvalidUtf8, 0,
       "the body is not UTF-8 from byte 0 (FF FE), but the NULs inside the quotes make simdjson report "
       "UNESCAPED_CHARS first, and the decoder answers MalformedJson at byte 5"},
      {"utf32le_bom", Target::kRequest, std::string("\xFF\xFE\0\0{\0\0\0}\0\0\0", 12), E::kInvalidUtf8, 0},
      {"utf32be_bom", Target::kRequest, std::string("\0\0\xFE\xFF\0\0\0{\0\0\0}", 12), E::kInvalidUtf8, 2},
      {"latin1_body", Target::kRequest, "{\"ServiceArn\":\"caf\xE9\"}", E::kInvalidUtf8, 18},
      {"invalid_utf8_then_control_char", Target::kRequest, "{\"ServiceArn\":\"\xFF\",\"u\":\"\x01\"}",
       E::kInvalidUtf8, 15,
       "invalid UTF-8 at byte 15, a raw control character in a later string at byte 22: the decoder "
       "reports MalformedJson at 22 (simdjson's stage 1 reports UNESCAPED_CHARS before UTF8_ERROR)"},
      {"invalid_utf8_in_unclosed_string", Target::kRequest, "{\"u\":\"a\xFF", E::kInvalidUtf8, 7,
       "an unterminated string containing invalid UTF-8: the decoder reports MalformedJson (unterminated "
       "string) at 5, though invalid UTF-8 wins over every other structural error elsewhere"},
      // Mismatched bracket kinds in a document simdjson's stage 1 rejects (unclosed
      // string, or more opening than closing brackets): the error path's diagnosis counts
      // brackets without matching their kinds.
      {"mismatched_bracket_then_unclosed_string", Target::kRequest, R"({"ServiceArn":"a",]")",
       E::kMalformedJson, 18,
       "',]' is the error at byte 18; the diagnosis pairs ']' with '{' and reports TrailingContent at 19"},
      {"mismatched_bracket_then_open_array", Target::kRequest, R"({"ServiceArn":"a"] [)", E::kMalformedJson,
       17, "']' cannot close '{' (byte 17); the diagnosis pairs them and reports TrailingContent at 19"},
      {"invalid_utf8_in_whitespace", Target::kRequest, "{\"ServiceArn\":\"a\" \x80}", E::kInvalidUtf8, 18},
      {"invalid_utf8_after_object", Target::kRequest, "{\"ServiceArn\":\"a\"}\xC3", E::kInvalidUtf8, 18},
      // Trailing content and concatenated documents.
      {"trailing_second_object", Target::kRequest, R"({} {})", E::kTrailingContent, 3},
      {"trailing_ndjson", Target::kRequest, "{\"ServiceArn\":\"a\"}\n{\"ServiceArn\":\"b\"}\n",
       E::kTrailingContent, 19},
      {"trailing_comma_then_object", Target::kRequest, R"({},{})", E::kTrailingContent, 2},
      {"trailing_array", Target::kRequest, R"({}[])", E::kTrailingContent, 2},
      {"trailing_letter", Target::kRequest, "{}x", E::kTrailingContent, 2},
      {"trailing_nul", Target::kRequest, std::string("{}\0", 3), E::kTrailingContent, 2},
      {"trailing_ctrl_z", Target::kRequest, "{}\x1A", E::kTrailingContent, 2},
      {"trailing_null", Target::kRequest, "{} null", E::kTrailingContent, 3},
      {"trailing_close_bracket", Target::kRequest, "{}]", E::kTrailingContent, 2},
      {"trailing_quote", Target::kRequest, "{}\"", E::kTrailingContent, 2},
      {"trailing_string", Target::kRequest, "{}\"x\"", E::kTrailingContent, 2},
      {"trailing_line_comment", Target::kRequest, "{} // c", E::kTrailingContent, 3},
      {"trailing_block_comment", Target::kRequest, "{}/* c */", E::kTrailingContent, 2},
      {"trailing_after_response", Target::kResponse, R"({"Service":{}} {"Service":{}})", E::kTrailingContent,
       15},
      {"trailing_whitespace_ok", Target::kRequest, "{\"ServiceArn\":\"a\"} \t\r\n", E::kOk},
      {"leading_whitespace_ok", Target::kRequest, " \t\r\n{\"ServiceArn\":\"a\"}", E::kOk},
      // Trailing commas inside the response's structures, maps and map lists.
      {"trailing_comma_in_structure", Target::kResponse, R"({"Service":{"ServiceName":"a",}})",
       E::kMalformedJson, 30},
      {"trailing_comma_at_response_root", Target::kResponse, R"({"Service":{},})", E::kMalformedJson, 14},
      {"trailing_comma_in_map", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"a":"b",}}}}}})",
       E::kMalformedJson},
      {"trailing_comma_in_map_list", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"a":"b"},]}}}}}})",
       E::kMalformedJson},
      // Comments and single quotes around modelled members.
      {"comment_before_key", Target::kRequest, "{//c\n\"ServiceArn\":\"x\"}", E::kMalformedJson},
      {"comment_before_colon", Target::kRequest, R"({"ServiceArn"/*c*/:"x"})", E::kMalformedJson},
      {"comment_before_value", Target::kRequest, R"({"ServiceArn":/*c*/"x"})", E::kMalformedJson},
      {"comment_after_value", Target::kRequest, R"({"ServiceArn":"x"/*c*/})", E::kMalformedJson},
      {"comment_in_response", Target::kResponse, R"({"Service":{/*c*/}})", E::kMalformedJson},
      {"single_quoted_value", Target::kRequest, R"({"ServiceArn":'x'})", E::kMalformedJson, 14},
      {"single_quoted_later_key", Target::kRequest, R"({"ServiceArn":"x",'u':1})", E::kMalformedJson},
      {"single_quoted_response_key", Target::kResponse, R"({'Service':{}})", E::kMalformedJson},
      // Colon errors at modelled members of every kind.
      {"colon_after_known_string_response", Target::kResponse, R"({"Service":{"ServiceName":"x":"y"}})",
       E::kMalformedJson},
      {"colon_after_enum", Target::kResponse, R"({"Service":{"Status":"RUNNING":"y"}})", E::kMalformedJson},
      {"colon_after_timestamp", Target::kResponse, R"({"Service":{"CreatedAt":1:2}})", E::kMalformedJson},
      {"colon_after_integer", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":5:6}}})", E::kMalformedJson},
      {"colon_after_boolean", Target::kResponse,
       R"({"Service":{"NetworkConfiguration":{"IngressConfiguration":{"IsPubliclyAccessible":true:1}}}})",
       E::kMalformedJson},
      {"colon_after_structure", Target::kResponse, R"({"Service":{}:1})", E::kMalformedJson},
      {"colon_after_null_member", Target::kRequest, R"({"ServiceArn":null:1})", E::kMalformedJson},
      {"colon_after_map_value", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"x":"y"}}}}}})",
       E::kMalformedJson},
      {"colon_after_map", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"x"}:1}}}}}})",
       E::kMalformedJson},
      {"colon_after_map_list_pair", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"A":"x":"y"}]}}}}}})",
       E::kMalformedJson},
      {"colon_after_map_list_item", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"A":"x"}:1]}}}}}})",
       E::kMalformedJson},
      {"colon_after_unknown_then_known", Target::kResponse, R"({"Service":{"u":"x":"y","ServiceName":"n"}})",
       E::kMalformedJson},
      // Duplicates of modelled members (top level and nested, plain and escape-spelled).
      {"dup_arn_both_escaped", Target::kRequest, R"({"\u0053erviceArn":"a","Service\u0041rn":"b"})",
       E::kDuplicateMember, 23},
      {"dup_arn_fully_escaped", Target::kRequest,
       R"({"ServiceArn":"a","\u0053\u0065\u0072\u0076\u0069\u0063\u0065\u0041\u0072\u006e":"b"})",
       E::kDuplicateMember, 18},
      {"dup_arn_then_null", Target::kRequest, R"({"ServiceArn":"a","ServiceArn":null})", E::kDuplicateMember,
       18},
      {"dup_arn_three_times", Target::kRequest, R"({"ServiceArn":"a","ServiceArn":"a","ServiceArn":"a"})",
       E::kDuplicateMember, 18},
      {"dup_arn_with_unknown_between", Target::kRequest,
       R"({"ServiceArn":"a","u":{"ServiceArn":"x"},"ServiceArn":"b"})", E::kDuplicateMember, 41},
      // A case variant is another (unknown) member on the wire: no duplicate in strict mode.
      {"dup_arn_case_variant_strict_ok", Target::kRequest, R"({"ServiceArn":"a","serviceArn":"b"})", E::kOk},
      {"dup_operation_id", Target::kResponse, R"({"OperationId":"a","OperationId":"b"})", E::kDuplicateMember,
       19},
      {"dup_operation_id_escaped", Target::kResponse, R"({"OperationId":"a","\u004FperationId":"b"})",
       E::kDuplicateMember, 19},
      {"dup_service", Target::kResponse, R"({"Service":{},"Service":{}})", E::kDuplicateMember, 14},
      {"dup_service_escaped_first", Target::kResponse, R"({"\u0053ervice":{},"Service":{}})",
       E::kDuplicateMember, 19},
      {"dup_service_null_first", Target::kResponse, R"({"Service":null,"Service":{}})", E::kDuplicateMember,
       16},
      {"dup_nested_struct", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{},"SourceConfiguration":{}}})", E::kDuplicateMember, 37},
      {"dup_deep_enum_escaped", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"CodeRepository":{"SourceCodeVersion":{"Type":"BRANCH","Typ\u0065":"BRANCH"}}}}})",
       E::kDuplicateMember, 90},
      {"dup_nested_after_sibling_struct", Target::kResponse,
       R"({"Service":{"ServiceName":"a","HealthCheckConfiguration":{"Path":"/"},"ServiceName":"b"}})",
       E::kDuplicateMember, 70},
      {"same_name_in_different_objects_ok", Target::kResponse,
       R"({"Service":{"ServiceArn":"a","AutoScalingConfigurationSummary":{"Status":"ACTIVE"},"Status":"RUNNING"}})",
       E::kOk},
      {"map_keys_differing_in_case_ok", Target::kResponse,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"a":"1","A":"2"}}}}}})",
       E::kOk},
      {"map_list_duplicate_key", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"a":"1"},{"\u0061":"2"}]}}}}})",
       E::kDuplicateMember, 106},
      // Member names: case variants are the member in lenient mode only; in strict mode
      // they, like other look-alikes, are unknown members (ignored, listed as deviations).
      {"name_upper_case_strict", Target::kRequest, R"({"SERVICEARN":"x"})", E::kOk},
      {"name_non_ascii_lookalike", Target::kRequest,
       "{\"\xC5\xBF"
       "erviceArn\":\"x\"}",
       E::kOk},
      {"name_with_nul_suffix", Target::kRequest, R"({"ServiceArn\u0000":"x"})", E::kOk},
      {"name_case_variant_null_strict", Target::kRequest, R"({"serviceArn":null})", E::kOk},
      {"name_case_variant_malformed_value", Target::kRequest, R"({"serviceArn":[1,]})", E::kMalformedJson,
       17},
      // Modelled members: malformed scalars are malformed JSON, not values of another type.
      {"known_nul_literal", Target::kRequest, R"({"ServiceArn":nul})", E::kMalformedJson, 14},
      {"known_NaN", Target::kRequest, R"({"ServiceArn":NaN})", E::kMalformedJson, 14},
      {"known_plus_one", Target::kRequest, R"({"ServiceArn":+1})", E::kMalformedJson, 14},
      {"known_boolean_tru", Target::kResponse,
       R"({"Service":{"AutoScalingConfigurationSummary":{"IsDefault":tru}}})", E::kMalformedJson, 59},
      {"known_boolean_true1", Target::kResponse,
       R"({"Service":{"AutoScalingConfigurationSummary":{"IsDefault":true1}}})", E::kMalformedJson, 59},
      {"known_integer_leading_zero", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":01}}})", E::kMalformedJson, 51},
      {"known_timestamp_one_dot", Target::kResponse, R"({"Service":{"CreatedAt":1.}})", E::kMalformedJson,
       24},
      {"known_timestamp_minus", Target::kResponse, R"({"Service":{"CreatedAt":-}})", E::kMalformedJson, 24},
      {"known_string_tru", Target::kRequest, R"({"ServiceArn":tru})", E::kMalformedJson, 14,
       "malformed literal at a string member: WrongType (nul at the same place is MalformedJson)"},
      {"known_string_minus", Target::kRequest, R"({"ServiceArn":-})", E::kMalformedJson, 14,
       "'-' is not a JSON number, yet a string member reports WrongType"},
      {"known_string_leading_zero", Target::kRequest, R"({"ServiceArn":01})", E::kMalformedJson, 14,
       "'01' is not a JSON number, yet a string member reports WrongType"},
      {"known_enum_minus_infinity", Target::kResponse, R"({"Service":{"Status":-Infinity}})",
       E::kMalformedJson, 21, "-Infinity at an enum member: WrongType"},
      {"known_integer_one_dot", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":1.}}})", E::kMalformedJson, 51,
       "'1.' is not a JSON number; the integer member reports WrongType ('not an integer')"},
      {"known_integer_minus", Target::kResponse, R"({"Service":{"HealthCheckConfiguration":{"Interval":-}}})",
       E::kMalformedJson, 51,
       "'-' is not a JSON number; the integer member reports WrongType ('not an integer')"},
      {"known_timestamp_tru", Target::kResponse, R"({"Service":{"CreatedAt":tru}})", E::kMalformedJson, 24,
       "malformed literal at a timestamp member: WrongType"},
      {"known_structure_fals", Target::kResponse, R"({"Service":fals})", E::kMalformedJson, 11,
       "malformed literal at a structure member: WrongType"},
      // Numbers beyond 64 bits / double range. RFC 8259 numbers have no range.
      {"unknown_2_pow_64_minus_1_ok", Target::kRequest, R"({"u":18446744073709551615,"ServiceArn":"a"})",
       E::kOk},
      {"unknown_min_int64_ok", Target::kRequest, R"({"u":-9223372036854775808,"ServiceArn":"a"})", E::kOk},
      {"unknown_max_double_ok", Target::kRequest, R"({"u":1.7976931348623157e308,"ServiceArn":"a"})", E::kOk},
      {"unknown_underflow_ok", Target::kRequest, R"({"u":1e-400,"ServiceArn":"a"})", E::kOk},
      {"unknown_2_pow_64", Target::kRequest, R"({"u":18446744073709551616,"ServiceArn":"a"})", E::kOk,
       kAnyOffset,
       "valid JSON number in an unknown member rejected as MalformedJson ('invalid number'): simdjson's "
       "get_number fails beyond 64 bits"},
      {"unknown_below_min_int64", Target::kRequest, R"({"u":-9223372036854775809,"ServiceArn":"a"})", E::kOk,
       kAnyOffset, "valid JSON number in an unknown member rejected as MalformedJson"},
      {"unknown_1e400", Target::kRequest, R"({"u":1e400,"ServiceArn":"a"})", E::kOk, kAnyOffset,
       "valid JSON number in an unknown member rejected as MalformedJson (double overflow)"},
      {"unknown_big_int_in_response", Target::kResponse,
       R"({"Service":{"u":[123456789012345678901234567890]}})", E::kOk, kAnyOffset,
       "an unknown response member holding a 30-digit integer makes the response undecodable"},
      {"integer_2_pow_32", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":4294967296}}})", E::kNumberOutOfRange, 51},
      {"integer_max_int64", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":9223372036854775807}}})", E::kNumberOutOfRange,
       51},
      {"integer_2_pow_63", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":9223372036854775808}}})", E::kNumberOutOfRange,
       51,
       "an integer outside 32 bits (error.h: NumberOutOfRange) reported as WrongType once it exceeds int64"},
      {"integer_30_digits", Target::kResponse,
       R"({"Service":{"HealthCheckConfiguration":{"Interval":123456789012345678901234567890}}})",
       E::kNumberOutOfRange, 51, "an integer outside 32 bits reported as WrongType ('not an integer')"},
      {"timestamp_30_digits", Target::kResponse,
       R"({"Service":{"CreatedAt":123456789012345678901234567890}})", E::kNumberOutOfRange, 24},
      {"timestamp_1e300", Target::kResponse, R"({"Service":{"CreatedAt":1e300}})", E::kNumberOutOfRange, 24},
      {"timestamp_1e400", Target::kResponse, R"({"Service":{"CreatedAt":1e400}})", E::kNumberOutOfRange, 24,
       "a timestamp beyond +-2^53 ms (error.h: NumberOutOfRange) reported as MalformedJson when it overflows "
       "a double"},
      {"timestamp_minus_1e400", Target::kResponse, R"({"Service":{"CreatedAt":-1e400}})",
       E::kNumberOutOfRange, 24, "as timestamp_1e400"},
      {"timestamp_underflow_ok", Target::kResponse, R"({"Service":{"CreatedAt":1e-400}})", E::kOk},
      {"timestamp_negative_zero_ok", Target::kResponse, R"({"Service":{"CreatedAt":-0}})", E::kOk},
      // Map-as-list shapes that are not one pair per object.
      {"map_list_nested_array", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[[]]}}}}})",
       E::kWrongType, 107},
      {"map_list_empty_pair", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{}]}}}}})",
       E::kWrongType, 107},
      {"map_list_null_item", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[null]}}}}})",
       E::kWrongType, 107},
      {"map_list_pair_value_number", Target::kResponseLenient,
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"a":1}]}}}}})",
       E::kWrongType, 112},
  };
  return rows;
}

// ---------------------------------------------------------------------------------
// Depth and size rows.

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

std::vector<Row> DepthRows() {
  std::vector<Row> rows;
  // Valid JSON nested 100 deep inside an unknown member: accepted, as the service
  // (Jackson, limit 1000) accepts it.
  rows.push_back({"deep_unknown_objects_100_ok", Target::kRequest,
                  "{\"ServiceArn\":\"a\",\"u\":" + Repeat("{\"u\":", 100) + "1" + Repeat("}", 100) + "}",
                  CodecError::kOk});
  rows.push_back({"deep_unknown_arrays_100_ok", Target::kRequest,
                  "{\"ServiceArn\":\"a\",\"u\":" + Repeat("[", 100) + Repeat("]", 100) + "}",
                  CodecError::kOk});
  rows.push_back({"deep_unknown_mixed_100_ok", Target::kRequest,
                  "{\"ServiceArn\":\"a\",\"u\":" + Repeat("[{\"a\":", 100) + "0" + Repeat("}]", 100) + "}",
                  CodecError::kOk});
  rows.push_back({"deep_unknown_in_response_struct_100_ok", Target::kResponse,
                  "{\"Service\":{\"NetworkConfiguration\":{\"u\":" + Repeat("{\"u\":", 100) + "null" +
                      Repeat("}", 100) + "}}}",
                  CodecError::kOk});
  // Beyond the default limit of 1000: the 1000th bracket after {"u": sits at depth 1001.
  for (size_t levels : {1000u, 10000u, 100000u}) {
    std::string n = std::to_string(levels);
    rows.push_back(
        {"deep_unknown_objects_" + n, Target::kRequest,
         "{\"ServiceArn\":\"a\",\"u\":" + Repeat("{\"u\":", levels) + "1" + Repeat("}", levels) + "}",
         CodecError::kDepthLimit, 22 + 999 * 5});
    rows.push_back({"deep_unknown_arrays_" + n, Target::kRequest,
                    "{\"u\":" + Repeat("[", levels) + Repeat("]", levels) + "}", CodecError::kDepthLimit,
                    1004});
    rows.push_back({"deep_unknown_mixed_" + n, Target::kRequest,
                    "{\"u\":" + Repeat("[{\"a\":", levels) + "0" + Repeat("}]", levels) + "}",
                    CodecError::kDepthLimit});
    rows.push_back({"deep_unknown_in_response_struct_" + n, Target::kResponse,
                    "{\"Service\":{\"NetworkConfiguration\":{\"u\":" + Repeat("{\"u\":", levels) + "null" +
                        Repeat("}", levels) + "}}}",
                    CodecError::kDepthLimit});
    rows.push_back({"deep_unclosed_arrays_" + n, Target::kRequest, "{\"u\":" + Repeat("[", levels),
                    CodecError::kMalformedJson});
    rows.push_back({"deep_unclosed_objects_" + n, Target::kRequest, "{\"u\":" + Repeat("{\"u\":", levels),
                    CodecError::kMalformedJson});
    // Too deep before it is unbalanced: the depth limit is met first.
    rows.push_back({"deep_closed_too_often_" + n, Target::kRequest,
                    "{\"u\":" + Repeat("[", levels) + Repeat("]", levels + 1) + "}", CodecError::kDepthLimit,
                    1004});
  }
  // Just inside and just outside the default limit of 1000 (the root object is depth 1).
  rows.push_back({"depth_1000_ok", Target::kRequest,
                  "{\"u\":" + Repeat("[", 999) + Repeat("]", 999) + ",\"ServiceArn\":\"a\"}",
                  CodecError::kOk});
  rows.push_back({"depth_1001", Target::kRequest,
                  "{\"u\":" + Repeat("[", 1000) + Repeat("]", 1000) + ",\"ServiceArn\":\"a\"}",
                  CodecError::kDepthLimit, 1004});
  rows.push_back({"depth_1000_objects_ok", Target::kRequest,
                  "{\"u\":" + Repeat("{\"u\":", 998) + "{}" + Repeat("}", 998) + ",\"ServiceArn\":\"a\"}",
                  CodecError::kOk});
  rows.push_back({"depth_1001_objects", Target::kRequest,
                  "{\"u\":" + Repeat("{\"u\":", 999) + "{}" + Repeat("}", 999) + "}", CodecError::kDepthLimit,
                  5 + 999 * 5});
  return rows;
}

// ---------------------------------------------------------------------------------
// Rows generated from the model tables: every member reachable from the request and
// the response, every JSON type at its path, duplicates of it.

struct MemberPath {
  // Root member first; all but the last are structures or lists of structures (whose
  // first element the path goes through).
  std::vector<const FieldDesc*> chain;
  static bool IntoList(const FieldDesc* f) { return f->kind == FieldKind::kList; }
  // "A.B.C", with the element index the decoder names for a list on the way ("L.0.M").
  std::string dotted() const {
    std::string s;
    for (size_t i = 0; i < chain.size(); ++i) {
      s += (s.empty() ? "" : ".") + std::string(chain[i]->wire_name);
      if (i + 1 < chain.size() && IntoList(chain[i])) s += ".0";
    }
    return s;
  }
  const FieldDesc& leaf() const { return *chain.back(); }
  // `{"A":{"B":[{"C":` and `}]}}` around the leaf's value.
  std::string prefix() const {
    std::string s;
    for (size_t i = 0; i < chain.size(); ++i) {
      s += "{\"" + std::string(chain[i]->wire_name) + "\":";
      if (i + 1 < chain.size() && IntoList(chain[i])) s += "[";
    }
    return s;
  }
  std::string suffix() const {
    std::string s;
    for (size_t i = chain.size(); i-- > 0;) {
      if (i + 1 < chain.size() && IntoList(chain[i])) s += "]";
      s += "}";
    }
    return s;
  }
};

void CollectPaths(const StructDesc& desc, std::vector<const FieldDesc*>* prefix,
                  std::vector<MemberPath>* out) {
  ASSERT_LT(prefix->size(), 16u) << "recursive model?";
  for (const FieldDesc& f : desc) {
    prefix->push_back(&f);
    out->push_back({*prefix});
    if (f.kind == FieldKind::kStructure) {
      ASSERT_NE(f.sub, nullptr) << f.wire_name;
      CollectPaths(*f.sub, prefix, out);
    } else if (f.kind == FieldKind::kList && f.list->element_kind == FieldKind::kStructure) {
      ASSERT_NE(f.list->element_struct, nullptr) << f.wire_name;
      CollectPaths(*f.list->element_struct, prefix, out);
    }
    prefix->pop_back();
  }
}

std::vector<MemberPath> Paths(const StructDesc& root) {
  std::vector<MemberPath> out;
  std::vector<const FieldDesc*> prefix;
  CollectPaths(root, &prefix, &out);
  return out;
}

// A JSON value of each type the tables can meet.
struct JsonValue {
  const char* name;
  const char* text;
};
constexpr JsonValue kJsonValues[] = {
    {"string", R"("x")"},
    {"iso_string", R"("2020-11-20T19:05:25Z")"},
    {"integer", "7"},
    {"negative_integer", "-7"},
    {"fraction", "5.5"},
    {"exponent", "1e2"},
    {"true", "true"},
    {"false", "false"},
    {"empty_object", "{}"},
    {"object_of_string", R"({"k":"v"})"},
    {"object_of_number", R"({"k":1})"},
    {"empty_array", "[]"},
    {"array_of_string", R"(["x"])"},
    {"array_of_pair", R"([{"k":"v"}])"},
    {"null", "null"},
};

struct Expectation {
  CodecError code;
  int64_t offset_delta;  // from the value's offset
};

Expectation Expected(FieldKind kind, std::string_view value, bool lenient, const ListDesc* list = nullptr) {
  using E = CodecError;
  const bool is_string = value.front() == '"';
  const bool is_integer = value == "7" || value == "-7";
  const bool is_number = is_integer || value == "5.5" || value == "1e2";
  const bool is_bool = value == "true" || value == "false";
  const bool is_object = value.front() == '{';
  if (value == "null") return {E::kOk, 0};
  switch (kind) {
    case FieldKind::kString:
    case FieldKind::kEnum: return {is_string ? E::kOk : E::kWrongType, 0};
    case FieldKind::kInteger: return {is_integer ? E::kOk : E::kWrongType, 0};
    case FieldKind::kBoolean: return {is_bool ? E::kOk : E::kWrongType, 0};
    case FieldKind::kTimestamp:
      if (is_number) return {E::kOk, 0};
      if (value == R"("x")") return {E::kInvalidTimestamp, 0};  // not ISO-8601, in both modes
      if (is_string) return {lenient ? E::kOk : E::kNotWireFormat, 0};
      return {E::kWrongType, 0};
    case FieldKind::kStructure: return {is_object ? E::kOk : E::kWrongType, 0};
    case FieldKind::kMap:
      if (value == R"({"k":1})") return {E::kWrongType, 5};  // the map value, not the map
      if (is_object) return {E::kOk, 0};
      if (value == "[]" || value == R"([{"k":"v"}])") return {lenient ? E::kOk : E::kNotWireFormat, 0};
      if (value == R"(["x"])") return {E::kWrongType, 1};  // the list item
      return {E::kWrongType, 0};
    case FieldKind::kList: {
      if (value.front() != '[') return {E::kWrongType, 0};
      if (value == "[]") return {E::kOk, 0};
      // One element ("x" or {"k":"v"}): what that element gets, one byte in.
      Expectation e = Expected(list->element_kind, value.substr(1, value.size() - 2), lenient);
      return {e.code, e.offset_delta + 1};
    }
  }
  return {E::kMalformedJson, 0};
}

// A valid value for a member of `kind` (for duplicate rows).
const char* ValidValue(FieldKind kind) {
  switch (kind) {
    case FieldKind::kString:
    case FieldKind::kEnum: return R"("x")";
    case FieldKind::kInteger: return "1";
    case FieldKind::kBoolean: return "true";
    case FieldKind::kTimestamp: return "1.5";
    case FieldKind::kStructure:
    case FieldKind::kMap: return "{}";
    case FieldKind::kList: return "[]";
  }
  return "null";
}

const char* KindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::kString: return "string";
    case FieldKind::kEnum: return "enum";
    case FieldKind::kInteger: return "integer";
    case FieldKind::kBoolean: return "boolean";
    case FieldKind::kTimestamp: return "timestamp";
    case FieldKind::kStructure: return "structure";
    case FieldKind::kMap: return "map";
    case FieldKind::kList: return "list";
  }
  return "?";
}

// ---------------------------------------------------------------------------------
// The harness.

PauseServiceRequestDecoder& RequestDecoder() {
  static PauseServiceRequestDecoder d;
  return d;
}
PauseServiceResponseDecoder& ResponseDecoder(bool lenient) {
  static PauseServiceResponseDecoder strict;
  static PauseServiceResponseDecoder relaxed([] {
    DecodeOptions o;
    o.lenient = true;
    return o;
  }());
  return lenient ? relaxed : strict;
}

// A copy of `body` followed by SIMDJSON_PADDING bytes that would change the result if
// they were read as content.
std::vector<char> HostilePadded(const std::string& body, char fill) {
  std::vector<char> v(body.begin(), body.end());
  v.resize(body.size() + simdjson::SIMDJSON_PADDING, fill);
  return v;
}

// Padding bytes DecodePadded is run with. With these the class and offset must equal
// Decode's. A padding that starts with '}' or ']' must give the same acceptance but,
// today, not always the same class: see PaddingContent below (a reported bug).
constexpr char kNeutralFills[] = {'\0', '"', '\xFF', '1', ' ', ',', ':', '{', '['};
constexpr char kClosingFills[] = {'}', ']'};

template <typename T>
DecodeStatus DecodeBoth(Decoder<T>& decoder, const std::string& body, T* out, std::string* mismatch) {
  // A stale value must not survive a decode.
  DecodeStatus s = decoder.Decode(body, out);
  auto run = [&](char fill, bool same_class) {
    std::vector<char> padded = HostilePadded(body, fill);
    T padded_out;
    DecodeStatus p =
        decoder.DecodePadded(std::string_view(padded.data(), body.size()), padded.size(), &padded_out);
    if (p.ok() != s.ok() || (same_class && (p.code != s.code || p.offset != s.offset))) {
      *mismatch += "DecodePadded (padding of '" + Hex(std::string(1, fill)) + "') gave " +
                   std::string(CodecErrorName(p.code)) + " at " + std::to_string(p.offset) + "; ";
    }
    if (!p.ok() && padded_out != T{}) *mismatch += "DecodePadded left a partial struct; ";
  };
  for (char fill : kNeutralFills) run(fill, true);
  for (char fill : kClosingFills) run(fill, false);
  // Decode again so `out` (and the decoder's state) belong to the copying API.
  return decoder.Decode(body, out);
}

// DecodeBoth for any struct, through its table: `out` and `scratch` are objects of
// `desc` (reused: they may hold an earlier value).
DecodeStatus DecodeBothDesc(StructDecoder& decoder, const StructDesc& desc, const std::string& body,
                            void* out, void* scratch, std::string* mismatch) {
  DecodeStatus s = decoder.Decode(body, desc, out);
  auto run = [&](char fill, bool same_class) {
    std::vector<char> padded = HostilePadded(body, fill);
    DecodeStatus p =
        decoder.DecodePadded(std::string_view(padded.data(), body.size()), padded.size(), desc, scratch);
    if (p.ok() != s.ok() || (same_class && (p.code != s.code || p.offset != s.offset))) {
      *mismatch += "DecodePadded (padding of '" + Hex(std::string(1, fill)) + "') gave " +
                   std::string(CodecErrorName(p.code)) + " at " + std::to_string(p.offset) + "; ";
    }
    if (!p.ok() && !fuzz::IsReset(desc, scratch)) *mismatch += "DecodePadded left a partial struct; ";
  };
  for (char fill : kNeutralFills) run(fill, true);
  for (char fill : kClosingFills) run(fill, false);
  return decoder.Decode(body, desc, out);
}

void CheckRow(const Row& row) {
  SCOPED_TRACE(row.name + " [" + TargetName(row.target) + "] body: " + Hex(row.body));
  if (row.bug != nullptr) {
    std::cout << "[ regression row ] " << row.name << ": " << row.bug << "\n";
  }
  DecodeStatus s;
  std::string mismatch;
  if (row.target == Target::kRequest) {
    PauseServiceRequest req;
    req.service_arn = "stale";
    s = DecodeBoth(RequestDecoder(), row.body, &req, &mismatch);
    if (!s.ok()) {
      EXPECT_EQ(req, PauseServiceRequest{}) << "a failed decode leaves the struct reset";
    }
    // The processor: a decode failure is a SerializationException with a JSON body.
    PauseServiceRequestProcessor processor;
    Outcome o = processor.Process(row.body);
    if (row.code != CodecError::kOk) {
      EXPECT_EQ(o, Outcome::kSerializationError);
      EXPECT_EQ(processor.http_status(), 400);
      EXPECT_EQ(processor.error_type(), kSerializationException);
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      EXPECT_EQ(parser.parse(std::string(processor.error_body())).get(doc), simdjson::SUCCESS)
          << "error body is not JSON: " << Hex(processor.error_body());
    } else {
      EXPECT_NE(o, Outcome::kSerializationError) << processor.message();
    }
  } else {
    PauseServiceResponse resp;
    resp.operation_id = "stale";
    s = DecodeBoth(ResponseDecoder(row.target == Target::kResponseLenient), row.body, &resp, &mismatch);
    if (!s.ok()) {
      EXPECT_EQ(resp, PauseServiceResponse{}) << "a failed decode leaves the struct reset";
    }
  }
  EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(row.code))
      << (row.bug ? std::string("regression (was a library bug): ") + row.bug + "\n" : std::string())
      << "detail: " << s.detail << ", offset " << s.offset;
  if (row.offset >= 0) {
    EXPECT_EQ(s.offset, static_cast<uint64_t>(row.offset)) << s.detail;
  }
  if (!s.ok()) {
    EXPECT_LE(s.offset, row.body.size()) << "offset beyond the body";
  }
  EXPECT_EQ(mismatch, "") << "DecodePadded must agree with Decode whatever the padding holds";
}

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

class HostileRow : public ::testing::TestWithParam<Row> {};
TEST_P(HostileRow, GivesTheExpectedClass) { CheckRow(GetParam()); }

// Regression rows (see `bug`) are named Regression_*.
std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  return (info.param.bug ? "Regression_" : "") + TestName(info.param.name);
}

std::vector<Row> StringRows() {
  std::vector<Row> rows;
  for (const StringSite& site : StringSites()) {
    for (const StringCase& c : StringCases()) {
      int64_t offset = kAnyOffset;
      if (c.where == At::kQuote) offset = static_cast<int64_t>(site.prefix.size());
      if (c.where == At::kContent) offset = static_cast<int64_t>(site.prefix.size() + 1 + c.at);
      rows.push_back({std::string(site.name) + "__" + c.name, site.target,
                      site.prefix + "\"" + c.content + "\"" + site.suffix, c.code, offset});
    }
  }
  return rows;
}

std::vector<Row> MalformedValueRows() {
  std::vector<Row> rows;
  for (const ValueSite& site : ValueSites()) {
    for (const ValueCase& c : MalformedValues()) {
      rows.push_back({std::string(site.name) + "__" + c.name, site.target,
                      site.prefix + c.value + site.suffix, CodecError::kMalformedJson});
    }
  }
  return rows;
}

INSTANTIATE_TEST_SUITE_P(StringContent, HostileRow, ::testing::ValuesIn(StringRows()), RowName);
INSTANTIATE_TEST_SUITE_P(MalformedValue, HostileRow, ::testing::ValuesIn(MalformedValueRows()), RowName);
INSTANTIATE_TEST_SUITE_P(Document, HostileRow, ::testing::ValuesIn(DocumentRows()), RowName);
INSTANTIATE_TEST_SUITE_P(Depth, HostileRow, ::testing::ValuesIn(DepthRows()), RowName);

// ---------------------------------------------------------------------------------
// Generated from the tables: every JSON type at every member, strict and lenient.

struct TypeRow {
  std::string name;
  bool response;
  bool lenient;
  MemberPath path;
  JsonValue value;
};

std::vector<TypeRow> TypeRows() {
  std::vector<TypeRow> rows;
  for (bool response : {false, true}) {
    for (const MemberPath& p : Paths(response ? kPauseServiceResponseDesc : kPauseServiceRequestDesc)) {
      for (bool lenient : {false, true}) {
        for (const JsonValue& v : kJsonValues) {
          rows.push_back({std::string(response ? "resp_" : "req_") + (lenient ? "lenient_" : "strict_") +
                              p.dotted() + "__" + v.name,
                          response, lenient, p, v});
        }
      }
    }
  }
  return rows;
}

// The member at `path` in a decoded object (through the first element of a list on
// the way), or nullptr when absent.
const void* Lookup(const void* root, const MemberPath& path) {
  const void* p = root;
  for (size_t i = 0; i < path.chain.size(); ++i) {
    const FieldDesc* f = path.chain[i];
    p = f->get(p);
    if (p == nullptr) return nullptr;
    if (i + 1 < path.chain.size() && MemberPath::IntoList(f)) {
      const auto* list = static_cast<const ListView*>(p);
      if (list->size == 0) return nullptr;
      p = list->data;
    }
  }
  return p;
}

// Objects of any desc, reused by the table-driven rows.
fuzz::StructStorage& Storage(int role) {
  static fuzz::StructStorage storage[4];
  return storage[role];
}

void CheckTypeRowDesc(const StructDesc& desc, const TypeRow& row) {
  DecodeOptions options;
  options.lenient = row.lenient;
  StructDecoder decoder(options);
  const FieldDesc& leaf = row.path.leaf();
  const std::string prefix = row.path.prefix();
  const std::string body = prefix + row.value.text + row.path.suffix();
  SCOPED_TRACE(std::string(desc.name) + ": " + KindName(leaf.kind) + " member, body: " + body);
  Expectation want = Expected(leaf.kind, row.value.text, row.lenient, leaf.list);
  void* out = Storage(0).For(desc);
  std::string mismatch;
  DecodeStatus s = DecodeBothDesc(decoder, desc, body, out, Storage(1).For(desc), &mismatch);
  EXPECT_EQ(mismatch, "");
  ASSERT_EQ(CodecErrorName(s.code), CodecErrorName(want.code)) << s.detail << " at " << s.offset;
  if (s.ok()) {
    const void* member = Lookup(out, row.path);
    if (std::string_view(row.value.text) == "null") {
      EXPECT_EQ(member, nullptr) << "null is absent";
    } else {
      EXPECT_NE(member, nullptr) << "the member is present after decoding";
    }
    return;
  }
  EXPECT_TRUE(fuzz::IsReset(desc, out)) << "a failed decode leaves the struct reset";
  EXPECT_EQ(s.offset, prefix.size() + want.offset_delta) << s.detail;
  if (s.code == CodecError::kNotWireFormat) {
    ASSERT_GE(decoder.num_deviations(), 1u);
    EXPECT_EQ(decoder.deviations()[0].path(), row.path.dotted());
  } else {
    EXPECT_EQ(s.field, &leaf) << "the status names the member";
  }
}

template <typename T>
void CheckTypeRow(const TypeRow& row) {
  CheckTypeRowDesc(ModelTraits<T>::desc(), row);
}

void PrintTo(const TypeRow& row, std::ostream* os) { *os << row.name; }

class TypeAtEveryMember : public ::testing::TestWithParam<TypeRow> {};
TEST_P(TypeAtEveryMember, GivesTheDocumentedClass) {
  const TypeRow& row = GetParam();
  if (row.response) {
    CheckTypeRow<PauseServiceResponse>(row);
  } else {
    CheckTypeRow<PauseServiceRequest>(row);
  }
}
INSTANTIATE_TEST_SUITE_P(Generated, TypeAtEveryMember, ::testing::ValuesIn(TypeRows()),
                         [](const auto& info) { return TestName(info.param.name); });

TEST(TypeAtEveryMember, TheTablesReachEveryKind) {
  // Guards the generator: a walk that found nothing would make the rows above vacuous.
  std::set<FieldKind> kinds;
  std::vector<MemberPath> paths = Paths(kPauseServiceResponseDesc);
  for (const MemberPath& p : paths) kinds.insert(p.leaf().kind);
  EXPECT_EQ(kinds.size(), 7u);
  EXPECT_GE(paths.size(), 60u);
  RecordProperty("response_member_paths", static_cast<int>(paths.size()));
}

// Duplicates of every member: plain, with the first letter escaped, and (strict and
// lenient) in another ASCII case. Also null first, value second.
struct DupRow {
  std::string name;
  bool response;
  bool lenient;
  MemberPath path;
  int spelling;  // 0 plain, 1 escaped, 2 case variant, 3 null then value
};

std::vector<DupRow> DupRows() {
  std::vector<DupRow> rows;
  static const char* kSpelling[] = {"plain", "escaped", "case_variant", "null_first"};
  for (bool response : {false, true}) {
    for (const MemberPath& p : Paths(response ? kPauseServiceResponseDesc : kPauseServiceRequestDesc)) {
      for (int spelling = 0; spelling < 4; ++spelling) {
        for (bool lenient : {false, true}) {
          if (spelling != 2 && lenient) continue;
          rows.push_back({std::string(response ? "resp_" : "req_") + p.dotted() + "__" + kSpelling[spelling] +
                              (lenient ? "_lenient" : ""),
                          response, lenient, p, spelling});
        }
      }
    }
  }
  return rows;
}

void CheckDupRowDesc(const StructDesc& desc, const DupRow& row) {
  DecodeOptions options;
  options.lenient = row.lenient;
  StructDecoder decoder(options);
  const FieldDesc& leaf = row.path.leaf();
  std::string name(leaf.wire_name);
  std::string second = name;
  char hex[8];
  switch (row.spelling) {
    case 1:
      std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned char>(name[0]));
      second = hex + name.substr(1);
      break;
    case 2:
      second[0] = static_cast<char>(
          std::islower(static_cast<unsigned char>(name[0])) ? std::toupper(name[0]) : std::tolower(name[0]));
      ASSERT_NE(second, name);
      break;
  }
  std::string prefix = row.path.prefix();  // ends with {"Name":
  std::string first_value = row.spelling == 3 ? "null" : ValidValue(leaf.kind);
  std::string body = prefix + first_value + ",";
  size_t second_key_at = body.size();
  body += "\"" + second + "\":" + ValidValue(leaf.kind) + row.path.suffix();
  SCOPED_TRACE(std::string(desc.name) + ": " + body);
  void* out = Storage(0).For(desc);
  std::string mismatch;
  DecodeStatus s = DecodeBothDesc(decoder, desc, body, out, Storage(1).For(desc), &mismatch);
  EXPECT_EQ(mismatch, "");
  if (row.spelling == 2 && !row.lenient) {
    // Strict: the case variant is an unknown member, so no duplicate; it is listed.
    EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(CodecError::kOk)) << s.detail;
    ASSERT_EQ(decoder.num_deviations(), 1u);
    EXPECT_EQ(decoder.deviations()[0].kind, DeviationKind::kMemberNameCase);
    EXPECT_EQ(decoder.deviations()[0].offset, second_key_at);
    return;
  }
  EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(CodecError::kDuplicateMember)) << s.detail;
  EXPECT_EQ(s.offset, second_key_at);
  EXPECT_EQ(s.field, &leaf);
}

template <typename T>
void CheckDupRow(const DupRow& row) {
  CheckDupRowDesc(ModelTraits<T>::desc(), row);
}

void PrintTo(const DupRow& row, std::ostream* os) { *os << row.name; }

class DuplicateOfEveryMember : public ::testing::TestWithParam<DupRow> {};
TEST_P(DuplicateOfEveryMember, IsRejected) {
  const DupRow& row = GetParam();
  if (row.response) {
    CheckDupRow<PauseServiceResponse>(row);
  } else {
    CheckDupRow<PauseServiceRequest>(row);
  }
}
INSTANTIATE_TEST_SUITE_P(Generated, DuplicateOfEveryMember, ::testing::ValuesIn(DupRows()),
                         [](const auto& info) { return TestName(info.param.name); });

// ---------------------------------------------------------------------------------
// The request processor: valid / validation error / serialization error.

struct ProcessorRow {
  std::string name;
  std::string body;
  Outcome outcome;
};

std::string ArnBody(std::string_view arn) { return "{\"ServiceArn\":\"" + std::string(arn) + "\"}"; }

std::vector<ProcessorRow> ProcessorRows() {
  const std::string prefix = "arn:aws:apprunner:us-east-1:123456789012:service/";
  std::string at_limit = prefix + std::string(1011 - prefix.size(), 'a');
  std::string over_limit = prefix + std::string(1012 - prefix.size(), 'a');
  return {
      {"example", ArnBody(kArn), Outcome::kValid},
      {"example_with_unknown_members",
       R"({"u":{"v":[1,2.5e-3,true,null,"\u00e9"]},"ServiceArn":")" + std::string(kArn) + R"(","w":[]})",
       Outcome::kValid},
      {"escape_spelled_arn",
       R"({"ServiceArn":"\u0061rn:aws:apprunner:us-east-1:123456789012:service\/a\/b"})", Outcome::kValid},
      {"partition_suffix", ArnBody("arn:aws-cn:apprunner:cn-north-1:123456789012:service/a"),
       Outcome::kValid},
      {"length_1011_code_points", ArnBody(at_limit), Outcome::kValid},
      {"length_1012_code_points", ArnBody(over_limit), Outcome::kValidationError},
      {"missing", "{}", Outcome::kValidationError},
      {"null", R"({"ServiceArn":null})", Outcome::kValidationError},
      {"empty", R"({"ServiceArn":""})", Outcome::kValidationError},
      {"eleven_digit_account", ArnBody("arn:aws:apprunner:us-east-1:12345678901:service/a"),
       Outcome::kValidationError},
      {"non_ascii_resource", ArnBody(prefix + "caf\xC3\xA9"), Outcome::kValidationError},
      {"escaped_newline_suffix", ArnBody(std::string(kArn) + "\\n"), Outcome::kValidationError},
      {"escaped_nul_suffix", ArnBody(std::string(kArn) + "\\u0000"), Outcome::kValidationError},
      {"prefix_with_space", ArnBody(std::string(" ") + kArn), Outcome::kValidationError},
      {"wrong_type", R"({"ServiceArn":["x"]})", Outcome::kSerializationError},
      {"case_variant_name_is_not_the_member", R"({"serviceArn":"x"})", Outcome::kValidationError},
      {"duplicate", ArnBody(kArn).substr(0, ArnBody(kArn).size() - 1) + ",\"ServiceArn\":\"x\"}",
       Outcome::kSerializationError},
      {"trailing_content", ArnBody(kArn) + "x", Outcome::kSerializationError},
  };
}

void PrintTo(const ProcessorRow& row, std::ostream* os) { *os << row.name; }

class ProcessorRowTest : public ::testing::TestWithParam<ProcessorRow> {};
TEST_P(ProcessorRowTest, GivesTheOutcome) {
  const ProcessorRow& row = GetParam();
  PauseServiceRequestProcessor processor;
  Outcome o = processor.Process(row.body);
  EXPECT_EQ(static_cast<int>(o), static_cast<int>(row.outcome)) << processor.message();
  if (o != Outcome::kValid) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(std::string(processor.error_body())).get(doc), simdjson::SUCCESS);
    EXPECT_EQ(processor.error_type(),
              o == Outcome::kValidationError ? kInvalidRequestException : kSerializationException);
  }
}
INSTANTIATE_TEST_SUITE_P(Rows, ProcessorRowTest, ::testing::ValuesIn(ProcessorRows()),
                         [](const auto& info) { return TestName(info.param.name); });

// ---------------------------------------------------------------------------------
// A raw control character after an escape, at every distance from it (the scan
// between escapes takes sixteen bytes at a time), after escaped quotes, backslashes,
// \u escapes and surrogate pairs: rejected at its own offset; the same string without
// it is well-formed JSON.
TEST(ControlCharacterAfterEscape, FoundAtItsOffset) {
  PauseServiceRequestProcessor processor;
  for (const char* escape : {"\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\\\\\\""}) {
    for (size_t gap = 0; gap < 40; ++gap) {
      SCOPED_TRACE(std::string("escape ") + escape + ", gap " + std::to_string(gap));
      const std::string head = std::string(R"({"ServiceArn":"arn)") + escape + std::string(gap, 'a');
      const std::string tail = std::string(gap % 7, 'b') + "\\n\"}";
      EXPECT_EQ(processor.Process(head + '\x01' + tail), Outcome::kSerializationError);
      EXPECT_EQ(CodecErrorName(processor.decode_status().code), "MalformedJson");
      EXPECT_EQ(processor.decode_status().offset, head.size()) << "the control character itself";
      EXPECT_EQ(processor.Process(head + tail), Outcome::kValidationError) << "well-formed without it";
    }
  }
}

// Every byte value inside the ARN, raw and escaped.

bool ArnResourceChar(int b) { return std::isalnum(b) || b == '_' || b == '/' || b == '-'; }

TEST(EveryByteInTheArn, HasOneClassPerByte) {
  const std::string head = R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a)";
  int counts[3] = {0, 0, 0};
  PauseServiceRequestProcessor processor;
  for (int b = 0; b < 256; ++b) {
    // 'z' after the byte: "\z" is not an escape, so a backslash cannot form a valid one.
    std::string body = head + static_cast<char>(b) + "z\"}";
    SCOPED_TRACE("byte 0x" + Hex(std::string(1, static_cast<char>(b))));
    Outcome o = processor.Process(body);
    ++counts[static_cast<int>(o)];
    const DecodeStatus& s = processor.decode_status();
    if (b < 0x20) {
      EXPECT_EQ(o, Outcome::kSerializationError);
      EXPECT_EQ(CodecErrorName(s.code), "MalformedJson");
      EXPECT_EQ(s.offset, head.size()) << "the control character itself";
    } else if (b == '"') {
      EXPECT_EQ(o, Outcome::kSerializationError);
      EXPECT_EQ(CodecErrorName(s.code), "MalformedJson") << "a quote ends the string early: z\"} follows";
    } else if (b == '\\') {
      EXPECT_EQ(o, Outcome::kSerializationError);
      EXPECT_EQ(CodecErrorName(s.code), "MalformedJson") << "\\z is no escape";
      EXPECT_EQ(s.offset, 14u) << "the string's opening quote";
    } else if (b >= 0x80) {
      EXPECT_EQ(o, Outcome::kSerializationError);
      EXPECT_EQ(CodecErrorName(s.code), "InvalidUtf8");
      EXPECT_EQ(s.offset, head.size()) << "a lone byte >= 0x80 is the first bad byte";
    } else {
      ASSERT_TRUE(s.ok()) << CodecErrorName(s.code);
      EXPECT_EQ(o, ArnResourceChar(b) ? Outcome::kValid : Outcome::kValidationError) << processor.message();
      EXPECT_EQ(processor.request().service_arn->size(), head.size() - 15 + 2);
    }
    if (o != Outcome::kValid) {
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      EXPECT_EQ(parser.parse(std::string(processor.error_body())).get(doc), simdjson::SUCCESS)
          << Hex(processor.error_body());
    }
  }
  // 0-31, '"', '\\' and 128-255 fail to decode: 32 + 2 + 128.
  EXPECT_EQ(counts[static_cast<int>(Outcome::kSerializationError)], 162);
  // Alphanumerics, '_', '/', '-'.
  EXPECT_EQ(counts[static_cast<int>(Outcome::kValid)], 65);
  EXPECT_EQ(counts[static_cast<int>(Outcome::kValidationError)], 256 - 162 - 65);
}

TEST(EveryByteInTheArn, EscapedAsUnicodeDecodesAndValidates) {
  const std::string head = R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a)";
  PauseServiceRequestProcessor processor;
  for (int b = 0; b < 256; ++b) {
    char esc[8];
    std::snprintf(esc, sizeof esc, "\\u%04X", b);
    std::string body = head + esc + "z\"}";
    SCOPED_TRACE(body);
    Outcome o = processor.Process(body);
    ASSERT_TRUE(processor.decode_status().ok()) << processor.message();
    EXPECT_EQ(o, ArnResourceChar(b) ? Outcome::kValid : Outcome::kValidationError);
    // U+0000-U+007F is one UTF-8 byte, U+0080-U+00FF two.
    std::string_view arn = *processor.request().service_arn;
    std::string want =
        b < 0x80 ? std::string(1, static_cast<char>(b))
                 : std::string{static_cast<char>(0xC0 | (b >> 6)), static_cast<char>(0x80 | (b & 0x3F))};
    EXPECT_EQ(arn.substr(arn.size() - 1 - want.size(), want.size()), want);
    if (o != Outcome::kValid) {
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      EXPECT_EQ(parser.parse(std::string(processor.error_body())).get(doc), simdjson::SUCCESS)
          << Hex(processor.error_body());
    }
  }
}

TEST(EveryByteBetweenMembers, OnlyJsonWhitespaceIsAccepted) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  for (int b = 0; b < 256; ++b) {
    std::string body = std::string(R"({"u":1,)") + static_cast<char>(b) + R"("ServiceArn":"a"})";
    SCOPED_TRACE("byte 0x" + Hex(std::string(1, static_cast<char>(b))));
    DecodeStatus s = decoder.Decode(body, &req);
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
      EXPECT_TRUE(s.ok()) << CodecErrorName(s.code);
    } else if (b >= 0x80) {
      EXPECT_EQ(CodecErrorName(s.code), "InvalidUtf8");
      EXPECT_EQ(s.offset, 7u);
    } else {
      EXPECT_EQ(CodecErrorName(s.code), "MalformedJson");
    }
  }
}

TEST(EveryByteInAnUnknownName, IsAcceptedOrClassified) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  for (int b = 0; b < 256; ++b) {
    std::string body = std::string(R"({"ServiceArn":"a","u)") + static_cast<char>(b) + R"(z":1})";
    SCOPED_TRACE("byte 0x" + Hex(std::string(1, static_cast<char>(b))));
    DecodeStatus s = decoder.Decode(body, &req);
    if (b < 0x20 || b == '"' || b == '\\') {
      EXPECT_EQ(CodecErrorName(s.code), "MalformedJson");
    } else if (b >= 0x80) {
      EXPECT_EQ(CodecErrorName(s.code), "InvalidUtf8");
      EXPECT_EQ(s.offset, 20u);
    } else {
      EXPECT_TRUE(s.ok()) << CodecErrorName(s.code);
      EXPECT_EQ(*req.service_arn, "a");
    }
  }
}

// ---------------------------------------------------------------------------------
// Sizes.

TEST(Sizes, TenMegabyteBody) {
  const std::string head = std::string("{\"ServiceArn\":\"") + kArn + "\",\"pad\":\"";
  std::string body = head + std::string(10'000'000 - head.size() - 2, 'p') + "\"}";
  ASSERT_EQ(body.size(), 10'000'000u);
  PauseServiceRequest req;
  PauseServiceRequestDecoder defaults;
  DecodeStatus s = defaults.Decode(body, &req);
  EXPECT_EQ(CodecErrorName(s.code), "BodyTooLarge");
  std::vector<char> padded = HostilePadded(body, '"');
  EXPECT_EQ(
      CodecErrorName(
          defaults.DecodePadded(std::string_view(padded.data(), body.size()), padded.size(), &req).code),
      "BodyTooLarge");
  PauseServiceRequestProcessor processor;
  EXPECT_EQ(processor.Process(body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kBodyTooLarge);

  DecodeOptions big;
  big.max_body_bytes = size_t{16} << 20;
  PauseServiceRequestDecoder raised(big);
  ASSERT_TRUE(raised.Decode(body, &req).ok());
  EXPECT_EQ(*req.service_arn, kArn);
  ASSERT_TRUE(raised.DecodePadded(std::string_view(padded.data(), body.size()), padded.size(), &req).ok());
  EXPECT_EQ(*req.service_arn, kArn);
  PauseServiceRequestProcessor raised_processor(big);
  EXPECT_EQ(raised_processor.Process(body), Outcome::kValid);
}

TEST(Sizes, ExactlyAtAndOneOverTheDefaultLimit) {
  const std::string head = std::string("{\"ServiceArn\":\"") + kArn + "\",\"pad\":\"";
  std::string at = head + std::string((size_t{1} << 20) - head.size() - 2, 'p') + "\"}";
  ASSERT_EQ(at.size(), size_t{1} << 20);
  std::string over = head + std::string((size_t{1} << 20) - head.size() - 1, 'p') + "\"}";
  PauseServiceRequestProcessor processor;
  EXPECT_EQ(processor.Process(at), Outcome::kValid) << processor.message();
  EXPECT_EQ(processor.Process(over), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kBodyTooLarge);
}

std::string ManyUnknownMembers(size_t n) {
  std::string body = "{";
  for (size_t i = 0; i < n; ++i) body += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  return body;
}

TEST(Sizes, HundredThousandUnknownMembers) {
  std::string body = ManyUnknownMembers(100000) + "\"ServiceArn\":\"" + kArn + "\"}";
  ASSERT_GT(body.size(), size_t{1} << 20) << "over the default limit: raised below";
  DecodeOptions options;
  options.max_body_bytes = size_t{4} << 20;
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(body, &req).ok());
  EXPECT_EQ(*req.service_arn, kArn);
  PauseServiceRequestProcessor processor(options);
  EXPECT_EQ(processor.Process(body), Outcome::kValid);

  options.reject_unknown_members = true;
  PauseServiceRequestDecoder rejecting(options);
  DecodeStatus s = rejecting.Decode(body, &req);
  EXPECT_EQ(s.code, CodecError::kUnknownMember);
  EXPECT_EQ(s.offset, 1u);

  // Inside a structure of the response too, with a duplicate after them all.
  std::string resp = "{\"Service\":{\"ServiceName\":\"a\"," + ManyUnknownMembers(100000).substr(1) +
                     "\"Status\":\"RUNNING\"}}";
  PauseServiceResponseDecoder rd(DecodeOptions{size_t{4} << 20});
  PauseServiceResponse r;
  ASSERT_TRUE(rd.Decode(resp, &r).ok());
  EXPECT_EQ(*r.service->service_name, "a");
  EXPECT_EQ(r.service->status->value(), ServiceStatus::kRunning);
  std::string dup = resp;
  dup.insert(dup.size() - 2, ",\"ServiceName\":\"b\"");
  EXPECT_EQ(rd.Decode(dup, &r).code, CodecError::kDuplicateMember);
}

TEST(Sizes, OneMegabyteStrings) {
  const size_t kMiB = size_t{1} << 20;
  DecodeOptions options;
  options.max_body_bytes = 2 * kMiB + 4096;
  const std::string prefix = "arn:aws:apprunner:us-east-1:123456789012:service/";

  // Known member: decodes; the processor reports the length (and pattern) violation.
  std::string big_arn = prefix + std::string(kMiB, 'a');
  PauseServiceRequestProcessor processor(options);
  EXPECT_EQ(processor.Process(ArnBody(big_arn)), Outcome::kValidationError);
  EXPECT_EQ(processor.request().service_arn->size(), big_arn.size());
  EXPECT_NE(processor.message().find("length less than or equal to 1011"), std::string_view::npos)
      << processor.message().substr(0, 300);

  // Unknown member: ignored.
  std::string body = "{\"u\":\"" + std::string(kMiB, 'u') + "\",\"ServiceArn\":\"" + kArn + "\"}";
  EXPECT_EQ(processor.Process(body), Outcome::kValid);
  // An unknown member NAME of 1 MiB.
  body = "{\"" + std::string(kMiB, 'n') + "\":1,\"ServiceArn\":\"" + kArn + "\"}";
  EXPECT_EQ(processor.Process(body), Outcome::kValid);

  // 1 MiB of escapes in the known member: unescaped into the decoder's buffer.
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  body = "{\"ServiceArn\":\"" + Repeat("\\u00e9", kMiB / 6) + "\"}";
  ASSERT_TRUE(decoder.Decode(body, &req).ok());
  EXPECT_EQ(req.service_arn->size(), (kMiB / 6) * 2);
  EXPECT_EQ(CountCodePoints(*req.service_arn), kMiB / 6);
  // ... and an invalid escape at the very end of it.
  body = "{\"ServiceArn\":\"" + Repeat("\\u00e9", kMiB / 6) + "\\ud800\"}";
  EXPECT_EQ(decoder.Decode(body, &req).code, CodecError::kMalformedJson);
  // ... and a raw control character at the end of 1 MiB of plain text.
  body = "{\"ServiceArn\":\"" + std::string(kMiB, 'a') + "\x01\"}";
  DecodeStatus s = decoder.Decode(body, &req);
  EXPECT_EQ(s.code, CodecError::kMalformedJson);
  EXPECT_EQ(s.offset, 15 + kMiB);
  // ... and a bad UTF-8 byte at the end of 1 MiB of multi-byte text.
  body = "{\"ServiceArn\":\"" + Repeat("\xE2\x98\x83", kMiB / 3) + "\xE2\x98\"}";
  s = decoder.Decode(body, &req);
  EXPECT_EQ(s.code, CodecError::kInvalidUtf8);
  EXPECT_EQ(s.offset, 15 + (kMiB / 3) * 3);

  // A 1 MiB map value in the response.
  PauseServiceResponseDecoder rd(options);
  PauseServiceResponse r;
  std::string resp =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"K":")" +
      std::string(kMiB, 'v') + "\"}}}}}}";
  ASSERT_TRUE(rd.Decode(resp, &r).ok());
  const StringMap& m =
      *r.service->source_configuration->image_repository->image_configuration->runtime_environment_variables;
  ASSERT_EQ(m.size, 1u);
  EXPECT_EQ(m.entries[0].value.size(), kMiB);
}

TEST(Sizes, HundredThousandMapEntries) {
  std::string body =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{)";
  for (int i = 0; i < 100000; ++i) body += (i ? ",\"" : "\"") + std::to_string(i) + "\":\"v\"";
  body += "}}}}}}";
  PauseServiceResponseDecoder decoder(DecodeOptions{size_t{4} << 20});
  PauseServiceResponse r;
  ASSERT_TRUE(decoder.Decode(body, &r).ok());
  EXPECT_EQ(r.service->source_configuration->image_repository->image_configuration
                ->runtime_environment_variables->size,
            100000u);
}

// ---------------------------------------------------------------------------------
// DecodePadded: "their content does not matter" (codec/decode.h). It does not change
// acceptance (1.8M mutated documents, every padding byte, no difference), but when the
// document's brackets are unbalanced and the padding starts with '}' (or, rarely, ']'),
// simdjson's On-Demand reads the first padding byte through its end sentinel, reports
// the document unbalanced up front, and the decoder's diagnosis answers another class or
// offset than Decode (which pads with zeros). Fixed: DecodePadded answers a failure
// from the zero-padded copy. These rows guard it.

struct PaddingRow {
  const char* name;
  std::string body;
  char fill;
};

void PrintTo(const PaddingRow& row, std::ostream* os) { *os << row.name; }

class PaddingContent : public ::testing::TestWithParam<PaddingRow> {};
TEST_P(PaddingContent, DoesNotChangeTheResult) {
  const PaddingRow& row = GetParam();
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse resp;
  DecodeStatus s = decoder.Decode(row.body, &resp);
  std::vector<char> padded = HostilePadded(row.body, row.fill);
  DecodeStatus p =
      decoder.DecodePadded(std::string_view(padded.data(), row.body.size()), padded.size(), &resp);

  EXPECT_EQ(p.ok(), s.ok());
  EXPECT_EQ(CodecErrorName(p.code), CodecErrorName(s.code))
      << "regression: padding content changed the class; Decode says " << CodecErrorName(s.code) << " at "
      << s.offset << ", DecodePadded " << CodecErrorName(p.code) << " at " << p.offset;
  EXPECT_EQ(p.offset, s.offset);
}
INSTANTIATE_TEST_SUITE_P(
    Rows, PaddingContent,
    ::testing::Values(PaddingRow{"extra_close_bracket_brace_padding", R"({"u":[1]],"OperationId":"a"})", '}'},
                      PaddingRow{"trailing_comma_extra_brace_brace_padding", R"({"OperationId":"a",}})", '}'},
                      PaddingRow{"deep_extra_close_brace_padding",
                                 "{\"u\":" + Repeat("[", 100) + Repeat("]", 101) + "}", '}'},
                      PaddingRow{"unbalanced_bracket_padding",
                                 R"({"ServiceArn":"a","u":[1,[{"v":[],"w":{"x":{}}})", ']'}),
    [](const auto& info) { return "Regression_" + std::string(info.param.name); });

// ---------------------------------------------------------------------------------
// Depth options at their bounds.

TEST(DepthOptions, LimitOfOneAndOfTheMaximum) {
  DecodeOptions one;
  one.max_depth = 1;
  PauseServiceRequestDecoder shallow(one);
  PauseServiceRequest req;
  EXPECT_TRUE(shallow.Decode(R"({"ServiceArn":"x","u":1})", &req).ok());
  EXPECT_EQ(shallow.Decode(R"({"u":[]})", &req).code, CodecError::kDepthLimit);
  EXPECT_EQ(shallow.Decode(R"({"u":{}})", &req).code, CodecError::kDepthLimit);

  DecodeOptions three;
  three.max_depth = 3;
  PauseServiceResponseDecoder rd(three);
  PauseServiceResponse r;
  EXPECT_TRUE(rd.Decode(R"({"Service":{"SourceConfiguration":{}}})", &r).ok());
  EXPECT_EQ(rd.Decode(R"({"Service":{"SourceConfiguration":{"CodeRepository":{}}}})", &r).code,
            CodecError::kDepthLimit);
  // The map below is an object at depth 6; in its list form the list is at depth 6 and
  // its one-pair objects at depth 7 (an empty list needs only 6).
  const std::string map_at =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":)";
  DecodeOptions six;
  six.max_depth = 6;
  six.lenient = true;
  PauseServiceResponseDecoder rd6(six);
  EXPECT_TRUE(rd6.Decode(map_at + R"({"a":"b"}}}}}})", &r).ok());
  EXPECT_TRUE(rd6.Decode(map_at + "[]}}}}}", &r).ok());
  EXPECT_EQ(rd6.Decode(map_at + R"([{"a":"b"}]}}}}})", &r).code, CodecError::kDepthLimit);
  DecodeOptions seven = six;
  seven.max_depth = 7;
  PauseServiceResponseDecoder rd7(seven);
  EXPECT_TRUE(rd7.Decode(map_at + R"([{"a":"b"}]}}}}})", &r).ok());

  // The largest limit (and a request for more, which is clamped to it).
  DecodeOptions deepest;
  deepest.max_depth = 1u << 30;
  PauseServiceRequestDecoder deep(deepest);
  EXPECT_EQ(deep.options().max_depth, kMaxDepthLimit);
  std::string ok = "{\"u\":" + Repeat("[", kMaxDepthLimit - 1) + Repeat("]", kMaxDepthLimit - 1) + "}";
  EXPECT_TRUE(deep.Decode(ok, &req).ok()) << CodecErrorName(deep.Decode(ok, &req).code);
  std::string over = "{\"u\":" + Repeat("[", kMaxDepthLimit) + Repeat("]", kMaxDepthLimit) + "}";
  EXPECT_EQ(deep.Decode(over, &req).code, CodecError::kDepthLimit);
  std::string objects = "{\"u\":" + Repeat("{\"u\":", 100000) + "1" + Repeat("}", 100000) + "}";
  EXPECT_EQ(deep.Decode(objects, &req).code, CodecError::kDepthLimit);
}

// ---------------------------------------------------------------------------------
// Every operation of the service, through its input and output tables: each sample body
// (examples/operations) cut at every byte; the rows above (string content, malformed
// values, documents, depth) decoded with each table; every JSON type at every member
// and duplicates of every member; a list of 100,000 elements.

struct OpSide {
  const OperationDesc* op;
  bool output;
  const StructDesc& desc() const { return output ? *op->output : *op->input; }
  std::string name() const { return std::string(op->name) + (output ? "_response" : "_request"); }
  // The sample body, read from the runfiles (examples/operations).
  std::string SamplePath() const {
    return "examples/operations/" + std::string(op->name) + (output ? ".response.json" : ".request.json");
  }
};

void PrintTo(const OpSide& side, std::ostream* os) { *os << side.name(); }

std::vector<OpSide> OpSides() {
  std::vector<OpSide> out;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    out.push_back({kModel.operations[i], false});
    out.push_back({kModel.operations[i], true});
  }
  return out;
}

std::string OpSideName(const ::testing::TestParamInfo<OpSide>& info) { return info.param.name(); }

bool Blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

class EveryOperation : public ::testing::TestWithParam<OpSide> {};

TEST(EveryOperationSetup, ThirtySevenOperationsAndTheirSamples) {
  EXPECT_EQ(kModel.num_operations, 37);
  for (const OpSide& side : OpSides()) {
    EXPECT_FALSE(testutil::ReadFile(side.SamplePath()).empty()) << side.SamplePath();
  }
}

// Every prefix of the sample, strict and lenient, Decode and DecodePadded: a clean
// failure (MalformedJson, or InvalidUtf8 inside a cut multi-byte character; an offset
// within the prefix; the class the JSON checker's verdict allows; the struct reset),
// never a success unless the prefix is itself one complete valid document (or, for an
// output, blank: no members). The whole sample decodes.
TEST_P(EveryOperation, EveryPrefixOfTheSampleFailsCleanly) {
  const OpSide& side = GetParam();
  const StructDesc& desc = side.desc();
  std::string sample = testutil::ReadFile(side.SamplePath());
  ASSERT_FALSE(sample.empty()) << side.SamplePath();
  DecodeOptions lenient_options;
  lenient_options.lenient = true;
  StructDecoder strict, lenient(lenient_options);
  void* out = Storage(0).For(desc);
  void* scratch = Storage(1).For(desc);
  int failures = 0;
  for (size_t n = 0; n <= sample.size() && failures < 5; ++n) {
    const std::string prefix = sample.substr(0, n);
    fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(prefix, kDefaultMaxDepth);
    const bool complete = (r.valid && r.root == '{') || (side.output && Blank(prefix));
    for (StructDecoder* decoder : {&strict, &lenient}) {
      // One neutral and one closing padding per prefix, rotating through the neutral ones.
      std::vector<char> padded = HostilePadded(prefix, kNeutralFills[n % sizeof kNeutralFills]);
      std::vector<char> closing = HostilePadded(prefix, kClosingFills[n % sizeof kClosingFills]);
      DecodeStatus s = decoder->Decode(prefix, desc, out);
      DecodeStatus p =
          decoder->DecodePadded(std::string_view(padded.data(), n), padded.size(), desc, scratch);
      DecodeStatus c =
          decoder->DecodePadded(std::string_view(closing.data(), n), closing.size(), desc, scratch);
      std::string why;
      if (complete != s.ok()) {
        why = complete ? "a complete document did not decode" : "a truncated body decoded";
      } else if (!s.ok() && s.code != CodecError::kMalformedJson && s.code != CodecError::kInvalidUtf8) {
        why = "a truncation gave a class other than MalformedJson or InvalidUtf8";
      } else if (const char* d =
                     side.output && Blank(prefix)
                         ? nullptr  // no members (awsJson1_0), not a JSON text
                         : fuzz::SyntaxDisagreement(prefix, s, r, kDefaultMaxDepth, size_t{1} << 20)) {
        why = d;
      } else if (!s.ok() && !fuzz::IsReset(desc, out)) {
        why = "a failed decode left the struct half-decoded";
      } else if (p.code != s.code || p.offset != s.offset || c.ok() != s.ok()) {
        why = "DecodePadded disagrees with Decode: " + std::string(CodecErrorName(p.code)) + " at " +
              std::to_string(p.offset) + " / " + std::string(CodecErrorName(c.code));
      }
      if (!why.empty()) {
        ADD_FAILURE() << side.name() << (decoder == &lenient ? " lenient" : " strict") << ", prefix of " << n
                      << " bytes: " << why << "\n  ours: " << fuzz::Describe(s)
                      << "\n  checker: " << fuzz::Verdict(r, prefix)
                      << "\n  prefix tail: " << Hex(prefix.substr(n > 60 ? n - 60 : 0));
        ++failures;
      }
    }
  }
  EXPECT_TRUE(strict.Decode(sample, desc, out).ok()) << side.name() << ": the whole sample";
}

// The rows above, decoded with this operation's table: those whose class is decided
// by the JSON text alone (MalformedJson, InvalidUtf8, RootNotObject, TrailingContent,
// DepthLimit, or success) must get that class, and offset where the row pins one,
// whatever members the table models; an output takes a blank body as no members.
// (Rows about modelled members - wrong types, duplicates, ranges - are the generated
// rows of the next test, per member of this table.)
bool TextDecided(CodecError code) {
  switch (code) {
    case CodecError::kOk:
    case CodecError::kMalformedJson:
    case CodecError::kInvalidUtf8:
    case CodecError::kRootNotObject:
    case CodecError::kTrailingContent:
    case CodecError::kDepthLimit: return true;
    default: return false;
  }
}

const std::vector<Row>& AllRows() {
  static const std::vector<Row>* rows = [] {
    auto* all = new std::vector<Row>();
    for (auto make : {StringRows, MalformedValueRows, DocumentRows, DepthRows}) {
      for (Row& row : make()) {
        if (TextDecided(row.code)) all->push_back(std::move(row));
      }
    }
    return all;
  }();
  return *rows;
}

TEST_P(EveryOperation, HostileRowsGiveTheClassOfTheirText) {
  const OpSide& side = GetParam();
  const StructDesc& desc = side.desc();
  DecodeOptions lenient_options;
  lenient_options.lenient = true;
  StructDecoder strict, lenient(lenient_options);
  void* out = Storage(0).For(desc);
  void* scratch = Storage(1).For(desc);
  size_t checked = 0;
  for (const Row& row : AllRows()) {
    SCOPED_TRACE(side.name() + ": row " + row.name + " body: " + Hex(row.body));
    StructDecoder& decoder = row.target == Target::kResponseLenient ? lenient : strict;
    std::string mismatch;
    // Big bodies (the deep rows, up to 600 KB, whose padded decodes the PauseService rows
    // above already run): Decode only, so that 74 tables stay fast under ASan.
    DecodeStatus s = row.body.size() > 65536
                         ? decoder.Decode(row.body, desc, out)
                         : DecodeBothDesc(decoder, desc, row.body, out, scratch, &mismatch);
    CodecError want = side.output && Blank(row.body) ? CodecError::kOk : row.code;
    EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(want)) << s.detail << " at " << s.offset;
    if (want == row.code && row.offset >= 0) {
      EXPECT_EQ(s.offset, static_cast<uint64_t>(row.offset)) << s.detail;
    }
    if (!s.ok()) {
      EXPECT_LE(s.offset, row.body.size());
      EXPECT_TRUE(fuzz::IsReset(desc, out)) << "a failed decode leaves the struct reset";
    }
    EXPECT_EQ(mismatch, "");
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
}

// Every JSON type at every member of the table (through structures and the first
// element of lists of structures), strict and lenient; duplicates of every member.
TEST_P(EveryOperation, EveryTypeAndDuplicateAtEveryMember) {
  const OpSide& side = GetParam();
  const StructDesc& desc = side.desc();
  std::vector<MemberPath> paths = Paths(desc);
  static const char* kSpelling[] = {"plain", "escaped", "case_variant", "null_first"};
  for (const MemberPath& p : paths) {
    for (bool lenient : {false, true}) {
      for (const JsonValue& v : kJsonValues) {
        TypeRow row{p.dotted() + "__" + v.name, side.output, lenient, p, v};
        CheckTypeRowDesc(desc, row);
      }
    }
    for (int spelling = 0; spelling < 4; ++spelling) {
      for (bool lenient : {false, true}) {
        if (spelling != 2 && lenient) continue;
        CheckDupRowDesc(desc, {p.dotted() + "__" + kSpelling[spelling], side.output, lenient, p, spelling});
      }
    }
  }
  RecordProperty("member_paths", static_cast<int>(paths.size()));
}

INSTANTIATE_TEST_SUITE_P(All, EveryOperation, ::testing::ValuesIn(OpSides()), OpSideName);

TEST(EveryOperationSetup, TheTablesReachEveryKind) {
  // Guards the generated rows: every kind, lists included, and every member.
  std::set<FieldKind> kinds;
  size_t paths = 0;
  for (const OpSide& side : OpSides()) {
    for (const MemberPath& p : Paths(side.desc())) {
      kinds.insert(p.leaf().kind);
      ++paths;
    }
  }
  EXPECT_EQ(kinds.size(), 8u);
  EXPECT_GE(paths, 800u);
  RecordProperty("member_paths", static_cast<int>(paths));
}

// A list of structures given 100,000 elements, [{},{},...] (300 KB; the body limit is
// raised to 4 MiB for the nested variant below): the decoded elements take 100,000 x sizeof(element) bytes of
// the decoder's arena, so the decode succeeds with every element present and empty exactly when that fits
// DecodeOptions::max_list_bytes, and otherwise fails with BodyTooLarge at the list, naming it. Checked at the
// default limit, at exactly the bytes needed, one byte less, and 1 MiB; then with one string in a nested list
// of each element when the element has one (its bytes count too).
struct ListSite {
  OpSide side;
  MemberPath path;  // ends at the list member
  std::string name() const { return side.name() + "_" + path.dotted(); }
};

void PrintTo(const ListSite& site, std::ostream* os) { *os << site.name(); }

std::vector<ListSite> ListSites() {
  std::vector<ListSite> out;
  for (const OpSide& side : OpSides()) {
    for (const MemberPath& p : Paths(side.desc())) {
      const FieldDesc& leaf = p.leaf();
      if (leaf.kind != FieldKind::kList || leaf.list->element_kind != FieldKind::kStructure) continue;
      bool through_list = false;
      for (size_t i = 0; i + 1 < p.chain.size(); ++i) through_list |= MemberPath::IntoList(p.chain[i]);
      if (!through_list) out.push_back({side, p});
    }
  }
  return out;
}

constexpr size_t kManyElements = 100000;

std::string ManyElements(const MemberPath& path, std::string_view element) {
  std::string body = path.prefix() + "[";
  body.reserve(body.size() + kManyElements * (element.size() + 1) + 64);
  for (size_t i = 0; i < kManyElements; ++i) {
    if (i) body += ',';
    body += element;
  }
  return body + "]" + path.suffix();
}

class HundredThousandElements : public ::testing::TestWithParam<ListSite> {};

TEST_P(HundredThousandElements, FitMaxListBytesOrAreBodyTooLarge) {
  const ListSite& site = GetParam();
  const StructDesc& desc = site.side.desc();
  const FieldDesc& list_field = site.path.leaf();
  const ListDesc& list = *list_field.list;
  // The element's first list-of-strings member, if any: "[{"Subnets":["s"]},...]".
  const FieldDesc* inner = nullptr;
  for (const FieldDesc& f : *list.element_struct) {
    if (inner == nullptr && f.kind == FieldKind::kList && f.list->element_kind == FieldKind::kString)
      inner = &f;
  }
  struct Variant {
    std::string element;
    size_t bytes;  // arena bytes the decoded lists need
  };
  std::vector<Variant> variants = {{"{}", kManyElements * list.element_size}};
  if (inner != nullptr) {
    variants.push_back({"{\"" + std::string(inner->wire_name) + "\":[\"s\"]}",
                        kManyElements * (list.element_size + inner->list->element_size)});
  }
  void* out = Storage(0).For(desc);
  for (const Variant& v : variants) {
    const std::string body = ManyElements(site.path, v.element);
    const size_t list_at = site.path.prefix().size();
    ASSERT_LE(body.size(), size_t{4} << 20);
    SCOPED_TRACE(site.name() + " elements " + v.element + ", " + std::to_string(v.bytes) + " list bytes");
    for (size_t limit : {DecodeOptions{}.max_list_bytes, v.bytes, v.bytes - 1, size_t{1} << 20}) {
      DecodeOptions options;
      options.max_list_bytes = limit;
      options.max_body_bytes = size_t{4} << 20;  // 18-byte elements make 1.8 MB
      StructDecoder decoder(options);
      for (int round = 0; round < 2; ++round) {  // the second decode reuses the arena
        SCOPED_TRACE("max_list_bytes " + std::to_string(limit) + ", decode " + std::to_string(round + 1));
        DecodeStatus s = decoder.Decode(body, desc, out);
        if (v.bytes <= limit) {
          ASSERT_TRUE(s.ok()) << fuzz::Describe(s);
          const auto* decoded = static_cast<const ListView*>(Lookup(out, site.path));
          ASSERT_NE(decoded, nullptr);
          ASSERT_EQ(decoded->size, kManyElements);
          for (size_t i = 0; i < kManyElements; i += 9973) {
            const void* e = static_cast<const char*>(decoded->data) + i * list.element_size;
            if (inner == nullptr || v.element == "{}") {
              EXPECT_TRUE(fuzz::IsReset(*list.element_struct, e)) << "element " << i;
            } else {
              const auto* strings = static_cast<const ListView*>(inner->get(e));
              ASSERT_NE(strings, nullptr) << "element " << i;
              ASSERT_EQ(strings->size, 1u);
              EXPECT_EQ(*static_cast<const std::string_view*>(strings->data), "s");
            }
          }
        } else {
          EXPECT_EQ(CodecErrorName(s.code), "BodyTooLarge") << fuzz::Describe(s);
          EXPECT_TRUE(fuzz::IsReset(desc, out));
          if (v.element == "{}") {
            EXPECT_EQ(s.offset, list_at) << "the list's '['";
            EXPECT_EQ(s.field, &list_field);
          }
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ListsOfStructures, HundredThousandElements, ::testing::ValuesIn(ListSites()),
                         [](const auto& info) { return TestName(info.param.name()); });

}  // namespace
}  // namespace apprunner::pause_service
