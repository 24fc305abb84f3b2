// The generated tables: every pattern compiles with RE2, rewrites are where the
// generator says, the model defect policy holds, and the layout matches the model.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <set>
#include <string>

#include "api/pause_service.h"
#include "codec/member_hash.h"
#include "codec/table.h"

namespace apprunner::pause_service {
namespace {

TEST(Patterns, EveryRe2FormCompiles) {
  ASSERT_GT(kNumPatterns, 0);
  for (int32_t i = 0; i < kNumPatterns; ++i) {
    RE2 fast(re2::StringPiece(kPatterns[i].re2_fast.data(), kPatterns[i].re2_fast.size()), RE2::Quiet);
    RE2 exact(re2::StringPiece(kPatterns[i].re2_exact.data(), kPatterns[i].re2_exact.size()), RE2::Quiet);
    EXPECT_TRUE(fast.ok()) << kPatterns[i].model << ": " << fast.error();
    EXPECT_TRUE(exact.ok()) << kPatterns[i].model << ": " << exact.error();
  }
}

TEST(Patterns, TheArnPatternIsRewrittenBecauseRe2RejectsIt) {
  const PatternDesc& arn = *kShapes[kShapeAppRunnerResourceArn].pattern;
  RE2 original(re2::StringPiece(arn.model.data(), arn.model.size()), RE2::Quiet);
  EXPECT_FALSE(original.ok());
  EXPECT_EQ(original.error_code(), RE2::ErrorRepeatSize);
  EXPECT_EQ(arn.fast_max_code_points, 1011);
  EXPECT_NE(arn.re2_fast, arn.model);
  EXPECT_EQ(arn.re2_fast, R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-)+)");
}

TEST(Patterns, UnrewrittenPatternsAreTheModelText) {
  // Only the ARN (repeat count) and the patterns with an unescaped '.' differ.
  for (int32_t i = 0; i < kNumPatterns; ++i) {
    const PatternDesc& p = kPatterns[i];
    bool has_dot = false;
    for (size_t k = 0; k < p.model.size(); ++k) {
      if (p.model[k] == '\\') {
        ++k;
        continue;
      }
      if (p.model[k] == '.') has_dot = true;
    }
    if (p.fast_max_code_points < 0 && !has_dot) {
      EXPECT_EQ(p.re2_fast, p.model);
      EXPECT_EQ(p.re2_exact, p.model);
    }
  }
}

TEST(ModelDefects, ServiceIdKeepsOnlyItsLength) {
  ASSERT_EQ(kNumModelDefects, 1);
  EXPECT_EQ(kModelDefects[0].shape, "ServiceId");
  const ShapeDesc& id = kShapes[kShapeServiceId];
  EXPECT_EQ(id.pattern, nullptr);
  EXPECT_EQ(id.min, 32);
  EXPECT_EQ(id.max, 32);
  // UUID, the same pattern with a satisfiable length, keeps it.
  EXPECT_NE(kShapes[kShapeUUID].pattern, nullptr);
}

TEST(Layout, OperationMetadata) {
  EXPECT_EQ(kAmzTarget, "AppRunner.PauseService");
  EXPECT_EQ(kPauseServiceOperation.target, "AppRunner.PauseService");
  EXPECT_EQ(kContentType, "application/x-amz-json-1.0");
  EXPECT_EQ(kPauseServiceOperation.input, &kPauseServiceRequestDesc);
  EXPECT_EQ(kPauseServiceOperation.output, &kPauseServiceResponseDesc);
  ASSERT_EQ(kPauseServiceOperation.num_errors, 4);
  int server = 0;
  for (uint16_t i = 0; i < kPauseServiceOperation.num_errors; ++i) {
    const ErrorDesc& e = *kPauseServiceOperation.errors[i];
    if (e.server_fault) {
      ++server;
      EXPECT_EQ(e.name, "InternalServiceErrorException");
      EXPECT_EQ(e.http_status, 500);
    } else {
      EXPECT_EQ(e.http_status, 400) << e.name;
    }
  }
  EXPECT_EQ(server, 1);
}

// The service's error shapes, with the model's @httpError statuses (402 for the quota
// error the six Create* operations model).
TEST(Layout, ServiceErrors) {
  ASSERT_EQ(kNumErrors, 5);
  EXPECT_EQ(kErrors[kErrorServiceQuotaExceededException].http_status, 402);
  EXPECT_FALSE(kErrors[kErrorServiceQuotaExceededException].server_fault);
  EXPECT_EQ(kErrors[kErrorInternalServiceErrorException].http_status, 500);
  EXPECT_EQ(kErrors[kErrorResourceNotFoundException].http_status, 400);
  int with_quota = 0;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    bool quota = false;
    for (uint16_t k = 0; k < op.num_errors; ++k) {
      quota |= op.errors[k] == &kErrors[kErrorServiceQuotaExceededException];
    }
    EXPECT_EQ(quota, op.name.substr(0, 6) == "Create") << op.name;
    with_quota += quota;
  }
  EXPECT_EQ(with_quota, 6);
}

TEST(Layout, RequestTable) {
  const StructDesc& d = kPauseServiceRequestDesc;
  ASSERT_EQ(d.num_fields, 1);
  EXPECT_EQ(d.field_table[0].wire_name, "ServiceArn");
  EXPECT_EQ(d.field_table[0].path_name, "serviceArn");
  EXPECT_TRUE(d.field_table[0].required);
  EXPECT_EQ(d.field_table[0].kind, FieldKind::kString);
  PauseServiceRequest req;
  EXPECT_EQ(d.field_table[0].get(&req), nullptr);
  *static_cast<std::string_view*>(d.field_table[0].emplace(&req)) = "x";
  EXPECT_EQ(*req.service_arn, "x");
}

TEST(Layout, ServiceHasTheModelsFifteenMembersInOrder) {
  const StructDesc& d = kServiceDesc;
  ASSERT_EQ(d.num_fields, 15);
  EXPECT_EQ(d.field_table[0].wire_name, "ServiceName");
  EXPECT_EQ(d.field_table[14].wire_name, "ObservabilityConfiguration");
  for (const FieldDesc& f : d) EXPECT_LT(&f - d.field_table, 64) << "duplicate bitmask holds 64";
}

// Every structure reachable from the operation's shapes has a perfect lookup table:
// each wire name hashes to the slot that holds it, and no other slot is used.
void ExpectPerfectLookup(const StructDesc& d, std::set<const StructDesc*>* seen) {
  if (!seen->insert(&d).second) return;
  ASSERT_NE(d.member_slots, nullptr) << d.name;
  ASSERT_GE(d.member_bits, 1) << d.name;
  ASSERT_LE(d.member_bits, 8) << d.name;
  size_t used = 0;
  for (size_t k = 0; k < (size_t{1} << d.member_bits); ++k) used += d.member_slots[k] != 0;
  EXPECT_EQ(used, d.num_fields) << d.name;
  for (uint16_t i = 0; i < d.num_fields; ++i) {
    const FieldDesc& f = d.field_table[i];
    EXPECT_EQ(d.member_slots[codec::MemberHash(f.wire_name, d.member_seed, d.member_bits)], i + 1)
        << d.name << "." << f.wire_name;
    if (f.sub != nullptr) ExpectPerfectLookup(*f.sub, seen);
  }
}

TEST(Layout, EveryStructureHasAPerfectMemberLookup) {
  std::set<const StructDesc*> seen;
  ExpectPerfectLookup(kPauseServiceRequestDesc, &seen);
  ExpectPerfectLookup(kPauseServiceResponseDesc, &seen);
  for (int32_t i = 0; i < kNumErrors; ++i) ExpectPerfectLookup(*kErrors[i].desc, &seen);
  EXPECT_GE(seen.size(), 23u);
}

}  // namespace
}  // namespace apprunner::pause_service
