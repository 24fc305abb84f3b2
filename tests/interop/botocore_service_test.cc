// Interop for the whole App Runner API: botocore's own bytes for every operation.
//
// tests/interop/service_cases.py (the python3 first on PATH, with botocore; offline)
// generates from botocore's copy of the model, independently of this repository's model
// and generated code:
//   - valid requests of all 37 operations, serialized by botocore's awsJson1_0
//     serializer: every member set, strings at both length bounds, every enum value,
//     integers at their bounds, lists of 0, 1 and 3 elements, maps of 0 to 2 entries, and
//     the required members alone. Each must dispatch by its X-Amz-Target, decode and
//     validate, with no heap allocation on a second pass (the lists' arena, the maps'
//     buffers and the processor are reused); our canonical re-encoding must be the same
//     JSON value as botocore's bytes (checked by the script).
//   - requests breaking one constraint each (required, length, pattern, enum, range,
//     list elements at 'tags.1.member.key', map keys and values), serialized with
//     botocore's validation off, with the exact AWS-style message the script derives from
//     the model. Ours must be identical, in an InvalidRequestException body.
//   - each operation's name with its first letter's case flipped: UnknownOperation.
//   - responses filling every member of each output; they must decode strictly and
//     validate, and botocore's parser must read our re-encoding exactly as the original.
//   - every error of every operation (402 for ServiceQuotaExceededException on the six
//     Create* operations): botocore's parser must read our EncodeError output as that
//     error, message and status.
// A missing python3 or botocore FAILS the test; it never skips.
#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/errors.h"
#include "api/processor.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "gtest/gtest.h"
#include "tests/testutil/counting_new.h"
#include "tests/testutil/shell.h"
#include "validate/validate.h"

namespace apprunner::codec {
namespace {

using model::kModel;
using testutil::Base64Decode;
using testutil::Base64Encode;
using testutil::RunShell;
using testutil::ShellQuote;

constexpr const char* kScript = "tests/interop/service_cases.py";

struct Case {
  std::string kind, op, target, name, constraint, message, type, body;
  int status = 0;
};

// The generated cases, or a failure explaining why there are none.
struct Fixture {
  std::string error;
  std::vector<Case> cases;
  std::string path;
};

const Fixture& Cases() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture();
    std::string script = testutil::Runfile(kScript);
    if (script.empty()) {
      f->error = std::string("cannot find ") + kScript;
      return f;
    }
    f->path = testutil::TmpDir() + "/service_cases.jsonl";
    testutil::CommandResult r = RunShell("python3 -B " + ShellQuote(script) + " gen " + ShellQuote(f->path));
    if (r.exit_code != 0) {
      f->error = "service_cases.py gen failed (exit " + std::to_string(r.exit_code) +
                 "; python3 with botocore must be first on PATH: PATH=" + testutil::Env("PATH") + "):\n" +
                 r.output;
      return f;
    }
    std::ifstream in(f->path);
    std::string line;
    simdjson::dom::parser parser;
    while (std::getline(in, line)) {
      simdjson::dom::element row;
      if (parser.parse(line).get(row)) {
        f->error = "unparsable line: " + line.substr(0, 200);
        return f;
      }
      Case c;
      auto text = [&](const char* key) {
        std::string_view v;
        return row[key].get(v) ? std::string() : std::string(v);
      };
      c.kind = text("kind");
      c.op = text("op");
      c.target = text("target");
      c.name = text("name");
      c.constraint = text("constraint");
      c.message = text("message");
      c.type = text("type");
      int64_t status = 0;
      if (!row["status"].get(status)) c.status = static_cast<int>(status);
      std::string_view b64;
      if (!row["body_b64"].get(b64) && !Base64Decode(b64, &c.body)) {
        f->error = "bad base64 in " + c.name;
        return f;
      }
      f->cases.push_back(std::move(c));
    }
    return f;
  }();
  return *fixture;
}

ProcessorOptions LargeBodies() {
  ProcessorOptions o;
  o.decode.max_body_bytes = size_t{16} << 20;  // the max-length variants reach ~2 MB
  return o;
}

std::string JsonLine(std::initializer_list<std::pair<const char*, std::string>> string_members,
                     int status = -1) {
  std::string out = "{";
  for (const auto& [k, v] : string_members) {
    if (out.size() > 1) out += ",";
    AppendJsonString(k, &out);
    out += ":";
    AppendJsonString(v, &out);
  }
  if (status >= 0) out += ",\"status\":" + std::to_string(status);
  return out + "}\n";
}

TEST(BotocoreService, EveryOperationEveryCase) {
  const Fixture& f = Cases();
  ASSERT_TRUE(f.error.empty()) << f.error;
  RequestProcessor processor(kModel, LargeBodies());
  DecodeOptions response_options = LargeBodies().decode;
  StructDecoder response_decoder(response_options);
  std::vector<std::max_align_t> storage(4096);
  std::string ours;
  std::map<std::string, std::map<std::string, int>> per_op;  // op -> kind -> count
  std::set<std::string> constraint_kinds;
  for (const Case& c : f.cases) {
    const OperationDesc* op = FindOperationByName(kModel, c.op);
    ASSERT_NE(op, nullptr) << c.op;
    ++per_op[c.op][c.kind];
    if (c.kind == "request") {
      ASSERT_EQ(processor.Process(c.target, c.body), Outcome::kValid)
          << c.name << ": " << processor.message();
      ASSERT_EQ(processor.operation(), op) << c.name;
      std::string encoded;
      EncodeStruct(*op->input, processor.request_data(), &encoded);
      ours += JsonLine({{"name", c.name}, {"encoded_b64", Base64Encode(encoded)}});
      // Steady state: the same body again allocates nothing (lists, maps, processor).
      EXPECT_EQ(testutil::AllocationsOf([&] { (void)processor.Process(c.target, c.body); }, 2), 0) << c.name;
    } else if (c.kind == "reject") {
      constraint_kinds.insert(c.constraint);
      ASSERT_EQ(processor.Process(c.target, c.body), Outcome::kValidationError)
          << c.name << ": " << processor.message();
      EXPECT_EQ(processor.message(), c.message) << c.name;
      EXPECT_EQ(processor.error_type(), "InvalidRequestException");
      EXPECT_EQ(processor.http_status(), 400);
      std::string body;
      AppendErrorBody("InvalidRequestException", c.message, &body);
      EXPECT_EQ(processor.error_body(), body) << c.name;
      EXPECT_EQ(testutil::AllocationsOf([&] { (void)processor.Process(c.target, c.body); }, 2), 0) << c.name;
    } else if (c.kind == "unknown_target") {
      ASSERT_EQ(processor.Process(c.target, "{}"), Outcome::kUnknownOperation) << c.target;
      EXPECT_EQ(processor.error_body(), "{\"__type\":\"UnknownOperationException\"}");
      EXPECT_EQ(processor.http_status(), 400);
    } else if (c.kind == "response") {
      ASSERT_LE(op->output->size, storage.size() * sizeof(std::max_align_t));
      DecodeStatus s = response_decoder.Decode(c.body, *op->output, storage.data());
      ASSERT_TRUE(s.ok()) << c.name << ": " << CodecErrorName(s.code) << " " << s.detail << " at "
                          << s.offset;
      ValidationReport report;
      EXPECT_TRUE(Validator::Default(kModel).Validate(*op->output, storage.data(), &report))
          << c.name << ": " << ValidationMessage(report);
      std::string encoded;
      EncodeStruct(*op->output, storage.data(), &encoded);
      ours += JsonLine({{"name", c.name}, {"encoded_b64", Base64Encode(encoded)}});
    } else if (c.kind == "error") {
      std::string body;
      ErrorEncoding e = EncodeError(*op, c.type, c.message, &body);
      ASSERT_TRUE(e.known) << c.op << " " << c.type;
      EXPECT_EQ(e.http_status, c.status) << c.op << " " << c.type;
      ours += JsonLine({{"op", c.op},
                        {"type", c.type},
                        {"header", std::string(e.header_value)},
                        {"body_b64", Base64Encode(body)}},
                       e.http_status);
    } else {
      FAIL() << "unknown case kind " << c.kind;
    }
  }
  // Every operation has each kind of case; every constraint kind is exercised.
  ASSERT_EQ(per_op.size(), kModel.num_operations);
  for (const auto& [op, kinds] : per_op) {
    for (const char* kind : {"request", "reject", "unknown_target", "response", "error"}) {
      EXPECT_GT(kinds.count(kind) ? kinds.at(kind) : 0, 0) << op << " has no " << kind << " case";
    }
  }
  for (const char* kind : {"required", "min length", "max length", "pattern", "enum", "range", "map key",
                           "map value", "list element pattern"}) {
    EXPECT_TRUE(constraint_kinds.count(kind)) << "no rejection of kind " << kind;
  }
  // botocore reads what we wrote.
  std::string ours_path = testutil::TmpDir() + "/service_ours.jsonl";
  {
    std::ofstream out(ours_path, std::ios::binary);
    out << ours;
  }
  testutil::CommandResult r = RunShell("python3 -B " + ShellQuote(testutil::Runfile(kScript)) + " check " +
                                       ShellQuote(f.path) + " " + ShellQuote(ours_path));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  std::printf("%s", r.output.c_str());
}

}  // namespace
}  // namespace apprunner::codec
