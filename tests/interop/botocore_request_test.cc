// Interop: PauseService requests serialized by botocore (the AWS SDK for Python's core)
// decode with our decoder into exactly the ServiceArn botocore was given.
//
// The test runs tests/interop/botocore_requests.py with the python3 first on PATH
// (Bazel passes PATH through --test_env=PATH). The script serializes one request per
// case with botocore's awsJson1_0 serializer, offline, and writes one JSON line per
// case with the ARN (as text and as UTF-8 hex), the body (base64) and the request's
// method, path and headers. Then:
//   - the case list is exactly the pinned one (a run with zero rows cannot pass);
//   - botocore's method, path, X-Amz-Target and Content-Type match the generated
//     constants;
//   - every body decodes (default and strict decoders, copying and padded APIs) to a
//     ServiceArn byte-equal to the ARN's UTF-8;
//   - our encoder's output for each decoded request decodes again to the same ARN, and
//     Python's json.loads of it gives {"ServiceArn": <arn>} (second script mode).
// A missing python3 or botocore FAILS the test with a message; it never skips.
#include <simdjson.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/error.h"
#include "gtest/gtest.h"
#include "tests/testutil/shell.h"

namespace apprunner::pause_service {
namespace {

using testutil::Base64Decode;
using testutil::CommandResult;
using testutil::Env;
using testutil::FileExists;
using testutil::RunShell;
using testutil::ShellQuote;
using testutil::TmpDir;

constexpr const char* kScript = "tests/interop/botocore_requests.py";

// The cases of botocore_requests.py, in order. Adding a case there means adding it
// here: the test fails on any difference, including an empty or truncated file.
const std::vector<std::string> kExpectedNames = {
    "api_reference_sample",
    "partition_aws_cn",
    "partition_aws_us_gov",
    "non_ascii_latin1",
    "non_ascii_cjk",
    "astral_surrogate_pairs",
    "bmp_specials",
    "quote_and_backslash",
    "max_length_1011",
    "control_newline",
    "control_others",
    "control_nul",
    "empty_string_unvalidated",
};

struct BotocoreCase {
  std::string name;
  std::string arn;       // from the JSON line's "arn" (simdjson-unescaped)
  std::string arn_utf8;  // from "arn_hex": the ARN's UTF-8, no JSON involved
  std::string body;      // the request body botocore produced
  std::string method;
  std::string url_path;
  std::string x_amz_target;
  std::string content_type;
  std::string botocore_version;
};

struct Fixture {
  std::string error;  // non-empty when the fixture could not be produced
  std::string script_output;
  std::vector<BotocoreCase> cases;
};

// Bazel runs tests in the runfiles tree of the main repository; fall back to
// $TEST_SRCDIR/$TEST_WORKSPACE when run from elsewhere.
std::string ScriptPath() {
  if (FileExists(kScript)) return kScript;
  std::string alt = Env("TEST_SRCDIR") + "/" + Env("TEST_WORKSPACE") + "/" + kScript;
  if (FileExists(alt)) return alt;
  return "";
}

// Strict RFC 4648 base64 (with padding, no whitespace).
bool HexDecode(std::string_view in, std::string* out) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out->clear();
  if (in.size() % 2 != 0) return false;
  for (size_t i = 0; i < in.size(); i += 2) {
    int hi = nibble(in[i]), lo = nibble(in[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(char(hi << 4 | lo));
  }
  return true;
}

std::string Hex(std::string_view s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

// For failure messages: the bytes with non-printables as \xNN.
std::string Printable(std::string_view s) {
  std::string out;
  char buf[5];
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += char(c);
    } else {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

std::string DescribeStatus(const DecodeStatus& s) {
  std::ostringstream os;
  os << CodecErrorName(s.code) << " at offset " << s.offset;
  if (!s.detail.empty()) os << " (" << s.detail << ")";
  return os.str();
}

bool GetString(simdjson::dom::element obj, const char* key, std::string* out, std::string* error) {
  std::string_view v;
  if (auto err = obj[key].get_string().get(v)) {
    *error = std::string("member \"") + key + "\": " + simdjson::error_message(err);
    return false;
  }
  out->assign(v.data(), v.size());
  return true;
}

Fixture Produce() {
  Fixture f;
  std::string script = ScriptPath();
  if (script.empty()) {
    f.error = std::string("cannot find ") + kScript +
              " (is it in the test's data?); cwd-relative and $TEST_SRCDIR/" + "$TEST_WORKSPACE both missing";
    return f;
  }
  CommandResult which = RunShell("command -v python3");
  if (which.exit_code != 0) {
    f.error = "python3 is not on PATH; this interop test needs python3 with botocore. PATH=" + Env("PATH");
    return f;
  }
  std::string jsonl = TmpDir() + "/botocore_requests.jsonl";
  std::remove(jsonl.c_str());
  CommandResult r = RunShell("python3 -B " + ShellQuote(script) + " " + ShellQuote(jsonl));
  f.script_output = r.output;
  if (r.exit_code != 0) {
    f.error = "botocore_requests.py failed with exit code " + std::to_string(r.exit_code) +
              (r.exit_code == 3 ? " (botocore missing)" : "") + " using " + which.output + "output:\n" +
              r.output;
    return f;
  }
  std::ifstream in(jsonl, std::ios::binary);
  if (!in) {
    f.error = "the script succeeded but wrote no " + jsonl + "; output:\n" + r.output;
    return f;
  }
  simdjson::dom::parser parser;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::string where = jsonl + ":" + std::to_string(line_no) + ": ";
    simdjson::dom::element row;
    if (auto err = parser.parse(line).get(row)) {
      f.error = where + simdjson::error_message(err);
      return f;
    }
    BotocoreCase c;
    std::string arn_hex, body_b64, error;
    if (!GetString(row, "name", &c.name, &error) || !GetString(row, "arn", &c.arn, &error) ||
        !GetString(row, "arn_hex", &arn_hex, &error) || !GetString(row, "body_b64", &body_b64, &error) ||
        !GetString(row, "method", &c.method, &error) || !GetString(row, "url_path", &c.url_path, &error) ||
        !GetString(row, "x_amz_target", &c.x_amz_target, &error) ||
        !GetString(row, "content_type", &c.content_type, &error) ||
        !GetString(row, "botocore_version", &c.botocore_version, &error)) {
      f.error = where + error;
      return f;
    }
    if (!HexDecode(arn_hex, &c.arn_utf8)) {
      f.error = where + "bad arn_hex";
      return f;
    }
    if (!Base64Decode(body_b64, &c.body)) {
      f.error = where + "bad body_b64";
      return f;
    }
    f.cases.push_back(std::move(c));
  }
  return f;
}

const Fixture& GetFixture() {
  static const Fixture* fixture = new Fixture(Produce());
  return *fixture;
}

#define REQUIRE_FIXTURE(f)                 \
  const Fixture& f = GetFixture();         \
  ASSERT_TRUE(f.error.empty()) << f.error; \
  ASSERT_FALSE(f.cases.empty()) << "no cases; script output:\n" << f.script_output

const BotocoreCase* FindCase(const Fixture& f, std::string_view name) {
  for (const BotocoreCase& c : f.cases) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

TEST(BotocoreInteropTest, ProducesExactlyThePinnedCases) {
  REQUIRE_FIXTURE(f);
  std::vector<std::string> names;
  for (const BotocoreCase& c : f.cases) names.push_back(c.name);
  EXPECT_EQ(names, kExpectedNames) << "script output:\n" << f.script_output;
  ASSERT_EQ(f.cases.size(), kExpectedNames.size());
  ::testing::Test::RecordProperty("botocore_version", f.cases[0].botocore_version);
  std::printf("%s", f.script_output.c_str());
}

TEST(BotocoreInteropTest, FixtureArnTextMatchesItsUtf8) {
  REQUIRE_FIXTURE(f);
  for (const BotocoreCase& c : f.cases) {
    EXPECT_EQ(c.arn, c.arn_utf8) << c.name;
  }
  const BotocoreCase* longest = FindCase(f, "max_length_1011");
  ASSERT_NE(longest, nullptr);
  EXPECT_EQ(longest->arn_utf8.size(), 1011u);
  const BotocoreCase* sample = FindCase(f, "api_reference_sample");
  ASSERT_NE(sample, nullptr);
  EXPECT_EQ(sample->arn_utf8,
            "arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
            "8fe1e10304f84fd2b0df550fe98a71fa");
}

TEST(BotocoreInteropTest, RequestLineAndHeadersAreAwsJson10) {
  REQUIRE_FIXTURE(f);
  for (const BotocoreCase& c : f.cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.method, kHttpMethod);
    EXPECT_EQ(c.url_path, kRequestUri);
    EXPECT_EQ(c.x_amz_target, "AppRunner.PauseService");
    EXPECT_EQ(c.x_amz_target, kAmzTarget);
    EXPECT_EQ(c.content_type, "application/x-amz-json-1.0");
    EXPECT_EQ(c.content_type, kContentType);
  }
}

// The escapes this test exists for really are on the wire.
TEST(BotocoreInteropTest, BodiesUseTheEscapesUnderTest) {
  REQUIRE_FIXTURE(f);
  struct Want {
    const char* name;
    const char* escape;
  } wants[] = {
      {"non_ascii_latin1", "caf\\u00e9-app"},
      {"non_ascii_cjk", "\\u30b5\\u30fc\\u30d3\\u30b9"},
      {"astral_surrogate_pairs", "\\ud83d\\ude00-\\ud834\\udd1e-\\udbff\\udfff"},
      {"bmp_specials", "\\u2028\\u2029\\ufeff\\uffff"},
      {"quote_and_backslash", "q\\\"uote\\\\back\\\\\\\\slash\\\""},
      {"control_newline", "line\\nbreak"},
      {"control_others", "tab\\tsoh\\u0001us\\u001fdel\\u007f"},
      {"control_nul", "nul\\u0000inside"},
  };
  for (const Want& w : wants) {
    const BotocoreCase* c = FindCase(f, w.name);
    ASSERT_NE(c, nullptr) << w.name;
    EXPECT_NE(c->body.find(w.escape), std::string::npos)
        << w.name << ": body " << Printable(c->body) << " lacks " << w.escape;
  }
  for (const BotocoreCase& c : f.cases) {
    for (unsigned char ch : c.body) {
      ASSERT_LT(ch, 0x80) << c.name << ": botocore bodies are ASCII (ensure_ascii)";
    }
  }
}

TEST(BotocoreInteropTest, EveryBodyDecodesToTheSameServiceArn) {
  REQUIRE_FIXTURE(f);
  PauseServiceRequestDecoder reused;  // one decoder across all bodies, as in a server
  DecodeOptions strict_options;
  strict_options.reject_unknown_members = true;
  PauseServiceRequestDecoder strict(strict_options);
  int decoded = 0;
  for (const BotocoreCase& c : f.cases) {
    SCOPED_TRACE(c.name + " body " + Printable(c.body));
    const std::string& expected = c.arn_utf8;

    {  // A fresh decoder, exactly as in the brief.
      PauseServiceRequestDecoder dec;
      PauseServiceRequest req;
      DecodeStatus s = dec.Decode(c.body, &req);
      ASSERT_TRUE(s.ok()) << DescribeStatus(s);
      ASSERT_TRUE(req.service_arn.has_value()) << "ServiceArn decoded as absent";
      EXPECT_EQ(*req.service_arn, expected)
          << "observed hex " << Hex(*req.service_arn) << "\nexpected hex " << Hex(expected);
    }
    {
      PauseServiceRequest req;
      DecodeStatus s = reused.Decode(c.body, &req);
      ASSERT_TRUE(s.ok()) << "reused decoder: " << DescribeStatus(s);
      ASSERT_TRUE(req.service_arn.has_value());
      EXPECT_EQ(*req.service_arn, expected) << "reused decoder";
    }
    {
      PauseServiceRequest req;
      DecodeStatus s = strict.Decode(c.body, &req);
      ASSERT_TRUE(s.ok()) << "strict decoder: " << DescribeStatus(s);
      ASSERT_TRUE(req.service_arn.has_value());
      EXPECT_EQ(*req.service_arn, expected) << "strict decoder";
    }
    {  // In place: the caller's buffer with SIMDJSON_PADDING spare bytes.
      std::string padded = c.body;
      padded.append(simdjson::SIMDJSON_PADDING, '\0');
      PauseServiceRequestDecoder dec;
      PauseServiceRequest req;
      DecodeStatus s = dec.DecodePadded(std::string_view(padded.data(), c.body.size()), padded.size(), &req);
      ASSERT_TRUE(s.ok()) << "DecodePadded: " << DescribeStatus(s);
      ASSERT_TRUE(req.service_arn.has_value());
      EXPECT_EQ(*req.service_arn, expected) << "DecodePadded";
    }
    ++decoded;
  }
  EXPECT_EQ(decoded, static_cast<int>(kExpectedNames.size()));
}

TEST(BotocoreInteropTest, ReencodedRequestsParseBackInPythonAndInOurDecoder) {
  REQUIRE_FIXTURE(f);
  std::string tsv_path = TmpDir() + "/reencoded.tsv";
  std::ofstream tsv(tsv_path, std::ios::binary | std::ios::trunc);
  ASSERT_TRUE(tsv.good()) << "cannot write " << tsv_path;
  PauseServiceRequestDecoder dec;
  PauseServiceRequestDecoder again;
  int rows = 0;
  for (const BotocoreCase& c : f.cases) {
    SCOPED_TRACE(c.name);
    PauseServiceRequest req;
    DecodeStatus s = dec.Decode(c.body, &req);
    ASSERT_TRUE(s.ok()) << DescribeStatus(s);
    std::string out;
    EncodeJson(req, &out);

    PauseServiceRequest round;
    DecodeStatus s2 = again.Decode(out, &round);
    ASSERT_TRUE(s2.ok()) << "our own output " << Printable(out) << ": " << DescribeStatus(s2);
    ASSERT_TRUE(round.service_arn.has_value());
    EXPECT_EQ(*round.service_arn, c.arn_utf8) << "our output " << Printable(out);

    tsv << c.name << '\t' << Hex(c.arn_utf8) << '\t' << Hex(out) << '\n';
    ++rows;
  }
  tsv.close();
  ASSERT_TRUE(tsv.good()) << "writing " << tsv_path;
  ASSERT_EQ(rows, static_cast<int>(kExpectedNames.size()));

  CommandResult r = RunShell("python3 -B " + ShellQuote(ScriptPath()) + " --check-encoded " +
                             ShellQuote(tsv_path) + " " + std::to_string(rows));
  EXPECT_EQ(r.exit_code, 0) << "python json.loads check of our encoder's output:\n" << r.output;
}

}  // namespace
}  // namespace apprunner::pause_service
