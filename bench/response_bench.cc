// Microbenchmarks of the PauseService response path (awsJson1_0) and of error
// responses, on examples/pause-service-response.json (every member populated; embedded
// below, so the binary runs from any directory; bench/data/ holds a copy).
//
// What is measured, and why:
// - BM_Response_Decode, _Validate, _DecodeValidate, _Encode: the library, one stage at
//   a time (decoder and output string reused, DefaultValidator() shared).
//   BM_Response_DecodePadded decodes from a caller-padded buffer made once (no copy of
//   the body), the same input the simdjson floors get.
// - BM_Error_Decode/<type>, BM_Error_Encode/<type>: the error body of each of the four
//   modelled errors and SerializationException, through ErrorResponseDecoder (with the
//   X-Amzn-ErrorType header the encoder chose) and EncodeError.
// - BM_Response_Baseline_*: the same job with another JSON library and regex engine:
//   parse, extract every member into PauseServiceResponse, check every constraint the
//   validator checks. One generic walker (bench::TableWalker) drives each DOM with OUR
//   tables, so only the libraries differ: nlohmann::json + std::regex (the model's
//   patterns as written), RapidJSON + RE2 and Boost.JSON + RE2 (the generator's RE2
//   forms), the last two in their allocation-free steady-state setups. Before timing,
//   each must extract the same values as our decoder and reject a set of bodies that
//   break one constraint each.
// - BM_Response_Floor_*: what the bytes cost with no checks and no output struct:
//   simdjson's DOM parser (reused) touching every key and value, and simdjson
//   On-Demand iterating each object once, dispatching on keys and reading every member.
//   Both parse from a padded copy made once.
// - BM_Response_Encode_*: our struct -> JSON text with other writers, byte-identical
//   output: RapidJSON's Writer (buffer reused), and nlohmann (ordered_json built from
//   the struct, then dump(): both in the loop; _NlohmannDumpOnly times dump() alone).
// - BM_Response_DecodeValidate_MapEntries/N: the response with N entries in its first
//   RuntimeEnvironmentVariables map; BM_Response_DecodeValidate_Threads: one decoder
//   per thread, the shared DefaultValidator(), 1 and 2 threads (real time; the
//   per-thread CPU time per operation shows any contention).
//
// Every benchmark checks its result once before timing (SkipWithError on a wrong
// answer), warms up with one untimed call, and reports allocs_per_op: calls to any
// global operator new during the timed loop per iteration (bench/bench_util.h).
// bytes_per_second is over the body read (decode, validate, baselines, floors) or
// written (encoders).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/pause_service.h"
#include "bench/alternatives.h"
#include "bench/bench_util.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/table.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

using bench::AllocCounter;
using bench::SetBytes;

// examples/pause-service-response.json, byte for byte (trailing newline included).
constexpr std::string_view kResponseBody = R"json({
  "OperationId": "17fe9f55-7e91-4097-b243-fcabbb69a4cf",
  "Service": {
    "ServiceName": "python-app",
    "ServiceId": "8fe1e10304f84fd2b0df550fe98a71fa",
    "ServiceArn": "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa",
    "ServiceUrl": "psbqam834h.us-east-1.awsapprunner.com",
    "CreatedAt": 1605899125,
    "UpdatedAt": 1606135297.123,
    "DeletedAt": 1.6062459e9,
    "Status": "OPERATION_IN_PROGRESS",
    "SourceConfiguration": {
      "CodeRepository": {
        "RepositoryUrl": "https://github.com/my-account/python-hello",
        "SourceCodeVersion": {
          "Type": "BRANCH",
          "Value": "main"
        },
        "CodeConfiguration": {
          "ConfigurationSource": "API",
          "CodeConfigurationValues": {
            "Runtime": "PYTHON_3",
            "BuildCommand": "pip install -r requirements.txt",
            "StartCommand": "python server.py",
            "Port": "8080",
            "RuntimeEnvironmentVariables": {
              "NAME": "Jane",
              "GREETING": "Grüß Gott \"☃\""
            },
            "RuntimeEnvironmentSecrets": {
              "DB_PASSWORD": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-pass-AbCdEf"
            }
          }
        },
        "SourceDirectory": "/services/python-app"
      },
      "ImageRepository": {
        "ImageIdentifier": "123456789012.dkr.ecr.us-east-1.amazonaws.com/python-app:latest",
        "ImageConfiguration": {
          "RuntimeEnvironmentVariables": {},
          "StartCommand": "python server.py",
          "Port": "8080",
          "RuntimeEnvironmentSecrets": {
            "API_KEY": "arn:aws:ssm:us-east-1:123456789012:parameter/api-key"
          }
        },
        "ImageRepositoryType": "ECR"
      },
      "AutoDeploymentsEnabled": true,
      "AuthenticationConfiguration": {
        "ConnectionArn": "arn:aws:apprunner:us-east-1:123456789012:connection/my-github-connection/e7656250f67242d7819feade6800f59e",
        "AccessRoleArn": "arn:aws:iam::123456789012:role/service-role/AppRunnerECRAccessRole"
      }
    },
    "InstanceConfiguration": {
      "Cpu": "1 vCPU",
      "Memory": "3 GB",
      "InstanceRoleArn": "arn:aws:iam::123456789012:role/AppRunnerInstanceRole"
    },
    "EncryptionConfiguration": {
      "KmsKey": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    },
    "HealthCheckConfiguration": {
      "Protocol": "HTTP",
      "Path": "/health",
      "Interval": 5,
      "Timeout": 2,
      "HealthyThreshold": 1,
      "UnhealthyThreshold": 5
    },
    "AutoScalingConfigurationSummary": {
      "AutoScalingConfigurationArn": "arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/DefaultConfiguration/1/00000000000000000000000000000001",
      "AutoScalingConfigurationName": "DefaultConfiguration",
      "AutoScalingConfigurationRevision": 1,
      "Status": "ACTIVE",
      "CreatedAt": 1605899000.5,
      "HasAssociatedService": true,
      "IsDefault": true
    },
    "NetworkConfiguration": {
      "EgressConfiguration": {
        "EgressType": "VPC",
        "VpcConnectorArn": "arn:aws:apprunner:us-east-1:123456789012:vpcconnector/my-connector/1/3f2f5f4f9b9e4f0c8e6f2a1b0c9d8e7f"
      },
      "IngressConfiguration": {
        "IsPubliclyAccessible": true
      },
      "IpAddressType": "DUAL_STACK"
    },
    "ObservabilityConfiguration": {
      "ObservabilityEnabled": true,
      "ObservabilityConfigurationArn": "arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/xray-tracing/1/5f0b3f1e2d4c4b6a8e9f0a1b2c3d4e5f"
    }
  }
}
)json";

constexpr std::string_view kServiceArn =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
    "8fe1e10304f84fd2b0df550fe98a71fa";

// A few members of the example, enough to tell a correct decode from a broken one.
bool IsExample(const PauseServiceResponse& r) {
  if (!r.service || r.operation_id != "17fe9f55-7e91-4097-b243-fcabbb69a4cf") return false;
  const Service& s = *r.service;
  if (s.service_arn != kServiceArn || !s.status || s.status->value() != ServiceStatus::kOperationInProgress) {
    return false;
  }
  if (s.updated_at != Timestamp::FromMillis(1606135297123) ||
      s.deleted_at != Timestamp::FromMillis(1606245900000)) {
    return false;
  }
  if (!s.health_check_configuration || s.health_check_configuration->interval != 5) return false;
  if (!s.source_configuration || !s.source_configuration->code_repository) return false;
  const auto& code = s.source_configuration->code_repository->code_configuration;
  if (!code || !code->code_configuration_values) return false;
  const auto& vars = code->code_configuration_values->runtime_environment_variables;
  return vars && vars->size == 2 && vars->entries[1].key == "GREETING" &&
         vars->entries[1].value == "Grüß Gott \"☃\"";
}

// Decode + validate with the library, as the benchmarks below do.
bool OursAccepts(std::string_view body) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  ValidationReport report;
  return decoder.Decode(body, &response).ok() && DefaultValidator().Validate(response, &report);
}

// Bodies that break exactly one constraint each: the validator rejects every one, and
// so must every baseline (proof that the walker checks what the validator checks).
struct Mutation {
  std::string_view from;
  std::string_view to;
};
constexpr Mutation kMutations[] = {
    {R"("ServiceName": "python-app")", R"("ServiceName": "py")"},          // min length
    {R"("ServiceName": "python-app")", R"("ServiceName": "python app")"},  // pattern (DFA)
    {R"("Cpu": "1 vCPU")", R"("Cpu": "3 vCPU")"},                          // pattern (RE2)
    {R"("KmsKey": "arn:aws:kms:us-east-1:123456789012:key/1234abcd)",
     R"("KmsKey": "arn:aws:kms:us-east-1:123456789012:key/1234ABCD)"},    // pattern
    {R"("Status": "OPERATION_IN_PROGRESS")", R"("Status": "SLEEPING")"},  // enum
    {R"("Interval": 5)", R"("Interval": 50)"},                            // range
    {R"("ServiceId": "8fe1e10304f84fd2b0df550fe98a71fa",)", ""},          // required
    {R"("NAME": "Jane")", R"("NAME": "Ja\nne")"},                         // map value
    {R"("OperationId": "17fe9f55-7e91-4097-b243-fcabbb69a4cf")",
     R"("OperationId": "17fe9f55-7e91-4097-b243-fcabbb69a4c")"},  // exact length
};

// The mutated bodies, or an empty vector if a mutation did not apply or the library
// accepted its result (the list itself would then be wrong).
std::vector<std::string> RejectedBodies() {
  std::vector<std::string> bodies;
  for (const Mutation& m : kMutations) {
    std::string body(kResponseBody);
    const size_t at = body.find(m.from);
    if (at == std::string::npos) return {};
    body.replace(at, m.from.size(), m.to);
    if (OursAccepts(body)) return {};
    bodies.push_back(std::move(body));
  }
  return bodies;
}

// --- The library ----------------------------------------------------------------------

void BM_Response_Decode(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  DecodeStatus status = decoder.Decode(kResponseBody, &response);  // warm-up and check
  if (!status.ok() || !IsExample(response)) {
    state.SkipWithError("decode failed or decoded the wrong values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    status = decoder.Decode(kResponseBody, &response);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(response);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_Decode);

// The same response, compact, with its members in three orders: as the example writes
// them (the service's order), in model order (what EncodeJson writes) and sorted by
// name (nlohmann's dump). The decoder iterates each object once and finds each key's
// member through a perfect hash, so the order should not matter; this measures it.
std::string ResponseInOrder(int order) {
  if (order == 1) {
    PauseServiceResponseDecoder decoder;
    PauseServiceResponse response;
    std::string out;
    if (decoder.Decode(kResponseBody, &response).ok()) EncodeJson(response, &out);
    return out;
  }
  if (order == 2) return nlohmann::json::parse(kResponseBody).dump();
  std::string out(kResponseBody.size(), '\0');
  size_t length = 0;
  if (simdjson::minify(kResponseBody.data(), kResponseBody.size(), out.data(), length) != simdjson::SUCCESS) {
    return {};
  }
  out.resize(length);
  return out;
}

void BM_Response_Decode_MemberOrder(benchmark::State& state) {
  const std::string body = ResponseInOrder(static_cast<int>(state.range(0)));
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  PauseServiceResponse example;
  PauseServiceResponseDecoder example_decoder;
  DecodeStatus status = decoder.Decode(body, &response);  // warm-up and check
  // The same values (compared as JSON values, so that a map's entries may come in
  // another order), from a compact body.
  std::string got, want;
  if (status.ok()) EncodeJson(response, &got);
  if (example_decoder.Decode(kResponseBody, &example).ok()) EncodeJson(example, &want);
  if (!status.ok() || want.empty() || nlohmann::json::parse(got) != nlohmann::json::parse(want) ||
      body.find('\n') != std::string::npos) {
    state.SkipWithError("the reordered compact body does not decode to the example");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    status = decoder.Decode(body, &response);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(response);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
  state.SetLabel(state.range(0) == 0   ? "document order"
                 : state.range(0) == 1 ? "model order"
                                       : "sorted by name");
}
BENCHMARK(BM_Response_Decode_MemberOrder)->Arg(0)->Arg(1)->Arg(2);

void BM_Response_DecodePadded(benchmark::State& state) {
  const simdjson::padded_string padded(kResponseBody);
  const std::string_view json(padded.data(), padded.size());
  const size_t capacity = padded.size() + simdjson::SIMDJSON_PADDING;
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  DecodeStatus status = decoder.DecodePadded(json, capacity, &response);  // warm-up, check
  if (!status.ok() || !IsExample(response)) {
    state.SkipWithError("decode failed or decoded the wrong values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    status = decoder.DecodePadded(json, capacity, &response);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(response);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_DecodePadded);

void BM_Response_Validate(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  if (!decoder.Decode(kResponseBody, &response).ok()) {
    state.SkipWithError("decode failed");
    return;
  }
  const Validator& validator = DefaultValidator();
  ValidationReport report;
  if (!validator.Validate(response, &report)) {  // warm-up (compiles RE2) and check
    state.SkipWithError("the example response does not validate");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = validator.Validate(response, &report);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_Validate);

// One decode + validate, as a client or gateway handles a response.
bool DecodeValidate(std::string_view body, PauseServiceResponseDecoder& decoder, const Validator& validator,
                    PauseServiceResponse* response, ValidationReport* report) {
  return decoder.Decode(body, response).ok() && validator.Validate(*response, report);
}

void BM_Response_DecodeValidate(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  const Validator& validator = DefaultValidator();
  PauseServiceResponse response;
  ValidationReport report;
  if (!DecodeValidate(kResponseBody, decoder, validator, &response, &report) ||  // warm-up
      !IsExample(response)) {
    state.SkipWithError("the example response was rejected or decoded wrong");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = DecodeValidate(kResponseBody, decoder, validator, &response, &report);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_DecodeValidate);

void BM_Response_Encode(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;  // owns the bytes `response` views
  PauseServiceResponse response;
  if (!decoder.Decode(kResponseBody, &response).ok()) {
    state.SkipWithError("decode failed");
    return;
  }
  std::string out;
  EncodeJson(response, &out);  // warm-up (grows `out`) and check: it decodes back
  PauseServiceResponseDecoder redecoder;
  PauseServiceResponse roundtrip;
  if (!redecoder.Decode(out, &roundtrip).ok() || roundtrip != response) {
    state.SkipWithError("the encoded response does not decode back to the same values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    out.clear();
    EncodeJson(response, &out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, out.size());
}
BENCHMARK(BM_Response_Encode);

// --- Error bodies -------------------------------------------------------------------------

struct ErrorCase {
  std::string_view type;
  std::string_view message;
  int http_status;
  bool modelled;  // one of the operation's errors (else SerializationException)
};

constexpr ErrorCase kErrorCases[] = {
    {"InvalidRequestException",
     "1 validation error detected: Value null at 'serviceArn' failed to satisfy "
     "constraint: Member must not be null",
     400, true},
    {"ResourceNotFoundException",
     "Service arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
     "8fe1e10304f84fd2b0df550fe98a71fa not found",
     400, true},
    {"InternalServiceErrorException", "An internal error occurred. Retry your request.", 500, true},
    {"InvalidStateException", R"(Service "python-app" is in state OPERATION_IN_PROGRESS and can't be paused)",
     400, true},
    {"SerializationException", "Start of structure or map found where not expected.", 400, false},
};

const ErrorCase* FindErrorCase(std::string_view type) {
  for (const ErrorCase& c : kErrorCases) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

// {"__type":"<type>","Message":"<message>"}, written out by hand (the messages above
// need no escaping beyond '"').
std::string ExpectedErrorBody(const ErrorCase& c) {
  std::string body = "{\"__type\":\"" + std::string(c.type) + "\",\"Message\":\"";
  for (char ch : c.message) {
    if (ch == '"') body.push_back('\\');
    body.push_back(ch);
  }
  return body + "\"}";
}

void BM_Error_Encode(benchmark::State& state, std::string_view type) {
  const ErrorCase* c = FindErrorCase(type);
  std::string body;
  ErrorEncoding e;
  if (c != nullptr) e = EncodeError(c->type, c->message, &body);  // warm-up and check
  if (c == nullptr || !e.known || e.http_status != c->http_status || e.header_value != c->type ||
      body != ExpectedErrorBody(*c)) {
    state.SkipWithError("unexpected error encoding");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    body.clear();
    e = EncodeError(c->type, c->message, &body);
    benchmark::DoNotOptimize(e);
    benchmark::DoNotOptimize(body.data());
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Error_Encode, InvalidRequestException, std::string_view("InvalidRequestException"));
BENCHMARK_CAPTURE(BM_Error_Encode, ResourceNotFoundException, std::string_view("ResourceNotFoundException"));
BENCHMARK_CAPTURE(BM_Error_Encode, InternalServiceErrorException,
                  std::string_view("InternalServiceErrorException"));
BENCHMARK_CAPTURE(BM_Error_Encode, InvalidStateException, std::string_view("InvalidStateException"));
BENCHMARK_CAPTURE(BM_Error_Encode, SerializationException, std::string_view("SerializationException"));

// Decodes the response our encoder produces for the error: its body, its status and the
// X-Amzn-ErrorType header value it chose.
void BM_Error_Decode(benchmark::State& state, std::string_view type) {
  const ErrorCase* c = FindErrorCase(type);
  if (c == nullptr) {
    state.SkipWithError("unknown error type");
    return;
  }
  std::string body;
  const ErrorEncoding e = EncodeError(c->type, c->message, &body);
  ErrorResponseDecoder decoder;
  DecodedError error;
  DecodeStatus status = decoder.Decode(e.http_status, e.header_value, body, &error);  // warm-up
  const Fault fault = c->http_status >= 500 ? Fault::kServer : Fault::kClient;
  if (!status.ok() || error.type != c->type || !error.has_message || error.message != c->message ||
      (error.modelled != nullptr) != c->modelled || error.fault != fault) {
    state.SkipWithError("the error response decoded wrong");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    status = decoder.Decode(e.http_status, e.header_value, body, &error);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(error);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Error_Decode, InvalidRequestException, std::string_view("InvalidRequestException"));
BENCHMARK_CAPTURE(BM_Error_Decode, ResourceNotFoundException, std::string_view("ResourceNotFoundException"));
BENCHMARK_CAPTURE(BM_Error_Decode, InternalServiceErrorException,
                  std::string_view("InternalServiceErrorException"));
BENCHMARK_CAPTURE(BM_Error_Decode, InvalidStateException, std::string_view("InvalidStateException"));
BENCHMARK_CAPTURE(BM_Error_Decode, SerializationException, std::string_view("SerializationException"));

// --- Baselines: other JSON libraries and regex engines, same tables ------------------------

// Parse with Parser, then walk the DOM with the generic table walker.
template <typename Parser, typename Dom, typename Patterns>
class ResponseBaseline {
 public:
  explicit ResponseBaseline(const Patterns* patterns) : walker_(patterns) {}

  // `out` views the parser's document: valid until the next call.
  bool DecodeValidate(std::string_view body, PauseServiceResponse* out) {
    const typename Dom::Value* doc = parser_.Parse(body);
    return doc != nullptr && walker_.Run(kPauseServiceResponseDesc, *doc, out);
  }

 private:
  Parser parser_;
  bench::TableWalker<Dom, Patterns> walker_;
};

// True when `a` and `b` hold the same values, compared as JSON documents (through
// EncodeJson and nlohmann::json's operator==): map entries may come in another order,
// since nlohmann's objects are std::maps and hand map members back sorted by key.
bool SameDocument(const PauseServiceResponse& a, const PauseServiceResponse& b) {
  std::string ja, jb;
  EncodeJson(a, &ja);
  EncodeJson(b, &jb);
  return nlohmann::json::parse(ja) == nlohmann::json::parse(jb);
}

template <typename Parser, typename Dom, typename Patterns>
void RunResponseBaseline(benchmark::State& state) {
  const Patterns patterns;
  ResponseBaseline<Parser, Dom, Patterns> baseline(&patterns);
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse expected;
  const std::vector<std::string> rejected = RejectedBodies();
  if (!patterns.ok() || !decoder.Decode(kResponseBody, &expected).ok() || rejected.empty()) {
    state.SkipWithError("setup failed (patterns, reference decode or mutated bodies)");
    return;
  }
  PauseServiceResponse response;
  for (const std::string& body : rejected) {
    if (baseline.DecodeValidate(body, &response)) {
      state.SkipWithError("the baseline accepted a body the validator rejects");
      return;
    }
  }
  // Warm-up and check: the same values as our decoder's, member for member.
  if (!baseline.DecodeValidate(kResponseBody, &response) || !SameDocument(response, expected)) {
    state.SkipWithError("the baseline rejected the example or extracted different values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = baseline.DecodeValidate(kResponseBody, &response);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(response);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}

void BM_Response_Baseline_NlohmannStdRegex(benchmark::State& state) {
  RunResponseBaseline<bench::NlohmannParser, bench::NlohmannDom, bench::StdRegexPatterns>(state);
}
BENCHMARK(BM_Response_Baseline_NlohmannStdRegex);

void BM_Response_Baseline_RapidJsonRe2(benchmark::State& state) {
  RunResponseBaseline<bench::RapidJsonParser, bench::RapidJsonDom, bench::Re2Patterns>(state);
}
BENCHMARK(BM_Response_Baseline_RapidJsonRe2);

void BM_Response_Baseline_BoostJsonRe2(benchmark::State& state) {
  RunResponseBaseline<bench::BoostJsonParser, bench::BoostJsonDom, bench::Re2Patterns>(state);
}
BENCHMARK(BM_Response_Baseline_BoostJsonRe2);

// --- Floors: simdjson alone, no checks, no output struct ------------------------------------

using bench::DomTouchAll;
using bench::Tally;
using bench::TallyNlohmann;

Tally ExpectedTally() {
  Tally t;
  TallyNlohmann(nlohmann::json::parse(kResponseBody), &t);
  return t;
}

void BM_Response_Floor_SimdjsonDomTouchAll(benchmark::State& state) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(kResponseBody);
  Tally tally;
  if (DomTouchAll(parser, padded, &tally) != simdjson::SUCCESS ||  // warm-up and check
      !tally.SameValues(ExpectedTally())) {
    state.SkipWithError("the DOM walk did not read every value");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    simdjson::error_code error = DomTouchAll(parser, padded, &tally);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(tally);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_Floor_SimdjsonDomTouchAll);

simdjson::error_code ReadObject(simdjson::ondemand::object object, const StructDesc& desc, Tally* t);

// One modelled member's value, read as its kind says; nothing checked.
simdjson::error_code ReadMember(const FieldDesc& f, simdjson::ondemand::value value, Tally* t) {
  simdjson::error_code error = simdjson::SUCCESS;
  switch (f.kind) {
    case FieldKind::kString:
    case FieldKind::kEnum: {
      std::string_view s;
      error = value.get_string().get(s);
      ++t->strings;
      t->string_bytes += s.size();
      break;
    }
    case FieldKind::kInteger: {
      int64_t n = 0;
      error = value.get_int64().get(n);
      ++t->numbers;
      t->number_sum += static_cast<double>(n);
      break;
    }
    case FieldKind::kBoolean: {
      bool b = false;
      error = value.get_bool().get(b);
      ++t->bools;
      t->trues += b;
      break;
    }
    case FieldKind::kTimestamp: {
      double d = 0;
      error = value.get_double().get(d);
      ++t->numbers;
      t->number_sum += d;
      break;
    }
    case FieldKind::kStructure: {
      simdjson::ondemand::object child;
      error = value.get_object().get(child);
      if (!error) error = ReadObject(child, *f.sub, t);
      break;
    }
    case FieldKind::kMap: {
      simdjson::ondemand::object map;
      error = value.get_object().get(map);
      if (error) break;
      for (auto entry : map) {
        simdjson::ondemand::field field;
        std::string_view key, s;
        if ((error = std::move(entry).get(field)) || (error = field.unescaped_key().get(key)) ||
            (error = field.value().get_string().get(s))) {
          break;
        }
        t->key_bytes += key.size();
        ++t->strings;
        t->string_bytes += s.size();
      }
      break;
    }
  }
  return error;
}

// Iterates `object` once; each key is compared with the members' names in model order
// (unknown members are skipped by the iterator).
simdjson::error_code ReadObject(simdjson::ondemand::object object, const StructDesc& desc, Tally* t) {
  for (auto member : object) {
    simdjson::ondemand::field field;
    simdjson::error_code error = std::move(member).get(field);
    if (error) return error;
    const simdjson::ondemand::raw_json_string key = field.key();
    for (const FieldDesc& f : desc) {
      if (key.unsafe_is_equal(f.wire_name)) {
        error = ReadMember(f, field.value(), t);
        if (error) return error;
        break;
      }
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code OnDemandReadAll(simdjson::ondemand::parser& parser,
                                     const simdjson::padded_string& padded, Tally* t) {
  *t = Tally();
  simdjson::ondemand::document doc;
  simdjson::error_code error = parser.iterate(padded).get(doc);
  if (error) return error;
  simdjson::ondemand::object root;
  error = doc.get_object().get(root);
  if (error) return error;
  return ReadObject(root, kPauseServiceResponseDesc, t);
}

void BM_Response_Floor_OnDemandReadAll(benchmark::State& state) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(kResponseBody);
  Tally tally;
  if (OnDemandReadAll(parser, padded, &tally) != simdjson::SUCCESS ||  // warm-up and check
      !tally.SameValues(ExpectedTally())) {
    state.SkipWithError("the On-Demand walk did not read every value");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    simdjson::error_code error = OnDemandReadAll(parser, padded, &tally);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(tally);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
}
BENCHMARK(BM_Response_Floor_OnDemandReadAll);

// --- Encoding alternatives: the same struct, the same bytes ---------------------------------

// Decodes the example into `response` (viewing `decoder`) and encodes it with the
// library into `encoded`: the bytes every alternative must produce.
bool EncodeReference(PauseServiceResponseDecoder& decoder, PauseServiceResponse* response,
                     std::string* encoded) {
  if (!decoder.Decode(kResponseBody, response).ok()) return false;
  EncodeJson(*response, encoded);
  return true;
}

void BM_Response_Encode_RapidJsonWriter(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  std::string expected;
  bench::RapidJsonEncoder encoder;
  if (!EncodeReference(decoder, &response, &expected) ||  // warm-up and check
      encoder.Encode(kPauseServiceResponseDesc, &response) != expected) {
    state.SkipWithError("RapidJSON's Writer did not produce the library's bytes");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    std::string_view out = encoder.Encode(kPauseServiceResponseDesc, &response);
    benchmark::DoNotOptimize(out);
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, expected.size());
}
BENCHMARK(BM_Response_Encode_RapidJsonWriter);

void BM_Response_Encode_NlohmannDump(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  std::string expected;
  if (!EncodeReference(decoder, &response, &expected) ||  // warm-up and check
      bench::BuildNlohmann(kPauseServiceResponseDesc, &response).dump() != expected) {
    state.SkipWithError("nlohmann did not produce the library's bytes");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    std::string out = bench::BuildNlohmann(kPauseServiceResponseDesc, &response).dump();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, expected.size());
}
BENCHMARK(BM_Response_Encode_NlohmannDump);

void BM_Response_Encode_NlohmannDumpOnly(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  std::string expected;
  if (!EncodeReference(decoder, &response, &expected)) {
    state.SkipWithError("decode failed");
    return;
  }
  const nlohmann::ordered_json json = bench::BuildNlohmann(kPauseServiceResponseDesc, &response);
  if (json.dump() != expected) {  // warm-up and check
    state.SkipWithError("nlohmann did not produce the library's bytes");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    std::string out = json.dump();
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, expected.size());
}
BENCHMARK(BM_Response_Encode_NlohmannDumpOnly);

// --- Scaling ------------------------------------------------------------------------------

// The example with its first RuntimeEnvironmentVariables map (CodeConfigurationValues)
// replaced by `n` entries "VAR_<i>": "value-<i>"; empty if the example changed shape.
std::string ResponseWithMapEntries(int64_t n) {
  constexpr std::string_view kOpen = "\"RuntimeEnvironmentVariables\": {";
  std::string body(kResponseBody);
  const size_t at = body.find(kOpen);
  if (at == std::string::npos) return {};
  const size_t begin = at + kOpen.size();
  const size_t end = body.find('}', begin);
  std::string entries;
  for (int64_t i = 0; i < n; ++i) {
    entries += i == 0 ? "\n" : ",\n";
    entries += "              \"VAR_" + std::to_string(i) + "\": \"value-" + std::to_string(i) + "\"";
  }
  if (n > 0) entries += "\n            ";
  body.replace(begin, end - begin, entries);
  return body;
}

const StringMap* FirstEnvironmentMap(const PauseServiceResponse& r) {
  if (!r.service || !r.service->source_configuration || !r.service->source_configuration->code_repository) {
    return nullptr;
  }
  const auto& code = r.service->source_configuration->code_repository->code_configuration;
  if (!code || !code->code_configuration_values ||
      !code->code_configuration_values->runtime_environment_variables) {
    return nullptr;
  }
  return &*code->code_configuration_values->runtime_environment_variables;
}

void BM_Response_DecodeValidate_MapEntries(benchmark::State& state) {
  const int64_t n = state.range(0);
  const std::string body = ResponseWithMapEntries(n);
  PauseServiceResponseDecoder decoder;
  const Validator& validator = DefaultValidator();
  PauseServiceResponse response;
  ValidationReport report;
  const bool ok = DecodeValidate(body, decoder, validator, &response, &report);  // warm-up
  const StringMap* map = FirstEnvironmentMap(response);
  if (!ok || map == nullptr || map->size != static_cast<uint64_t>(n) ||
      (n > 0 && map->entries[n - 1].value != "value-" + std::to_string(n - 1))) {
    state.SkipWithError("the scaled response was rejected or decoded wrong");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool valid = DecodeValidate(body, decoder, validator, &response, &report);
    benchmark::DoNotOptimize(valid);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK(BM_Response_DecodeValidate_MapEntries)->Arg(0)->Arg(1)->Arg(10)->Arg(100)->Arg(1000);

// Each thread: its own decoder and report; all share DefaultValidator() (immutable
// tables and RE2 programs). Real time per operation is wall time over all threads'
// operations (it halves with perfect scaling); CPU time per operation is the cost of one.
void BM_Response_DecodeValidate_Threads(benchmark::State& state) {
  PauseServiceResponseDecoder decoder;
  const Validator& validator = DefaultValidator();
  PauseServiceResponse response;
  ValidationReport report;
  if (!DecodeValidate(kResponseBody, decoder, validator, &response, &report) ||  // warm-up
      !IsExample(response)) {
    state.SkipWithError("the example response was rejected or decoded wrong");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = DecodeValidate(kResponseBody, decoder, validator, &response, &report);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kResponseBody.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Response_DecodeValidate_Threads)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
}  // namespace apprunner::pause_service

int main(int argc, char** argv) {
  apprunner::bench::AddAlternativesContext();
  return apprunner::bench::RunBenchmarks(argc, argv);
}
