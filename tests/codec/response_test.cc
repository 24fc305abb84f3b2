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
#include <vector>

#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/member_hash.h"
#include "tests/testutil/files.h"

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
  EXPECT_EQ(svc.created_at->epoch_millis, 1605899125000);
  EXPECT_EQ(svc.updated_at->epoch_millis, 1606135297123);
  EXPECT_EQ(svc.deleted_at->epoch_millis, 1606245900000);  // written 1.6062459e9
  EXPECT_EQ(svc.status->value(), ServiceStatus::kOperationInProgress);
  const auto& code = *svc.source_configuration->code_repository;
  EXPECT_EQ(code.source_code_version->type->value(), SourceCodeVersionType::kBranch);
  EXPECT_EQ(code.code_configuration->configuration_source->value(), ConfigurationSource::kApi);
  const auto& values = *code.code_configuration->code_configuration_values;
  EXPECT_EQ(values.runtime->value(), Runtime::kPython3);
  ASSERT_EQ(values.runtime_environment_variables->size, 2u);
  EXPECT_EQ(values.runtime_environment_variables->entries[0].key, "NAME");
  EXPECT_EQ(values.runtime_environment_variables->entries[0].value, "Jane");
  EXPECT_EQ(values.runtime_environment_variables->entries[1].value, "Gr\xc3\xbc\xc3\x9f Gott \"\xe2\x98\x83\"");
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
  EXPECT_EQ(ascs.created_at->epoch_millis, 1605899000500);
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
  const uint32_t slot = MemberHash(target, d.member_seed, d.member_bits);
  std::vector<std::string> colliding;
  // Other names of ServiceArn's length whose first, middle and last bytes vary.
  for (char a = 'a'; a <= 'z' && colliding.size() < 3; ++a) {
    for (char b = 'a'; b <= 'z' && colliding.size() < 3; ++b) {
      for (char c = 'a'; c <= 'z' && colliding.size() < 3; ++c) {
        std::string name(target);
        name[0] = a;
        name[5] = b;
        name[9] = c;
        if (MemberHash(name, d.member_seed, d.member_bits) == slot) colliding.push_back(name);
      }
    }
  }
  colliding.push_back("SXrviceArn");  // same length and first, middle and last bytes: same slot
  EXPECT_EQ(MemberHash(colliding.back(), d.member_seed, d.member_bits), slot);
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
      {"int as string", R"({"Service":{"HealthCheckConfiguration":{"Interval":"5"}}})", CodecError::kWrongType, 51},
      {"fractional int", R"({"Service":{"HealthCheckConfiguration":{"Interval":5.5}}})", CodecError::kWrongType, 51},
      {"int over 32 bits", R"({"Service":{"HealthCheckConfiguration":{"Interval":2147483648}}})", CodecError::kNumberOutOfRange, 51},
      {"int under 32 bits", R"({"Service":{"HealthCheckConfiguration":{"Interval":-2147483649}}})", CodecError::kNumberOutOfRange, 51},
      {"bool as string", R"({"Service":{"IngressConfiguration":1,"SourceConfiguration":{"AutoDeploymentsEnabled":"true"}}})", CodecError::kWrongType, 85},
      {"timestamp as bool", R"({"Service":{"CreatedAt":true}})", CodecError::kWrongType, 24},
      {"timestamp too big", R"({"Service":{"CreatedAt":1e300}})", CodecError::kNumberOutOfRange, 24},
      {"struct as array", R"({"Service":[]})", CodecError::kWrongType, 11},
      {"map value number", R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":1}}}}}})", CodecError::kWrongType, 111},
      {"map value null", R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":null}}}}}})", CodecError::kWrongType, 111},
      {"map duplicate key", R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"1","A":"2"}}}}}})", CodecError::kDuplicateMember, 106},
      {"map duplicate escaped key", R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{"A":"1","\u0041":"2"}}}}}})", CodecError::kDuplicateMember, 106},
      {"nested duplicate", R"({"Service":{"ServiceName":"a","ServiceName":"b"}})", CodecError::kDuplicateMember, 30},
      {"nested malformed unknown", R"({"Service":{"Extra":{"a":[1 2]}}})", CodecError::kMalformedJson, 28},
      {"bad ISO timestamp", R"({"Service":{"CreatedAt":"yesterday"}})", CodecError::kInvalidTimestamp, 24},
      {"map list item with two pairs", R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":[{"A":"1","B":"2"}]}}}}})", CodecError::kWrongType, 107},
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

TEST(PauseServiceResponseDecoder, ManyMapEntriesWithDuplicateFoundByHash) {
  std::string body = R"({"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":{"RuntimeEnvironmentVariables":{)";
  for (int i = 0; i < 1000; ++i) body += (i ? "," : "") + std::string("\"K") + std::to_string(i) + "\":\"v\"";
  std::string unique = body + "}}}}}}";
  std::string dup = body + ",\"K500\":\"w\"}}}}}}";
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse r;
  ASSERT_TRUE(decoder.Decode(unique, &r).ok());
  EXPECT_EQ(r.service->source_configuration->image_repository->image_configuration
                ->runtime_environment_variables->size, 1000u);
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
  EXPECT_EQ(r.service->created_at->epoch_millis, 1605899125000);  // 2020-11-20T19:05:25Z
  EXPECT_EQ(r.service->updated_at->epoch_millis, 1606135297000);  // 2020-11-23T12:41:37Z
  EXPECT_EQ(*r.service->instance_configuration->cpu, "1 vCPU");
  const auto& vars = *r.service->source_configuration->code_repository->code_configuration
                          ->code_configuration_values->runtime_environment_variables;
  ASSERT_EQ(vars.size, 1u);
  EXPECT_EQ(vars.entries[0].key, "NAME");
  EXPECT_EQ(vars.entries[0].value, "Jane");
  // "Api" is not in the enum: kept verbatim, flagged, not a decode error.
  EXPECT_FALSE(r.service->source_configuration->code_repository->code_configuration
                   ->configuration_source->known());
}

TEST(ParseIso8601, AcceptsRfc3339) {
  int64_t ms;
  ASSERT_TRUE(ParseIso8601("2020-11-20T19:05:25Z", &ms));
  EXPECT_EQ(ms, 1605899125000);
  ASSERT_TRUE(ParseIso8601("2020-11-20T19:05:25.5Z", &ms));
  EXPECT_EQ(ms, 1605899125500);
  ASSERT_TRUE(ParseIso8601("2020-11-20T20:05:25.123+01:00", &ms));
  EXPECT_EQ(ms, 1605899125123);
  ASSERT_TRUE(ParseIso8601("1970-01-01T00:00:00Z", &ms));
  EXPECT_EQ(ms, 0);
  ASSERT_TRUE(ParseIso8601("2000-02-29T00:00:00Z", &ms));
  EXPECT_EQ(ms, 951782400000);
  // Fractions round to the millisecond exactly (decimal digits, halves up).
  ASSERT_TRUE(ParseIso8601("2020-11-20T19:05:25.1235Z", &ms));
  EXPECT_EQ(ms, 1605899125124);
  ASSERT_TRUE(ParseIso8601("2020-11-20T19:05:25.12349999Z", &ms));
  EXPECT_EQ(ms, 1605899125123);
  ASSERT_TRUE(ParseIso8601("2020-11-20T19:05:59.9996Z", &ms));
  EXPECT_EQ(ms, 1605899160000);
  EXPECT_FALSE(ParseIso8601("2021-02-29T00:00:00Z", &ms));
  EXPECT_FALSE(ParseIso8601("2020-11-20T19:05:25", &ms));  // no zone
  EXPECT_FALSE(ParseIso8601("2020-13-20T19:05:25Z", &ms));
  EXPECT_FALSE(ParseIso8601("2020-11-20T19:05:25Zjunk", &ms));
  EXPECT_FALSE(ParseIso8601("", &ms));
}

TEST(Timestamps, RoundToTheNearestMillisecond) {
  struct {
    const char* json;
    int64_t millis;
  } rows[] = {
      {"1515531081.123", 1515531081123}, {"1.784316439424E9", 1784316439424},
      {"1515531081.1234", 1515531081123}, {"1515531081.1235", 1515531081124},
      {"0.0015", 2},                      {"-1.5", -1500},
      {"1398796238", 1398796238000},      {"-0", 0},
      {"1.6062459e9", 1606245900000},
      // The JavaScript SDK's rule: the nearest integer to double(value) * 1000, halves
      // toward +infinity. A decimal tie lands on whichever side its double does.
      {"1.0005", 1001},                   {"-1.0005", -1000},
      {"-0.0005", 0},                     {"1096144879.5405", 1096144879540},
      {"1096144879.5415", 1096144879542}, {"2183675157.1105", 2183675157110},
      // The range ends: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z.
      {"-62135596800", -62135596800000},  {"253402300799.999", 253402300799999},
  };
  PauseServiceResponseDecoder decoder;
  for (const auto& row : rows) {
    PauseServiceResponse r;
    std::string body = std::string(R"({"Service":{"CreatedAt":)") + row.json + "}}";
    ASSERT_TRUE(decoder.Decode(body, &r).ok()) << row.json;
    EXPECT_EQ(r.service->created_at->epoch_millis, row.millis) << row.json;
  }
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
  for (const char* json : {"253402300800", "-62135596800.001", "1e12", "9007199254740.991",
                           "1e300", "-1e300", "\"0000-12-31T23:59:59Z\"",
                           "\"9999-12-31T23:59:59-01:00\""}) {
    PauseServiceResponse r;
    std::string body = std::string(R"({"Service":{"CreatedAt":)") + json + "}}";
    DecodeStatus s = decoder.Decode(body, &r);
    EXPECT_EQ(CodecErrorName(s.code), "NumberOutOfRange") << json;
    EXPECT_EQ(s.offset, 24u) << json;
  }
}

TEST(Timestamps, EncodeExactlyForEveryInt64) {
  std::string out;
  AppendEpochSeconds(Timestamp{INT64_MIN}, &out);
  EXPECT_EQ(out, "-9223372036854775.808");
  out.clear();
  AppendEpochSeconds(Timestamp{INT64_MAX}, &out);
  EXPECT_EQ(out, "9223372036854775.807");
  out.clear();
  AppendEpochSeconds(Timestamp{-1}, &out);
  EXPECT_EQ(out, "-0.001");
  out.clear();
  AppendEpochSeconds(Timestamp{-1500}, &out);
  EXPECT_EQ(out, "-1.5");
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
          const ShapeDesc& s = kShapes[f.shape];
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
          // Mostly around now; sometimes anywhere in the decodable range, ends included.
          int64_t ms = static_cast<int64_t>(rng_() % 4102444800000ULL) - (Coin(0.1) ? 100000000 : 0);
          if (Coin(0.15)) {
            uint64_t span = static_cast<uint64_t>(Timestamp::kMaxEpochMillis - Timestamp::kMinEpochMillis);
            ms = Timestamp::kMinEpochMillis + static_cast<int64_t>(std::uniform_int_distribution<uint64_t>(0, span)(rng_));
          }
          if (Coin(0.02)) ms = Coin(0.5) ? Timestamp::kMinEpochMillis : Timestamp::kMaxEpochMillis;
          static_cast<Timestamp*>(v)->epoch_millis = ms;
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
    static const char* pieces[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f",
                                   "\xc3\xa9", "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "\x7f", "{", "]", ":", ","};
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
