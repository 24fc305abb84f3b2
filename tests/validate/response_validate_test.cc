// Response validation: every kind of constraint on nested members, with exact AWS-style
// messages and paths; sensitive values never echoed; the ServiceId defect policy.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

using testutil::ReadFile;

class ResponseValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    body_ = ReadFile("examples/pause-service-response.json");
    ASSERT_TRUE(decoder_.Decode(body_, &r_).ok());
  }
  std::string Message() {
    ValidationReport report;
    if (DefaultValidator().Validate(r_, &report)) return "";
    return ValidationMessage(report);
  }
  Service& svc() { return *r_.service; }

  std::string body_;
  PauseServiceResponseDecoder decoder_;
  PauseServiceResponse r_;
};

TEST_F(ResponseValidation, FullExampleIsValid) { EXPECT_EQ(Message(), ""); }

TEST_F(ResponseValidation, ServiceIdKeepsLengthNotPattern) {
  // Real IDs are 32 hex digits: they pass (the UUID pattern is not enforced).
  EXPECT_EQ(*svc().service_id, "8fe1e10304f84fd2b0df550fe98a71fa");
  EXPECT_EQ(Message(), "");
  svc().service_id = "17fe9f55-7e91-4097-b243-fcabbb69a4cf";  // a UUID: 36 long
  EXPECT_EQ(Message(),
            "1 validation error detected: Value '17fe9f55-7e91-4097-b243-fcabbb69a4cf' at "
            "'service.serviceId' failed to satisfy constraint: Member must have length less "
            "than or equal to 32");
}

TEST_F(ResponseValidation, MissingNestedRequiredMembers) {
  svc().source_configuration->code_repository->source_code_version.reset();
  svc().auto_scaling_configuration_summary.reset();
  EXPECT_EQ(Message(),
            "2 validation errors detected: Value null at "
            "'service.sourceConfiguration.codeRepository.sourceCodeVersion' failed to satisfy "
            "constraint: Member must not be null; Value null at "
            "'service.autoScalingConfigurationSummary' failed to satisfy constraint: Member "
            "must not be null");
}

TEST_F(ResponseValidation, IntegerRange) {
  svc().health_check_configuration->interval = 21;
  svc().health_check_configuration->timeout = 0;
  EXPECT_EQ(Message(),
            "2 validation errors detected: Value '21' at 'service.healthCheckConfiguration.interval' "
            "failed to satisfy constraint: Member must have value less than or equal to 20; "
            "Value '0' at 'service.healthCheckConfiguration.timeout' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");
}

TEST_F(ResponseValidation, UnconstrainedIntegerAcceptsAnyValue) {
  svc().auto_scaling_configuration_summary->auto_scaling_configuration_revision = -2147483647 - 1;
  EXPECT_EQ(Message(), "");
}

TEST_F(ResponseValidation, EnumValueSet) {
  EnumValue v;
  v.wire = "HIBERNATING";
  svc().status.emplace(v);
  EXPECT_EQ(Message(),
            "1 validation error detected: Value 'HIBERNATING' at 'service.status' failed to "
            "satisfy constraint: Member must satisfy enum value set: [CREATE_FAILED, RUNNING, "
            "DELETED, DELETE_FAILED, PAUSED, OPERATION_IN_PROGRESS]");
}

TEST_F(ResponseValidation, OperationIdIsAVersion1To5Uuid) {
  r_.operation_id = "017f22e2-79b0-7cc3-98c4-dc0c0c07398f";  // version 7
  std::string m = Message();
  EXPECT_NE(m.find("at 'operationId' failed to satisfy constraint: Member must satisfy regular "
                   "expression pattern: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-"
                   "[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"),
            std::string::npos)
      << m;
  r_.operation_id = "17FE9F55-7E91-4097-B243-FCABBB69A4CF";  // upper case is fine
  EXPECT_EQ(Message(), "");
  r_.operation_id = "17fe9f55-7e91-4097-c243-fcabbb69a4cf";  // variant c
  EXPECT_NE(Message(), "");
}

TEST_F(ResponseValidation, CpuAndMemoryAreWholeValueMatches) {
  svc().instance_configuration->cpu = "2560";     // "256" + "0": only a search matches
  svc().instance_configuration->memory = "x512";  // a search finds "512"
  std::string m = Message();
  EXPECT_NE(m.find("Value '2560' at 'service.instanceConfiguration.cpu'"), std::string::npos) << m;
  EXPECT_NE(m.find("Value 'x512' at 'service.instanceConfiguration.memory'"), std::string::npos) << m;
  ValidateOptions search;
  search.pattern_semantics = PatternSemantics::kSearch;
  ValidationReport report;
  EXPECT_TRUE(Validator(kModel, search).Validate(r_, &report)) << ValidationMessage(report);
}

TEST_F(ResponseValidation, UnescapedDotMatchesAnyCharacterButLineBreaks) {
  svc().instance_configuration->cpu = "0x25 vCPU";  // '.' in (0.25|...) matches 'x'
  EXPECT_EQ(Message(), "");
  svc().instance_configuration->cpu = "0\n25 vCPU";
  EXPECT_NE(Message(), "");
}

TEST_F(ResponseValidation, StringMemberLengthIsCodePoints) {
  svc().service_url = std::string_view();
  EXPECT_EQ(Message(), "");    // String: length 0..51200, pattern .*
  svc().service_url = "a\rb";  // ECMA-262 '.' excludes \r
  EXPECT_NE(Message().find("at 'service.serviceUrl' failed to satisfy constraint: Member must "
                           "satisfy regular expression pattern: .*"),
            std::string::npos);
}

TEST_F(ResponseValidation, SensitiveValuesAreNeverEchoed) {
  auto& values = *svc().source_configuration->code_repository->code_configuration->code_configuration_values;
  values.build_command = "rm -rf /\nSECRET_TOKEN";
  EXPECT_EQ(Message(),
            "1 validation error detected: Value at "
            "'service.sourceConfiguration.codeRepository.codeConfiguration.codeConfigurationValues."
            "buildCommand' failed to satisfy constraint: Member must satisfy regular expression "
            "pattern: [^\\x0a\\x0d]+");
}

TEST_F(ResponseValidation, MapKeyAndValueConstraintsWithoutEchoingThem) {
  static const StringMapEntry entries[] = {{"", "v"}, {"SECRET_NAME", ""}};
  auto& image = *svc().source_configuration->image_repository->image_configuration;
  image.runtime_environment_secrets = StringMap{entries, 2};
  std::string m = Message();
  EXPECT_EQ(m,
            "2 validation errors detected: Value at "
            "'service.sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentSecrets' "
            "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have "
            "length greater than or equal to 1]; Value at "
            "'service.sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentSecrets' "
            "failed to satisfy constraint: Map value must satisfy constraint: [Member must have "
            "length greater than or equal to 1]");
  EXPECT_EQ(m.find("SECRET_NAME"), std::string::npos);
}

TEST_F(ResponseValidation, ArnsAndKmsKey) {
  svc().encryption_configuration->kms_key = "";
  svc().instance_configuration->instance_role_arn = "arn:aws:iam::123456789012:role/a b";
  std::string m = Message();
  EXPECT_NE(m.find("Value '' at 'service.encryptionConfiguration.kmsKey' failed to satisfy "
                   "constraint: Member must satisfy regular expression pattern: arn:aws"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("at 'service.instanceConfiguration.instanceRoleArn'"), std::string::npos) << m;
  EXPECT_NE(m.find("2 validation errors detected"), std::string::npos) << m;
}

TEST_F(ResponseValidation, ImageIdentifierPattern) {
  auto& image = *svc().source_configuration->image_repository;
  image.image_identifier = "public.ecr.aws/aws-containers/hello-app-runner:latest";
  EXPECT_EQ(Message(), "");
  image.image_identifier = "123456789012.dkr.ecr.us-east-1.amazonaws.com/MyRepo";
  EXPECT_NE(Message(), "");
}

TEST_F(ResponseValidation, CollectsEveryViolationInModelOrder) {
  svc().service_name = "x";
  svc().service_arn = "bad";
  svc().health_check_configuration->unhealthy_threshold = 99;
  ValidationReport report;
  ASSERT_FALSE(DefaultValidator().Validate(r_, &report));
  ASSERT_EQ(report.total(), 4u);  // name: length + pattern; arn: pattern; threshold
  EXPECT_EQ(report[0].path(), "service.serviceName");
  EXPECT_EQ(report[1].path(), "service.serviceName");
  EXPECT_EQ(report[2].path(), "service.serviceArn");
  EXPECT_EQ(report[3].path(), "service.healthCheckConfiguration.unhealthyThreshold");
}

}  // namespace
}  // namespace apprunner::pause_service
