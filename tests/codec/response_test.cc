// Response decoding: every member of the full example, numbers and timestamps, open
// enums, maps, strict vs lenient forms, and a randomized round trip over every
// generated struct.
#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/member_hash.h"
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

using testutil::ReadFile;

TEST(PauseServiceResponseDecoder, DecodesEveryMemberOfTheFullExample) {
  std::string body = ReadFile("examples/pause-service-response.json");
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  DecodeStatus s = decoder.Decode(body, &r);
  ASSERT_TRUE(s.ok()) << CodecErrorName(s.code) << " at " << s.offset << ": " << s.detail;
  EXPECT_EQ(*r.operation_id, "17fe9f55-7e91-4097-b243-fcabbb69a4cf");
  const Service& svc = *r.service;
  EXPECT_EQ(*svc.service_name, "python-app");
  EXPECT_EQ(*svc.created_at, (Timestamp{1605899125, 0}));
  EXPECT_EQ(*svc.updated_at, (Timestamp{1606135297, 123000000}));
  EXPECT_EQ(*svc.deleted_at, (Timestamp{1606245900, 0}));  // written 1.6062459e9
  EXPECT_EQ(svc.status->value(), ServiceStatus::kOperationInProgress);
  const auto& code = *svc.source_configuration->code_repository;
  EXPECT_EQ(code.source_code_version->type->value(), SourceCodeVersionType::kBranch);
  EXPECT_EQ(code.code_configuration->configuration_source->value(), ConfigurationSource::kApi);
  const auto& values = *code.code_configuration->code_configuration_values;
  EXPECT_EQ(values.runtime->value(), Runtime::kPython3);
  ASSERT_EQ(values.runtime_environment_variables->size, 2u);
  EXPECT_EQ(values.runtime_environment_variables->entries[0].key, "NAME");
  EXPECT_EQ(values.runtime_environment_variables->entries[0].value, "Jane");
  EXPECT_EQ(values.runtime_environment_variables->entries[1].value,
            "Gr\xc3\xbc\xc3\x9f Gott \"\xe2\x98\x83\"");
  EXPECT_EQ(values.runtime_environment_secrets->size, 1u);
  EXPECT_EQ(*code.source_directory, "/services/python-app");
  const auto& image = *svc.source_configuration->image_repository;
  EXPECT_TRUE(image.image_configuration->runtime_environment_variables->empty());
  EXPECT_EQ(image.image_repository_type->value(), ImageRepositoryType::kEcr);
  EXPECT_TRUE(*svc.source_configuration->auto_deployments_enabled);
  EXPECT_EQ(*svc.instance_configuration->cpu, "1 vCPU");
  EXPECT_EQ(*svc.health_check_configuration->interval, 5);
  EXPECT_EQ(svc.health_check_configuration->protocol->value(), HealthCheckProtocol::kHttp);
  const auto& ascs = *svc.auto_scaling_configuration_summary;
  EXPECT_EQ(*ascs.auto_scaling_configuration_revision, 1);
  EXPECT_EQ(*ascs.created_at, (Timestamp{1605899000, 500000000}));
  EXPECT_TRUE(*ascs.is_default);
  EXPECT_EQ(svc.network_configuration->egress_configuration->egress_type->value(), EgressType::kVpc);
  EXPECT_EQ(svc.network_configuration->ip_address_type->value(), IpAddressType::kDualStack);
  EXPECT_TRUE(*svc.observability_configuration->observability_enabled);
  EXPECT_EQ(decoder.engine().num_deviations(), 0u);
}

// Members are found through a hash table: a name that lands in a member's slot but is
// not its name is unknown, and members are found in any order.
TEST(PauseServiceResponseDecoder, HashCollidingNamesAreUnknownMembers) {
  const StructDesc& d = kServiceDesc;
  const std::string_view target = "ServiceArn";
  const uint32_t slot = codec::MemberHash(target, d.member_seed, d.member_bits);
  std::vector<std::string> colliding;
  // Other names of ServiceArn's length whose first, middle and last bytes vary.
  for (char a = 'a'; a <= 'z' && colliding.size() < 3; ++a) {
    for (char b = 'a'; b <= 'z' && colliding.size() < 3; ++b) {
      for (char c = 'a'; c <= 'z' && colliding.size() < 3; ++c) {
        std::string name(target);
        name[0] = a;
        name[5] = b;
        name[9] = c;
        if (codec::MemberHash(name, d.member_seed, d.member_bits) == slot) colliding.push_back(name);
      }
    }
  }
  colliding.push_back("SXrviceArn");  // same length and first, middle and last bytes: same slot
  EXPECT_EQ(codec::MemberHash(colliding.back(), d.member_seed, d.member_bits), slot);
  ASSERT_EQ(colliding.size(), 4u);
  DecodeOptions reject;
  reject.reject_unknown_members = true;
  PauseServiceResponseDecoder rejecting(reject);
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  for (const std::string& name : colliding) {
    std::string body = R"({"Service":{")" + name + R"(":"arn:x","ServiceId":"i"}})";
    DecodeStatus s = rejecting.Decode(body, &r);
    EXPECT_EQ(s.code, CodecError::kUnknownMember) << name;
    EXPECT_EQ(s.name, name);
    ASSERT_TRUE(decoder.Decode(body, &r).ok()) << name;
    ASSERT_TRUE(r.service.has_value());
    EXPECT_FALSE(r.service->service_arn.has_value()) << name;
    EXPECT_EQ(r.service->service_id, "i");
  }
  // Every member of Service, in reverse model order, is found.
  std::string body = R"({"Service":{)";
  for (uint16_t i = d.num_fields; i-- > 0;) {
    const FieldDesc& f = d.field_table[i];
    if (i + 1 != d.num_fields) body += ",";
    body += "\"" + std::string(f.wire_name) + "\":";
    switch (f.kind) {
      case FieldKind::kStructure: body += "{}"; break;
      case FieldKind::kTimestamp: body += "1"; break;
      default: body += "\"v\""; break;
    }
  }
  body += "}}";
  ASSERT_TRUE(rejecting.Decode(body, &r).ok()) << body;
  size_t present = 0;
  for (uint16_t i = 0; i < d.num_fields; ++i) present += d.field_table[i].get(&*r.service) != nullptr;
  EXPECT_EQ(present, d.num_fields) << body;
}

TEST(PauseServiceResponseDecoder, UnknownEnumValueIsKeptAndFlagged) {
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  ASSERT_TRUE(decoder.Decode(R"({"Service":{"Status":"HIBERNATING"}})", &r).ok());
  EXPECT_FALSE(r.service->status->known());
  EXPECT_EQ(r.service->status->value(), ServiceStatus::kUnknown);
  EXPECT_EQ(r.service->status->wire, "HIBERNATING");
}

struct Row {
  const char* name;
  const char* body;
  CodecError code;
  uint32_t offset;
};

TEST(PauseServiceResponseDecoder, RejectsByClassAndOffset) {
  const Row rows[] = {
      {"int as string", R"({"Service":{"HealthCheckConfiguration":{"Interval":"5"}}})",
       CodecError::kWrongType, 51},
      {"fractional int", R"({"Service":{"HealthCheckConfiguration":{"Interval":5.5}}})",
       CodecError::kWrongType, 51},
      {"int over 32 bits", R"({"Service":{"HealthCheckConfiguration":{"Interval":2147483648}}})",
       CodecError::kNumberOutOfRange, 51},
      {"int under 32 bits", R"({"Service":{"HealthCheckConfiguration":{"Interval":-2147483649}}})",
       CodecError::kNumberOutOfRange, 51},
      {"bool as string",
       R"({"Service":{"IngressConfiguration":1,"SourceConfiguration":{"AutoDeploymentsEnabled":"true"}}})",
       CodecError::kWrongType, 85},
      {"timestamp as bool", R"({"Service":{"CreatedAt":true}})", CodecError::kWrongType, 24},
      {"timestamp too big", R"({"Service":{"CreatedAt":1e300}})", CodecError::kNumberOutOfRange, 24},
      {"struct as array", R"({"Service":[]})", CodecError::kWrongType, 11},
      {"map value number",
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":1}}}}}})",
       CodecError::kWrongType, 111},
      {"map duplicate key",
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"1","A":"2"}}}}}})",
       CodecError::kDuplicateMember, 106},
      {"map duplicate escaped key",
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"1","\u0041":"2"}}}}}})",
       CodecError::kDuplicateMember, 106},
      {"nested duplicate", R"({"Service":{"ServiceName":"a","ServiceName":"b"}})",
       CodecError::kDuplicateMember, 30},
      {"nested malformed unknown", R"({"Service":{"Extra":{"a":[1 2]}}})", CodecError::kMalformedJson, 28},
      {"bad ISO timestamp", R"({"Service":{"CreatedAt":"yesterday"}})", CodecError::kInvalidTimestamp, 24},
      {"map list item with two pairs",
       R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"A":"1","B":"2"}]}}}}})",
       CodecError::kWrongType, 107},
  };
  DecodeOptions lenient;
  lenient.lenient = true;
  PauseServiceResponseDecoder decoder(lenient);
  for (const Row& row : rows) {
    PauseServiceResponse r;
    DecodeStatus s = decoder.Decode(row.body, &r);
    EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(row.code)) << row.name << ": " << s.detail;
    EXPECT_EQ(s.offset, row.offset) << row.name << ": " << s.detail;
  }
}

constexpr std::string_view kVarsPath =
    "Service.SourceConfiguration.ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables";

std::string WithVars(std::string_view vars) {
  return R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":)" +
         std::string(vars) + "}}}}}";
}

const StringMap& Vars(const PauseServiceResponse& r) {
  return *r.service->source_configuration->image_repository->image_configuration
              ->runtime_environment_variables;
}

TEST(Maps, NullValuesAreDroppedAndListedNeverAFailure) {
  for (bool lenient : {false, true}) {
    DecodeOptions options;
    options.lenient = lenient;
    PauseServiceResponseDecoder decoder(options);
    PauseServiceResponse r;
    std::string body = WithVars(R"({"A":null,"B":"x","C" : null ,"D":""})");
    DecodeStatus s = decoder.Decode(body, &r);
    ASSERT_TRUE(s.ok()) << lenient << " " << CodecErrorName(s.code) << ": " << s.detail;
    ASSERT_EQ(Vars(r).size, 2u);
    EXPECT_EQ(Vars(r).entries[0], (StringMapEntry{"B", "x"}));
    EXPECT_EQ(Vars(r).entries[1], (StringMapEntry{"D", ""}));
    ASSERT_EQ(decoder.engine().num_deviations(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      const Deviation& d = decoder.engine().deviations()[i];
      EXPECT_EQ(d.kind, DeviationKind::kNullMapValue);
      EXPECT_EQ(d.path(), std::string(kVarsPath) + (i == 0 ? ".A" : ".C"));
      EXPECT_EQ(body.compare(d.offset, 4, "null"), 0) << d.offset;
    }
    std::string out;
    EncodeJson(r, &out);
    EXPECT_NE(out.find(R"("RuntimeEnvironmentVariables":{"B":"x","D":""})"), std::string::npos) << out;
    EXPECT_EQ(out.find("null"), std::string::npos) << out;
  }
}

TEST(Maps, NullValueEdgeCases) {
  DecodeOptions lenient_options;
  lenient_options.lenient = true;
  PauseServiceResponseDecoder strict, lenient(lenient_options);
  PauseServiceResponse r;
  // Only nulls: the map is present and empty.
  ASSERT_TRUE(strict.Decode(WithVars(R"({"A":null})"), &r).ok());
  EXPECT_TRUE(Vars(r).empty());
  // A second map after one with nulls keeps its own entries.
  std::string two =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":null,"B":"1"},"RuntimeEnvironmentSecrets":{"S":"2","T":null}}}}}})";
  ASSERT_TRUE(strict.Decode(two, &r).ok());
  const auto& image = *r.service->source_configuration->image_repository->image_configuration;
  ASSERT_EQ(image.runtime_environment_variables->size, 1u);
  EXPECT_EQ(image.runtime_environment_variables->entries[0], (StringMapEntry{"B", "1"}));
  ASSERT_EQ(image.runtime_environment_secrets->size, 1u);
  EXPECT_EQ(image.runtime_environment_secrets->entries[0], (StringMapEntry{"S", "2"}));
  // An empty key is still the path's last element.
  ASSERT_TRUE(strict.Decode(WithVars(R"({"":null})"), &r).ok());
  ASSERT_EQ(strict.engine().num_deviations(), 1u);
  EXPECT_EQ(strict.engine().deviations()[0].path(), std::string(kVarsPath) + ".");
  // A key twice is a duplicate even when one of them is null.
  EXPECT_EQ(strict.Decode(WithVars(R"({"A":null,"A":"x"})"), &r).code, CodecError::kDuplicateMember);
  EXPECT_EQ(strict.Decode(WithVars(R"({"A":"x","A":null})"), &r).code, CodecError::kDuplicateMember);
  // Not a null literal: malformed, as anywhere.
  EXPECT_EQ(strict.Decode(WithVars(R"({"A":nul})"), &r).code, CodecError::kMalformedJson);
  EXPECT_EQ(strict.Decode(WithVars(R"({"A":nulll})"), &r).code, CodecError::kMalformedJson);
  // The lenient list form drops them the same way.
  ASSERT_TRUE(lenient.Decode(WithVars(R"([{"A":null},{"B":"x"}])"), &r).ok());
  ASSERT_EQ(Vars(r).size, 1u);
  EXPECT_EQ(Vars(r).entries[0], (StringMapEntry{"B", "x"}));
}

TEST(PauseServiceResponseDecoder, EmptyBodyIsAnOutputWithNoMembers) {
  PauseServiceResponseDecoder decoder;
  for (std::string_view body : {std::string_view(""), std::string_view(" "), std::string_view("\n\t\r  ")}) {
    PauseServiceResponse r;
    r.operation_id = "stale";
    DecodeStatus s = decoder.Decode(body, &r);
    ASSERT_TRUE(s.ok()) << "[" << body << "] " << CodecErrorName(s.code) << ": " << s.detail;
    EXPECT_EQ(r, PauseServiceResponse{});
    std::string padded(body);
    padded.resize(body.size() + simdjson::SIMDJSON_PADDING);
    ASSERT_TRUE(decoder
                    .DecodePadded(body.empty() ? std::string_view(padded.data(), 0)
                                               : std::string_view(padded.data(), body.size()),
                                  padded.size(), &r)
                    .ok());
    // Validation then reports the missing required members as usual.
    ValidationReport report;
    EXPECT_FALSE(DefaultValidator().Validate(r, &report));
    EXPECT_NE(ValidationMessage(report).find(
                  "Value null at 'service' failed to satisfy constraint: Member must not be null"),
              std::string::npos)
        << ValidationMessage(report);
  }
  // Whitespace around nothing is still nothing; anything else is not.
  PauseServiceResponse r;
  EXPECT_EQ(decoder.Decode("x", &r).code, CodecError::kMalformedJson);
  EXPECT_EQ(decoder.Decode("null", &r).code, CodecError::kRootNotObject);
  // A request body (not an output) that is empty stays a malformed document.
  PauseServiceRequestDecoder request_decoder;
  PauseServiceRequest req;
  EXPECT_EQ(request_decoder.Decode("", &req).code, CodecError::kMalformedJson);
  EXPECT_EQ(request_decoder.Decode("  ", &req).code, CodecError::kMalformedJson);
}

TEST(PauseServiceResponseDecoder, ManyMapEntriesWithDuplicateFoundByHash) {
  std::string body =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{)";
  for (int i = 0; i < 1000; ++i) body += (i ? "," : "") + std::string("\"K") + std::to_string(i) + "\":\"v\"";
  std::string unique = body + "}}}}}}";
  std::string dup = body + ",\"K500\":\"w\"}}}}}}";
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  ASSERT_TRUE(decoder.Decode(unique, &r).ok());
  EXPECT_EQ(r.service->source_configuration->image_repository->image_configuration
                ->runtime_environment_variables->size,
            1000u);
  EXPECT_EQ(decoder.Decode(dup, &r).code, CodecError::kDuplicateMember);
}

TEST(PauseServiceResponseDecoder, StrictRejectsTheCliSampleListingEveryDeviation) {
  std::string body = ReadFile("examples/pause-service-response.cli.json");
  PauseServiceResponseDecoder strict;
  PauseServiceResponse r;
  DecodeStatus s = strict.Decode(body, &r);
  EXPECT_EQ(s.code, CodecError::kNotWireFormat);
  const StructDecoder& e = strict.engine();
  ASSERT_EQ(e.num_deviations(), 4u);
  std::vector<std::string> got;
  for (size_t i = 0; i < e.num_stored_deviations(); ++i) {
    got.push_back(std::string(e.deviations()[i].path()) + " " +
                  std::string(DeviationKindName(e.deviations()[i].kind)));
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "Service.CreatedAt timestamp as an ISO-8601 string",
                     "Service.UpdatedAt timestamp as an ISO-8601 string",
                     "Service.SourceConfiguration.CodeRepository.CodeConfiguration."
                     "CodeConfigurationValues.RuntimeEnvironmentVariables map as a list of one-pair objects",
                     "Service.InstanceConfiguration.CPU member name differs from the model in case",
                 }));
  EXPECT_FALSE(r.service.has_value()) << "a rejected decode leaves the struct reset";
}

TEST(PauseServiceResponseDecoder, LenientAcceptsTheCliSample) {
  std::string body = ReadFile("examples/pause-service-response.cli.json");
  DecodeOptions options;
  options.lenient = true;
  PauseServiceResponseDecoder lenient(options);
  PauseServiceResponse r;
  ASSERT_TRUE(lenient.Decode(body, &r).ok());
  EXPECT_EQ(lenient.engine().num_deviations(), 4u);
  EXPECT_EQ(*r.service->created_at, (Timestamp{1605899125, 0}));  // 2020-11-20T19:05:25Z
  EXPECT_EQ(*r.service->updated_at, (Timestamp{1606135297, 0}));  // 2020-11-23T12:41:37Z
  EXPECT_EQ(*r.service->instance_configuration->cpu, "1 vCPU");
  const auto& vars = *r.service->source_configuration->code_repository->code_configuration
                          ->code_configuration_values->runtime_environment_variables;
  ASSERT_EQ(vars.size, 1u);
  EXPECT_EQ(vars.entries[0].key, "NAME");
  EXPECT_EQ(vars.entries[0].value, "Jane");
  // "Api" is not in the enum: kept verbatim, flagged, not a decode error.
  EXPECT_FALSE(
      r.service->source_configuration->code_repository->code_configuration->configuration_source->known());
}

TEST(ParseIso8601, AcceptsRfc3339KeepingTheFraction) {
  struct {
    const char* text;
    Timestamp want;
  } rows[] = {
      {"2020-11-20T19:05:25Z", {1605899125, 0}},
      {"2020-11-20T19:05:25.5Z", {1605899125, 500000000}},
      {"2020-11-20T20:05:25.123+01:00", {1605899125, 123000000}},
      {"1970-01-01T00:00:00Z", {0, 0}},
      {"2000-02-29T00:00:00Z", {951782400, 0}},
      // Up to nine digits kept exactly; finer ones round to the nanosecond, halves up.
      {"2020-11-20T19:05:25.1235Z", {1605899125, 123500000}},
      {"2020-11-20T19:05:25.123456Z", {1605899125, 123456000}},
      {"2020-11-20T19:05:25.000500Z", {1605899125, 500000}},
      {"2020-11-20T19:05:25.123456789Z", {1605899125, 123456789}},
      {"2020-11-20T19:05:25.1234567894Z", {1605899125, 123456789}},
      {"2020-11-20T19:05:25.1234567895Z", {1605899125, 123456790}},
      {"2020-11-20T19:05:59.9999999996Z", {1605899160, 0}},
      {"1969-12-31T23:59:59.25Z", {-1, 250000000}},
  };
  for (const auto& row : rows) {
    Timestamp t;
    ASSERT_TRUE(ParseIso8601(row.text, &t)) << row.text;
    EXPECT_EQ(t, row.want) << row.text << ": " << t.seconds << "s " << t.nanos << "ns";
  }
  Timestamp t;
  EXPECT_FALSE(ParseIso8601("2021-02-29T00:00:00Z", &t));
  EXPECT_FALSE(ParseIso8601("2020-11-20T19:05:25", &t));  // no zone
  EXPECT_FALSE(ParseIso8601("2020-13-20T19:05:25Z", &t));
  EXPECT_FALSE(ParseIso8601("2020-11-20T19:05:25Zjunk", &t));
  EXPECT_FALSE(ParseIso8601("2020-11-20T19:05:25.Z", &t));
  EXPECT_FALSE(ParseIso8601("", &t));
}

// Decodes {"Service":{"CreatedAt":<json>}} and re-encodes the timestamp.
struct TimestampRoundTrip {
  bool ok;
  Timestamp value;
  std::string encoded;
};
TimestampRoundTrip DecodeTimestamp(std::string_view json, bool lenient = false) {
  DecodeOptions options;
  options.lenient = lenient;
  PauseServiceResponseDecoder decoder(options);
  PauseServiceResponse r;
  std::string body = std::string(R"({"Service":{"CreatedAt":)") + std::string(json) + "}}";
  TimestampRoundTrip out{decoder.Decode(body, &r).ok(), {}, {}};
  if (out.ok) {
    out.value = *r.service->created_at;
    AppendEpochSeconds(out.value, &out.encoded);
  }
  return out;
}

// The old millisecond form Timestamp{epoch_millis} must not compile (as the aggregate
// {seconds, nanos} it would, reading milliseconds as seconds); {seconds, nanos} does.
template <typename T, typename = void>
struct BracedFromOneInteger : std::false_type {};
template <typename T>
struct BracedFromOneInteger<T, std::void_t<decltype(T{std::declval<int64_t>()})>> : std::true_type {};
static_assert(!BracedFromOneInteger<Timestamp>::value, "Timestamp{ms} must not compile");
static_assert(std::is_constructible_v<Timestamp, int64_t, int32_t>);

TEST(Timestamps, KeepThePrecisionTheWireHad) {
  struct {
    const char* json;
    Timestamp value;
    const char* encoded;
  } rows[] = {
      // 0 to 9 fraction digits: exactly what was sent comes back.
      {"1700000000", {1700000000, 0}, "1700000000"},
      {"1700000000.1", {1700000000, 100000000}, "1700000000.1"},
      {"1700000000.12", {1700000000, 120000000}, "1700000000.12"},
      {"1700000000.123", {1700000000, 123000000}, "1700000000.123"},
      {"1700000000.1234", {1700000000, 123400000}, "1700000000.1234"},
      {"1700000000.12345", {1700000000, 123450000}, "1700000000.12345"},
      {"1700000000.123456", {1700000000, 123456000}, "1700000000.123456"},
      {"1700000000.1234567", {1700000000, 123456700}, "1700000000.1234567"},
      {"1700000000.12345678", {1700000000, 123456780}, "1700000000.12345678"},
      {"1700000000.123456789", {1700000000, 123456789}, "1700000000.123456789"},
      {"1700000000.0005", {1700000000, 500000}, "1700000000.0005"},
      {"1700000000.000000001", {1700000000, 1}, "1700000000.000000001"},
      // Trailing zeros and exponents: the same value, written shortest.
      {"1700000000.500000000", {1700000000, 500000000}, "1700000000.5"},
      {"1700000000.0", {1700000000, 0}, "1700000000"},
      {"1.7e9", {1700000000, 0}, "1700000000"},
      {"1.7E+9", {1700000000, 0}, "1700000000"},
      {"17000000001234e-4", {1700000000, 123400000}, "1700000000.1234"},
      {"1.784316439424E9", {1784316439, 424000000}, "1784316439.424"},
      {"1.6062459e9", {1606245900, 0}, "1606245900"},
      {"0.0015", {0, 1500000}, "0.0015"},
      {"0.0000000015e0", {0, 2}, "0.000000002"},
      {"1e-400", {0, 0}, "0"},
      // Negative and pre-1970: floor seconds plus positive nanos.
      {"-1.5", {-2, 500000000}, "-1.5"},
      {"-0.000001", {-1, 999999000}, "-0.000001"},
      {"-0", {0, 0}, "0"},
      {"-0.0", {0, 0}, "0"},
      {"-86400.25", {-86401, 750000000}, "-86400.25"},
      {"-1e0", {-1, 0}, "-1"},
      // Beyond nine digits: the nearest nanosecond, halves toward +infinity.
      {"1.0000000004", {1, 0}, "1"},
      {"1.0000000005", {1, 1}, "1.000000001"},
      {"-1.0000000005", {-1, 0}, "-1"},
      {"-1.00000000050001", {-2, 999999999}, "-1.000000001"},
      {"-1.0000000004", {-1, 0}, "-1"},
      {"-0.0000000005", {0, 0}, "0"},
      {"0.9999999995", {1, 0}, "1"},
      // The range ends: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z.
      {"-62135596800", {-62135596800, 0}, "-62135596800"},
      {"253402300799.999999999", {253402300799, 999999999}, "253402300799.999999999"},
  };
  for (const auto& row : rows) {
    TimestampRoundTrip r = DecodeTimestamp(row.json);
    ASSERT_TRUE(r.ok) << row.json;
    EXPECT_EQ(r.value, row.value) << row.json << ": " << r.value.seconds << "s " << r.value.nanos << "ns";
    EXPECT_EQ(r.encoded, row.encoded) << row.json;
    // And the encoding decodes to the same value.
    EXPECT_EQ(DecodeTimestamp(r.encoded).value, row.value) << r.encoded;
  }
}

TEST(Timestamps, LenientIso8601KeepsItsFraction) {
  TimestampRoundTrip r = DecodeTimestamp("\"2023-11-14T22:13:20.123456Z\"", /*lenient=*/true);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.encoded, "1700000000.123456");
  r = DecodeTimestamp("\"1969-12-31T23:59:58.5Z\"", /*lenient=*/true);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.encoded, "-1.5");
}

TEST(ParseEpochSeconds, PlainAndExponentFormsAgree) {
  // Plain numbers of at most 12 integer and 9 fraction digits take a 64-bit path; the
  // same value written with an exponent takes the exact decimal path.
  std::mt19937_64 rng(20261204);
  for (int i = 0; i < 20000; ++i) {
    const bool negative = rng() % 4 == 0;
    const uint64_t whole = rng() % (negative ? 62135596800ULL : 253402300800ULL);
    const size_t digits = rng() % 10;
    std::string frac;
    for (size_t k = 0; k < digits; ++k) frac.push_back(static_cast<char>('0' + rng() % 10));
    const std::string plain = (negative ? "-" : "") + std::to_string(whole) + (digits ? "." + frac : "");
    const std::string scaled =
        (negative ? "-" : "") + std::to_string(whole) + frac + "e-" + std::to_string(digits);
    Timestamp a, b;
    ASSERT_EQ(ParseEpochSeconds(plain, &a), TimestampParse::kOk) << plain;
    ASSERT_EQ(ParseEpochSeconds(scaled, &b), TimestampParse::kOk) << scaled;
    ASSERT_EQ(a, b) << plain << " vs " << scaled;
    ASSERT_TRUE(a.nanos >= 0 && a.nanos < Timestamp::kNanosPerSecond) << plain;
    std::string encoded;
    AppendEpochSeconds(a, &encoded);
    Timestamp c;
    ASSERT_EQ(ParseEpochSeconds(encoded, &c), TimestampParse::kOk) << encoded;
    ASSERT_EQ(c, a) << plain << " -> " << encoded;
  }
}

TEST(ParseEpochSeconds, ClassifiesWhatItCannotRead) {
  Timestamp t;
  EXPECT_EQ(ParseEpochSeconds("1.", &t), TimestampParse::kMalformed);
  EXPECT_EQ(ParseEpochSeconds("01", &t), TimestampParse::kMalformed);
  EXPECT_EQ(ParseEpochSeconds("+1", &t), TimestampParse::kMalformed);
  EXPECT_EQ(ParseEpochSeconds("1e", &t), TimestampParse::kMalformed);
  EXPECT_EQ(ParseEpochSeconds("", &t), TimestampParse::kMalformed);
  EXPECT_EQ(ParseEpochSeconds("253402300800", &t), TimestampParse::kOutOfRange);
  EXPECT_EQ(ParseEpochSeconds("-62135596800.000000001", &t), TimestampParse::kOutOfRange);
  EXPECT_EQ(ParseEpochSeconds("1e99999999999999999999", &t), TimestampParse::kOutOfRange);
  EXPECT_EQ(ParseEpochSeconds("123456789012345678901234567890", &t), TimestampParse::kOutOfRange);
  // A long mantissa with a matching negative exponent is an ordinary value.
  std::string digits = "1" + std::string(5000, '0') + "e-4991";
  ASSERT_EQ(ParseEpochSeconds(digits, &t), TimestampParse::kOk);
  EXPECT_EQ(t, (Timestamp{1000000000, 0}));
  std::string tiny = "0." + std::string(5000, '0') + "1";
  ASSERT_EQ(ParseEpochSeconds(tiny, &t), TimestampParse::kOk);
  EXPECT_EQ(t, (Timestamp{0, 0}));
}

TEST(Maps, MapAsListDepthIsTheListsOwn) {
  // A fuzzer finding (F1, tests/fuzz/CAMPAIGNS.md): the list was checked at its items'
  // depth before any item was read, so an empty list at exactly the limit failed.
  const std::string empty_at_6 =
      R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[]}}}}})";
  const std::string item_at_8 =
      R"({"Service":{"SourceConfiguration":{"CodeRepository":{"CodeConfiguration":{"CodeConfigurationValues":{"RuntimeEnvironmentSecrets":[{"K":"V"}]}}}}}})";
  DecodeOptions lenient;
  lenient.lenient = true;
  lenient.max_depth = 6;
  PauseServiceResponse r;
  EXPECT_TRUE(PauseServiceResponseDecoder(lenient).Decode(empty_at_6, &r).ok());
  DecodeOptions strict;
  strict.max_depth = 6;
  EXPECT_EQ(PauseServiceResponseDecoder(strict).Decode(empty_at_6, &r).code, CodecError::kNotWireFormat);
  lenient.max_depth = 5;
  DecodeStatus s = PauseServiceResponseDecoder(lenient).Decode(empty_at_6, &r);
  EXPECT_EQ(s.code, CodecError::kDepthLimit);
  EXPECT_EQ(s.offset, 106u);  // the '['
  lenient.max_depth = 7;
  s = PauseServiceResponseDecoder(lenient).Decode(item_at_8, &r);
  EXPECT_EQ(s.code, CodecError::kDepthLimit);
  EXPECT_EQ(s.offset, 130u);  // the first item, at depth 8
  lenient.max_depth = 8;
  EXPECT_TRUE(PauseServiceResponseDecoder(lenient).Decode(item_at_8, &r).ok());
}

TEST(Timestamps, OutsideYears1To9999AreOutOfRange) {
  DecodeOptions lenient_options;
  lenient_options.lenient = true;
  PauseServiceResponseDecoder decoder(lenient_options);
  for (const char* json : {"253402300800", "-62135596800.000000001", "1e12", "9007199254740.991", "1e300",
                           "-1e300", "\"0000-12-31T23:59:59Z\"", "\"9999-12-31T23:59:59-01:00\""}) {
    PauseServiceResponse r;
    std::string body = std::string(R"({"Service":{"CreatedAt":)") + json + "}}";
    DecodeStatus s = decoder.Decode(body, &r);
    EXPECT_EQ(CodecErrorName(s.code), "NumberOutOfRange") << json;
    EXPECT_EQ(s.offset, 24u) << json;
  }
}

// ---- randomized round trip over every generated struct --------------------------

class RandomFiller {
 public:
  explicit RandomFiller(uint32_t seed) : rng_(seed) {}

  void Fill(const StructDesc& desc, void* object, int depth) {
    for (const FieldDesc& f : desc) {
      if (!Coin(f.required ? 0.9 : 0.6)) continue;
      void* v = f.emplace(object);
      switch (f.kind) {
        case FieldKind::kString: *static_cast<std::string_view*>(v) = String(); break;
        case FieldKind::kEnum: {
          const ShapeDesc& s = *f.shape;
          auto* e = static_cast<EnumValue*>(v);
          if (Coin(0.8)) {
            e->index = static_cast<int32_t>(rng_() % s.num_enum_values);
            e->wire = s.enum_values[e->index];
          } else {
            e->wire = Keep("FUTURE_VALUE_" + std::to_string(rng_() % 100));
            e->index = kUnknownEnumIndex;
          }
          break;
        }
        case FieldKind::kInteger: *static_cast<int32_t*>(v) = static_cast<int32_t>(rng_()); break;
        case FieldKind::kBoolean: *static_cast<bool*>(v) = Coin(0.5); break;
        case FieldKind::kTimestamp: {
          // Mostly around now; sometimes anywhere in the decodable range, ends included;
          // any number of fraction digits, 0 to 9.
          int64_t seconds = static_cast<int64_t>(rng_() % 4102444800ULL) - (Coin(0.1) ? 100000 : 0);
          if (Coin(0.15)) {
            uint64_t span = static_cast<uint64_t>(Timestamp::kMaxSeconds - Timestamp::kMinSeconds);
            seconds = Timestamp::kMinSeconds +
                      static_cast<int64_t>(std::uniform_int_distribution<uint64_t>(0, span)(rng_));
          }
          if (Coin(0.02)) seconds = Coin(0.5) ? Timestamp::kMinSeconds : Timestamp::kMaxSeconds;
          int32_t nanos = static_cast<int32_t>(rng_() % Timestamp::kNanosPerSecond);
          static constexpr int32_t kUnit[] = {1000000000, 100000000, 10000000, 1000000, 100000,
                                              10000,      1000,      100,      10,      1};
          nanos -= nanos % kUnit[rng_() % 10];
          *static_cast<Timestamp*>(v) = Timestamp{seconds, nanos};
          break;
        }
        case FieldKind::kStructure: Fill(*f.sub, v, depth + 1); break;
        case FieldKind::kMap: {
          maps_.emplace_back();
          auto& entries = maps_.back();
          size_t n = rng_() % 6;
          for (size_t i = 0; i < n; ++i) entries.push_back({Keep("k" + std::to_string(i) + Raw()), String()});
          auto* m = static_cast<StringMap*>(v);
          m->entries = entries.data();
          m->size = static_cast<uint32_t>(entries.size());
          break;
        }
      }
    }
  }

 private:
  bool Coin(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  std::string_view Keep(std::string s) {
    strings_.push_back(std::move(s));
    return strings_.back();
  }
  std::string Raw() {
    static const char* pieces[] = {
        "a",    "Z",  "0",    " ",    "\"",       "\\",           "/",
        "\n",   "\t", "\x01", "\x1f", "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80",
        "\x7f", "{",  "]",    ":",    ","};
    std::string s;
    size_t n = rng_() % 12;
    for (size_t i = 0; i < n; ++i) s += pieces[rng_() % (sizeof pieces / sizeof pieces[0])];
    return s;
  }
  std::string_view String() { return Keep(Raw()); }

  std::mt19937 rng_;
  std::deque<std::string> strings_;
  std::deque<std::vector<StringMapEntry>> maps_;
};

template <typename T>
void RoundTrip(uint32_t seed) {
  RandomFiller filler(seed);
  T original;
  filler.Fill(ModelTraits<T>::desc(), &original, 0);
  std::string first;
  EncodeJson(original, &first);
  Decoder<T> decoder;
  T decoded;
  DecodeStatus s = decoder.Decode(first, &decoded);
  ASSERT_TRUE(s.ok()) << CodecErrorName(s.code) << " at " << s.offset << " in " << first;
  EXPECT_TRUE(decoded == original) << "seed " << seed << ": " << first;
  std::string second;
  EncodeJson(decoded, &second);
  EXPECT_EQ(first, second) << "seed " << seed;
}

TEST(RoundTrip, EveryGeneratedStructSurvivesEncodeDecode) {
  // All 23 structures of the model, each as the root of a document.
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    RoundTrip<PauseServiceRequest>(seed);
    RoundTrip<PauseServiceResponse>(seed);
    RoundTrip<Service>(seed);
    RoundTrip<SourceConfiguration>(seed);
    RoundTrip<CodeRepository>(seed);
    RoundTrip<SourceCodeVersion>(seed);
    RoundTrip<CodeConfiguration>(seed);
    RoundTrip<CodeConfigurationValues>(seed);
    RoundTrip<ImageRepository>(seed);
    RoundTrip<ImageConfiguration>(seed);
    RoundTrip<AuthenticationConfiguration>(seed);
    RoundTrip<InstanceConfiguration>(seed);
    RoundTrip<HealthCheckConfiguration>(seed);
    RoundTrip<AutoScalingConfigurationSummary>(seed);
    RoundTrip<NetworkConfiguration>(seed);
    RoundTrip<EgressConfiguration>(seed);
    RoundTrip<IngressConfiguration>(seed);
    RoundTrip<EncryptionConfiguration>(seed);
    RoundTrip<ServiceObservabilityConfiguration>(seed);
    RoundTrip<InvalidRequestException>(seed);
    RoundTrip<InvalidStateException>(seed);
    RoundTrip<ResourceNotFoundException>(seed);
    RoundTrip<InternalServiceErrorException>(seed);
    if (HasFailure()) return;
  }
}

TEST(RoundTrip, CanonicalFormIsAFixedPoint) {
  std::string body = ReadFile("examples/pause-service-response.json");
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  ASSERT_TRUE(decoder.Decode(body, &r).ok());
  std::string canonical;
  EncodeJson(r, &canonical);
  EXPECT_EQ(canonical.find('\n'), std::string::npos);
  EXPECT_NE(canonical.find(R"("DeletedAt":1606245900,)"), std::string::npos);
  EXPECT_NE(canonical.find(R"("UpdatedAt":1606135297.123,)"), std::string::npos);
  PauseServiceResponse again;
  PauseServiceResponseDecoder decoder2;
  ASSERT_TRUE(decoder2.Decode(canonical, &again).ok());
  EXPECT_TRUE(again == r);
  std::string twice;
  EncodeJson(again, &twice);
  EXPECT_EQ(twice, canonical);
}

}  // namespace
}  // namespace apprunner::pause_service
