// Interop: PauseService responses and errors as botocore's own parser reads them.
//
// The test runs tests/interop/botocore_response_check.py with the python3 first on PATH
// (Bazel passes PATH through --test_env=PATH), giving it the built //tools:pausesvc and
// the examples. The script drives pausesvc and botocore 1.43's awsJson1_0 parser
// (parsers.create_parser('json'), plus a real client answered offline through a
// before-send hook) and writes one JSON line per case: {"check", "name", "ok",
// "detail", "relation"}. See the script's docstring for what each check compares.
// Here:
//   - the cases are exactly the pinned ones, per check (a run with zero or fewer rows
//     cannot pass; neither can a truncated file: the last line must be "end" with the
//     count);
//   - every case passed, with its detail in the failure message;
//   - each error_decode case has the pinned relation to botocore (agree, or one of the
//     documented divergences), so a change on either side shows up.
// A missing python3 or botocore FAILS the test with a message; it never skips.
#include <simdjson.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

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

constexpr const char* kScript = "tests/interop/botocore_response_check.py";
constexpr const char* kPausesvc = "tools/pausesvc";
constexpr const char* kSample = "examples/pause-service-response.json";
constexpr const char* kCliSample = "examples/pause-service-response.cli.json";

// Pinned case names, per check, in the script's order.
const std::vector<std::string> kSampleCases = {
    "ours_parses_like_the_original",
    "every_value_is_what_the_json_says",
    "pinned_values",
    "real_client_returns_the_same",
};
const std::vector<std::string> kLenientCases = {
    "cli_sample_values",
    "strict_mode_rejects_cli_sample",
};
const std::vector<std::string> kCoverageCases = {"corpus_exercises_every_feature"};
// botocore_response_gen.py's named edge cases; the last is deliberately not conformant
// to today's model (future enum values and members), so it is not in "validated".
const std::vector<std::string> kEdgeCases = {
    "edge_minimal_required_only",
    "edge_every_special_character",
    "edge_empty_maps_and_structures",
    "edge_timestamp_forms",
    "edge_long_values",
    "edge_future_enums_and_members",
};
constexpr int kRandomCases = 50;
// botocore_response_gen.py's TIMESTAMP_ROWS (sdk_interop.mjs runs the same list), one
// case each, named by the JSON number: decode-response writes the shortest exact decimal,
// botocore reads the original as the generator's Decimal model of its rounding says
// (datetime.fromtimestamp: microseconds, half to even of the double product), and reads
// ours exactly as the original.
const std::vector<std::string> kTimestampRows = {
    // exponent form
    "1.6062459e9",
    "1.784316439424E9",
    "1.7000000001234e9",
    "1700000000123456789e-9",
    // before 1970
    "-1.5",
    "-0.001",
    "-1.000001",
    "-86400.000250",
    "-1700000000.999999999",
    // the JS SDK's ties
    "1.0005",
    "-1.0005",
    "-0.0005",
    "1096144879.5405",
    "1096144879.5415",
    "2183675157.1105",
    "-0",
    // the ends of years 1..9999 (253402300799.999999 is the double 253402300800.0, which
    // botocore cannot read: ValueError, from ours and from the original alike)
    "253402300799.999",
    "253402300799.999999",
    "-62135596800",
    // below a millisecond
    "1700000000.123456",
    "1700000000.0005",
    "1700000000.000001",
    "1700000000.999999",
    "0.000001",
    "-0.000001",
    "0.0000025",
    "0.0000035",
    "-0.0000025",
    // below a microsecond: 7 to 9 fraction digits
    "1700000000.1234567",
    "1700000000.12345678",
    "1700000000.123456789",
    "1700000000.0000005",
    "1700000000.000000001",
    // beyond nanoseconds (the codec rounds to the nearest, halves toward +infinity)
    "1700000000.1234567891",
    "1700000000.0000000005",
    "-0.0000000005",
    "-62135596800.0000000005",
};
const std::vector<std::string> kErrorTypes = {
    "InvalidRequestException",       "InvalidStateException",  "ResourceNotFoundException",
    "InternalServiceErrorException", "SerializationException",
};
const std::vector<std::string> kErrorMessages = {
    "plain", "quotes", "backslash", "newlines", "non_ascii", "controls", "empty",
};
// error_decode cases and how our decode-error relates to botocore on each:
//   agree            same code (our type) and message
//   diverge_code     botocore 1.43's awsJson1_0 parser reads only "__type" (never the
//                    X-Amzn-ErrorType header, never "code"); ours: header, "__type", "code"
//   diverge_message  both "message" and "Message": botocore takes "message", ours "Message"
//   no_type          no type anywhere: ours type null; botocore's Code is str(status)
const std::vector<std::pair<std::string, std::string>> kDecodeCases = {
    {"type_namespace_and_url", "agree"},
    {"type_url_suffix_only", "agree"},
    {"type_namespace_only", "agree"},
    {"type_colon_before_hash", "agree"},
    {"type_trailing_hash", "no_type"},
    {"type_two_hashes", "diverge_code"},
    {"numeric_code_with_header", "diverge_code"},
    {"type_and_code_members", "agree"},
    {"unmodelled_type", "agree"},
    {"internal_error_500", "agree"},
    {"header_and_body_agree", "agree"},
    {"lowercase_message", "agree"},
    {"code_member_only", "diverge_code"},
    {"header_overrides_body", "diverge_code"},
    {"header_only_empty_object", "diverge_code"},
    {"header_only_empty_body", "diverge_code"},
    {"both_message_spellings", "diverge_message"},
    {"no_type_400", "no_type"},
    {"no_type_500", "no_type"},
    {"no_type_empty_object_404", "no_type"},
    {"no_type_empty_body_503", "no_type"},
};

std::vector<std::string> GeneratedNames(bool conformant_only) {
  std::vector<std::string> names;
  for (const std::string& e : kEdgeCases) {
    if (conformant_only && e == "edge_future_enums_and_members") continue;
    names.push_back(e);
  }
  char buf[32];
  for (int i = 0; i < kRandomCases; ++i) {
    std::snprintf(buf, sizeof buf, "random_%02d", i);
    names.push_back(buf);
  }
  return names;
}

std::vector<std::string> ErrorEncodeNames() {
  std::vector<std::string> names;
  for (const std::string& t : kErrorTypes) {
    for (const std::string& m : kErrorMessages) names.push_back(t + "/" + m);
  }
  return names;
}

std::vector<std::string> DecodeNames() {
  std::vector<std::string> names;
  for (const auto& c : kDecodeCases) names.push_back(c.first);
  return names;
}

std::map<std::string, std::vector<std::string>> PinnedCases() {
  return {
      {"sample", kSampleCases},
      {"lenient", kLenientCases},
      {"generated_coverage", kCoverageCases},
      {"generated", GeneratedNames(false)},
      {"validated", GeneratedNames(true)},
      {"timestamp_rules", {"pinned_readings"}},
      {"timestamps", kTimestampRows},
      {"error_encode", ErrorEncodeNames()},
      {"error_decode", DecodeNames()},
  };
}

size_t PinnedTotal() {
  size_t n = 0;
  for (const auto& [check, names] : PinnedCases()) n += names.size();
  return n;
}

struct Case {
  std::string check;
  std::string name;
  bool ok = false;
  std::string detail;
  std::string relation;
};

struct Fixture {
  std::string error;  // non-empty when the fixture could not be produced
  std::string script_output;
  int script_exit = -1;
  std::string botocore_version;
  std::vector<Case> cases;  // without the meta and end lines
};

// Bazel runs tests in the runfiles tree of the main repository; fall back to
// $TEST_SRCDIR/$TEST_WORKSPACE when run from elsewhere.
std::string Runfile(const char* path) {
  if (FileExists(path)) return path;
  std::string alt = Env("TEST_SRCDIR") + "/" + Env("TEST_WORKSPACE") + "/" + path;
  if (FileExists(alt)) return alt;
  return "";
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
  std::string script = Runfile(kScript);
  std::string pausesvc = Runfile(kPausesvc);
  std::string sample = Runfile(kSample);
  std::string cli_sample = Runfile(kCliSample);
  if (script.empty() || pausesvc.empty() || sample.empty() || cli_sample.empty()) {
    f.error = std::string("missing runfiles (are they in the test's data?): ") +
              (script.empty() ? kScript : "") + " " + (pausesvc.empty() ? kPausesvc : "") + " " +
              (sample.empty() ? kSample : "") + " " + (cli_sample.empty() ? kCliSample : "");
    return f;
  }
  std::string examples = sample.substr(0, sample.rfind('/'));
  if (cli_sample != examples + "/pause-service-response.cli.json") {
    f.error = "the two examples are not in one directory: " + sample + ", " + cli_sample;
    return f;
  }
  CommandResult which = RunShell("command -v python3");
  if (which.exit_code != 0) {
    f.error = "python3 is not on PATH; this interop test needs python3 with botocore. PATH=" + Env("PATH");
    return f;
  }
  std::string jsonl = TmpDir() + "/botocore_response_cases.jsonl";
  std::remove(jsonl.c_str());
  CommandResult r = RunShell("python3 -B " + ShellQuote(script) + " " + ShellQuote(pausesvc) + " " +
                             ShellQuote(examples) + " " + ShellQuote(jsonl));
  f.script_output = r.output;
  f.script_exit = r.exit_code;
  // 0: all passed; 1: some case failed (the file says which, the tests report it).
  if (r.exit_code != 0 && r.exit_code != 1) {
    f.error = "botocore_response_check.py failed with exit code " + std::to_string(r.exit_code) +
              (r.exit_code == 3 ? " (botocore missing)" : "") + " using " + which.output + "output:\n" +
              r.output;
    return f;
  }
  std::ifstream in(jsonl, std::ios::binary);
  if (!in) {
    f.error = "the script ran but wrote no " + jsonl + "; output:\n" + r.output;
    return f;
  }
  simdjson::dom::parser parser;
  std::string line;
  int line_no = 0;
  bool saw_meta = false, saw_end = false;
  while (std::getline(in, line)) {
    ++line_no;
    std::string where = jsonl + ":" + std::to_string(line_no) + ": ";
    if (saw_end) {
      f.error = where + "content after the end line";
      return f;
    }
    simdjson::dom::element row;
    if (auto err = parser.parse(line).get(row)) {
      f.error = where + simdjson::error_message(err);
      return f;
    }
    Case c;
    std::string error;
    if (!GetString(row, "check", &c.check, &error) || !GetString(row, "name", &c.name, &error) ||
        !GetString(row, "detail", &c.detail, &error) || !GetString(row, "relation", &c.relation, &error)) {
      f.error = where + error;
      return f;
    }
    if (auto err = row["ok"].get_bool().get(c.ok)) {
      f.error = where + "member \"ok\": " + simdjson::error_message(err);
      return f;
    }
    if (c.check == "meta") {
      if (line_no != 1) {
        f.error = where + "meta line not first";
        return f;
      }
      saw_meta = true;
      f.botocore_version = c.name;
    } else if (c.check == "end") {
      saw_end = true;
      if (c.name != std::to_string(f.cases.size())) {
        f.error =
            where + "end line counts " + c.name + " cases, the file has " + std::to_string(f.cases.size());
        return f;
      }
      bool all_ok = true;
      for (const Case& k : f.cases) all_ok = all_ok && k.ok;
      if (c.ok != all_ok || (f.script_exit == 0) != all_ok) {
        f.error = where + "the end line, the cases and the exit code " + std::to_string(f.script_exit) +
                  " disagree on success";
        return f;
      }
    } else {
      f.cases.push_back(std::move(c));
    }
  }
  if (!saw_meta || !saw_end) {
    f.error = jsonl + ": truncated (meta line " + (saw_meta ? "present" : "missing") +
              ", end line missing); output:\n" + r.output;
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

std::vector<const Case*> CasesOf(const Fixture& f, const std::string& check) {
  std::vector<const Case*> out;
  for (const Case& c : f.cases) {
    if (c.check == check) out.push_back(&c);
  }
  return out;
}

// Every case of `check` passed, and there are exactly as many as pinned.
void ExpectAllPassed(const Fixture& f, const std::string& check) {
  std::vector<const Case*> cases = CasesOf(f, check);
  ASSERT_EQ(cases.size(), PinnedCases().at(check).size()) << check;
  int passed = 0;
  for (const Case* c : cases) {
    EXPECT_TRUE(c->ok) << check << "/" << c->name << ": " << c->detail;
    passed += c->ok;
  }
  EXPECT_EQ(passed, static_cast<int>(PinnedCases().at(check).size())) << check;
}

TEST(BotocoreResponseInteropTest, ProducesExactlyThePinnedCases) {
  REQUIRE_FIXTURE(f);
  std::map<std::string, std::vector<std::string>> seen;
  for (const Case& c : f.cases) seen[c.check].push_back(c.name);
  auto pinned = PinnedCases();
  EXPECT_EQ(seen, pinned) << "script output:\n" << f.script_output;
  ASSERT_EQ(f.cases.size(), PinnedTotal());
  EXPECT_EQ(PinnedTotal(), 4u + 2u + 1u + 56u + 55u + 1u + 37u + 35u + 21u);
  ::testing::Test::RecordProperty("botocore_version", f.botocore_version);
  std::printf("%s: %zu cases\n%s", f.botocore_version.c_str(), f.cases.size(), f.script_output.c_str());
}

// examples/pause-service-response.json: botocore(ours) == botocore(original) == the
// JSON's values, timestamps as botocore reads them, to the microsecond; a real client
// returns the same.
TEST(BotocoreResponseInteropTest, SampleResponseParsesLikeTheOriginal) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "sample");
}

// examples/pause-service-response.cli.json through decode-response --lenient.
TEST(BotocoreResponseInteropTest, LenientCliSample) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "lenient");
  for (const Case* c : CasesOf(f, "lenient")) {
    std::printf("lenient/%s: %s\n", c->name.c_str(), c->detail.c_str());
  }
}

// 6 edge cases + 50 seeded random responses (timestamps with 0 to 9 fraction digits):
// botocore(ours) == botocore(input) == the generator's values; the corpus covers what it
// should.
TEST(BotocoreResponseInteropTest, GeneratedResponsesParseLikeTheirInput) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "generated_coverage");
  ExpectAllPassed(f, "generated");
}

// The conformant generated responses (checked against botocore's model by the
// generator) also pass our validate-response.
TEST(BotocoreResponseInteropTest, GeneratedConformantResponsesPassOurValidator) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "validated");
}

// The clients' timestamp conversions, pinned as literal readings (botocore's datetime,
// the JS SDK's milliseconds): botocore rounds to the microsecond (half to even of the
// double product), never truncates.
TEST(BotocoreResponseInteropTest, TimestampConversionRulesPinned) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "timestamp_rules");
}

// Sub-millisecond, sub-microsecond and nanosecond timestamps, exponent form, negatives,
// the ends of the range: our re-encoding is the shortest exact decimal, and botocore
// reads it exactly as it reads the original.
TEST(BotocoreResponseInteropTest, TimestampRowsReadLikeTheOriginal) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "timestamps");
}

// encode-error for 5 types x 7 messages: botocore's parser (with and without the
// header), its modelled-error parse, a real client's exception, and our decode-error.
TEST(BotocoreResponseInteropTest, EncodedErrorsReadBackByBotocore) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "error_encode");
}

TEST(BotocoreResponseInteropTest, DecodeErrorAgainstBotocore) {
  REQUIRE_FIXTURE(f);
  ExpectAllPassed(f, "error_decode");
  std::vector<const Case*> cases = CasesOf(f, "error_decode");
  ASSERT_EQ(cases.size(), kDecodeCases.size());
  int agree = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(cases[i]->name, kDecodeCases[i].first);
    EXPECT_EQ(cases[i]->relation, kDecodeCases[i].second) << cases[i]->name << ": " << cases[i]->detail;
    agree += cases[i]->relation == "agree";
    if (cases[i]->relation != "agree") {
      std::printf("error_decode/%s (%s): %s\n", cases[i]->name.c_str(), cases[i]->relation.c_str(),
                  cases[i]->detail.c_str());
    }
  }
  EXPECT_EQ(agree, 9);
}

}  // namespace
}  // namespace apprunner::pause_service
