// RequestProcessor over the whole generated App Runner model: dispatch by X-Amz-Target
// (every operation, and near-miss targets that must not resolve), typed access and
// state between operations, lists (decode, 1-based validation paths, encode), the list
// arena and its limits, empty structures, request-side enums, booleans, integers and
// maps, deep required members, and zero allocation in steady state (a counting
// replacement of the global operator new). Messages are compared in full.
#include "api/processor.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "tests/testutil/counting_new.h"
#include "validate/validate.h"

namespace apprunner::model {
namespace {

using ::apprunner::codec::CodecError;
using ::apprunner::codec::DecodeOptions;
using ::apprunner::codec::Decoder;
using ::apprunner::codec::EncodeJson;
using ::apprunner::codec::FindOperation;
using ::apprunner::codec::FindOperationByName;
using ::apprunner::codec::kInvalidRequestException;
using ::apprunner::codec::kSerializationException;
using ::apprunner::codec::kUnknownEnumIndex;
using ::apprunner::codec::kUnknownOperationException;
using ::apprunner::codec::List;
using ::apprunner::codec::OperationDesc;
using ::apprunner::codec::Outcome;
using ::apprunner::codec::ProcessorOptions;
using ::apprunner::codec::RequestProcessor;
using ::apprunner::codec::StringMapEntry;
using ::apprunner::codec::ValidationMessage;
using ::apprunner::codec::ValidationReport;
using ::apprunner::codec::Validator;
using ::apprunner::testutil::Allocations;
using ::apprunner::testutil::AllocationsOf;

constexpr std::string_view kArn =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";
const std::string kArnJson = "\"" + std::string(kArn) + "\"";

std::string S(std::string_view v) { return std::string(v); }

// The operation whose target is exactly `target`, by a linear scan: the oracle for
// the perfect-hash lookup.
const OperationDesc* ScanTarget(std::string_view target) {
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    if (kModel.operations[i]->target == target) return kModel.operations[i];
  }
  return nullptr;
}
const OperationDesc* ScanName(std::string_view name) {
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    if (kModel.operations[i]->name == name) return kModel.operations[i];
  }
  return nullptr;
}

// {"Key":"<key>","Value":"<value>"}
std::string TagJson(std::string_view key, std::string_view value) {
  return "{\"Key\":\"" + S(key) + "\",\"Value\":\"" + S(value) + "\"}";
}

// A TagResource body with `n` tags key-<i> / value-<i>.
std::string TagResourceBody(int n) {
  std::string body = "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[";
  for (int i = 0; i < n; ++i) {
    if (i) body += ",";
    body += TagJson("key-" + std::to_string(i), "value-" + std::to_string(i));
  }
  return body + "]}";
}

std::string TagResourceBodyWith(const std::vector<std::string>& tags) {
  std::string body = "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[";
  for (size_t i = 0; i < tags.size(); ++i) body += (i ? "," : "") + tags[i];
  return body + "]}";
}

std::string UntagBody(const std::vector<std::string>& keys) {
  std::string body = "{\"ResourceArn\":" + kArnJson + ",\"TagKeys\":[";
  for (size_t i = 0; i < keys.size(); ++i) body += (i ? ",\"" : "\"") + keys[i] + "\"";
  return body + "]}";
}

// CreateService with an ImageConfiguration holding `image_config` members.
std::string ImageServiceBody(const std::string& image_config) {
  return R"({"ServiceName":"python-app","SourceConfiguration":{"ImageRepository":{)"
         R"("ImageIdentifier":"public.ecr.aws/aws-containers/hello-app-runner:latest",)"
         R"("ImageConfiguration":{)" +
         image_config + R"(},"ImageRepositoryType":"ECR_PUBLIC"}}})";
}

// ---------------------------------------------------------------------------------
// 1. Dispatch
// ---------------------------------------------------------------------------------

TEST(Dispatch, ModelHasEveryOperationOfTheJsonModelSortedByName) {
  ASSERT_EQ(kModel.num_operations, 37);
  EXPECT_EQ(kModel.target_prefix, "AppRunner");
  EXPECT_EQ(kModel.operations[0]->name, "AssociateCustomDomain");
  EXPECT_EQ(kModel.operations[36]->name, "UpdateVpcIngressConnection");
  for (uint16_t i = 1; i < kModel.num_operations; ++i) {
    EXPECT_LT(kModel.operations[i - 1]->name, kModel.operations[i]->name) << i;
  }
}

TEST(Dispatch, EveryOperationIsFoundByTargetAndByName) {
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc* op = kModel.operations[i];
    const std::string target = "AppRunner." + S(op->name);
    EXPECT_EQ(op->target, target);
    EXPECT_EQ(FindOperation(kModel, target), op) << target;
    EXPECT_EQ(FindOperationByName(kModel, op->name), op) << op->name;
    // From a buffer of its own (no pointer identity with the table's strings).
    std::vector<char> copy(target.begin(), target.end());
    EXPECT_EQ(FindOperation(kModel, std::string_view(copy.data(), copy.size())), op) << target;
  }
  EXPECT_EQ(FindOperation(kModel, kPauseServiceTarget), &kPauseServiceOperation);
  EXPECT_EQ(FindOperation(kModel, kTagResourceTarget), &kTagResourceOperation);
  EXPECT_EQ(FindOperation(kModel, kCreateServiceTarget), &kCreateServiceOperation);
  EXPECT_EQ(FindOperationByName(kModel, "DescribeCustomDomains"), &kDescribeCustomDomainsOperation);
  EXPECT_EQ(kTagResourceOperation.input, &kTagResourceRequestDesc);
  EXPECT_EQ(kTagResourceOperation.output, &kTagResourceResponseDesc);
}

TEST(Dispatch, NearMissTargetsDoNotResolve) {
  const std::string_view with_nul("AppRunner.PauseService\0", 23);
  ASSERT_EQ(with_nul.size(), 23u);
  const std::string_view nul_inside("AppRunner.Pause\0Service", 23);
  const std::vector<std::string_view> targets = {
      "",
      "AppRunner",
      "AppRunner.",
      ".",
      ".PauseService",
      "PauseService",
      "AppRunner.pauseService",
      "apprunner.PauseService",
      "APPRUNNER.PAUSESERVICE",
      "AppRunner.PauseService ",
      " AppRunner.PauseService",
      "AppRunner. PauseService",
      "AppRunner.PauseServiceX",
      "AppRunner.PauseServic",
      "XAppRunner.PauseService",
      "AppRunnerX.PauseService",
      "AppRunner..PauseService",
      "AppRunner:PauseService",
      "AppRunner/PauseService",
      "AppRunner.AppRunner.PauseService",
      "AppRunner_20200515.PauseService",
      "AppRunner.PauseServiceRequest",
      "AppRunner.CreateServiceRequest",
      with_nul,
      nul_inside,
  };
  for (std::string_view t : targets) {
    EXPECT_EQ(FindOperation(kModel, t), nullptr) << "target '" << t << "' size " << t.size();
  }
  for (std::string_view n :
       {std::string_view(""), std::string_view("pauseService"), std::string_view("PauseService "),
        std::string_view(".PauseService"), std::string_view("AppRunner.PauseService"),
        std::string_view("PauseService\0", 13)}) {
    EXPECT_EQ(FindOperationByName(kModel, n), nullptr) << "name '" << n << "'";
  }
}

// Every byte of every target (prefix, dot and name) replaced by each of the 255 other
// byte values: the lookup agrees with a linear scan (which finds nothing unless the
// changed target happens to be another operation's).
TEST(Dispatch, EveryOneByteChangeOfEveryTargetIsRejected) {
  size_t checked = 0, mismatches = 0;
  std::string first_mismatch;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const std::string target(kModel.operations[i]->target);
    for (size_t pos = 0; pos < target.size(); ++pos) {
      std::string changed = target;
      for (int c = 0; c < 256; ++c) {
        if (static_cast<char>(c) == target[pos]) continue;
        changed[pos] = static_cast<char>(c);
        const OperationDesc* expected = ScanTarget(changed);
        ++checked;
        if (FindOperation(kModel, changed) != expected) {
          if (mismatches++ == 0) first_mismatch = changed;
        }
        // The name part alone, through FindOperationByName.
        if (pos > kModel.target_prefix.size()) {
          std::string_view name = std::string_view(changed).substr(kModel.target_prefix.size() + 1);
          if (FindOperationByName(kModel, name) != ScanName(name)) {
            if (mismatches++ == 0) first_mismatch = changed;
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 37u * 20u * 255u);
  EXPECT_EQ(mismatches, 0u) << "first: '" << first_mismatch << "'";
}

// Every proper prefix of every target, and every target with one byte appended or one
// byte removed: again the lookup agrees with a linear scan ("ListServices" is a prefix
// of "ListServicesForAutoScalingConfiguration": the scan finds it, as must the hash).
TEST(Dispatch, TruncatedExtendedAndShortenedTargets) {
  size_t found = 0;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const std::string target(kModel.operations[i]->target);
    for (size_t len = 0; len < target.size(); ++len) {
      std::string_view prefix = std::string_view(target).substr(0, len);
      const OperationDesc* expected = ScanTarget(prefix);
      if (expected != nullptr) ++found;
      EXPECT_EQ(FindOperation(kModel, prefix), expected) << "'" << prefix << "'";
    }
    for (int c = 0; c < 256; ++c) {
      std::string longer = target + static_cast<char>(c);
      EXPECT_EQ(FindOperation(kModel, longer), ScanTarget(longer)) << "'" << longer << "'";
    }
    for (size_t pos = 0; pos < target.size(); ++pos) {
      std::string shorter = target;
      shorter.erase(pos, 1);
      EXPECT_EQ(FindOperation(kModel, shorter), ScanTarget(shorter)) << "'" << shorter << "'";
    }
  }
  EXPECT_EQ(found, 1u);  // AppRunner.ListServices, a prefix of ListServicesFor...
}

TEST(Dispatch, UnknownTargetIsUnknownOperationException) {
  RequestProcessor processor(kModel);
  for (std::string_view target :
       {std::string_view(""), std::string_view("AppRunner.pauseService"),
        std::string_view("AppRunner.PauseService\0", 23), std::string_view("AppRunner."),
        std::string_view("DynamoDB_20120810.GetItem")}) {
    EXPECT_EQ(processor.Process(target, "{\"ServiceArn\":" + kArnJson + "}"), Outcome::kUnknownOperation)
        << target;
    EXPECT_EQ(processor.http_status(), 400);
    EXPECT_EQ(processor.error_type(), "UnknownOperationException");
    EXPECT_EQ(processor.error_type(), kUnknownOperationException);
    EXPECT_EQ(processor.error_body(), R"({"__type":"UnknownOperationException"})");
    EXPECT_EQ(processor.message(), "operation not found: the target must be 'AppRunner.<Operation>'");
    EXPECT_EQ(processor.operation(), nullptr);
    EXPECT_EQ(processor.request<PauseServiceRequest>(), nullptr);
    EXPECT_EQ(processor.request_data(), nullptr);
    EXPECT_TRUE(processor.report().ok());
    EXPECT_EQ(std::string(processor.status().message()),
              "UnknownOperationException: operation not found: the target must be "
              "'AppRunner.<Operation>'");
  }
}

TEST(Dispatch, UnknownTargetAfterAValidRequestForgetsTheRequest) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.PauseService", "{\"ServiceArn\":" + kArnJson + "}"),
            Outcome::kValid);
  ASSERT_NE(processor.request<PauseServiceRequest>(), nullptr);
  EXPECT_EQ(processor.Process("AppRunner.PauseServices", "{\"ServiceArn\":" + kArnJson + "}"),
            Outcome::kUnknownOperation);
  EXPECT_EQ(processor.operation(), nullptr);
  EXPECT_EQ(processor.request<PauseServiceRequest>(), nullptr);
  EXPECT_EQ(processor.request_data(), nullptr);
  EXPECT_EQ(processor.http_status(), 400);
}

TEST(Dispatch, UnknownOperationStatusIsConfigurable) {
  ProcessorOptions options;
  options.unknown_operation_status = 404;
  RequestProcessor processor(kModel, options);
  EXPECT_EQ(processor.Process("AppRunner.NoSuchOperation", "{}"), Outcome::kUnknownOperation);
  EXPECT_EQ(processor.http_status(), 404);
  EXPECT_EQ(processor.error_type(), kUnknownOperationException);
  EXPECT_EQ(processor.error_body(), R"({"__type":"UnknownOperationException"})");
  // Only the unknown operation's status changes: a bad body is still a 400.
  EXPECT_EQ(processor.Process("AppRunner.PauseService", "{"), Outcome::kSerializationError);
  EXPECT_EQ(processor.http_status(), 400);
  EXPECT_EQ(processor.error_type(), kSerializationException);
  EXPECT_EQ(processor.Process("AppRunner.PauseService", "{}"), Outcome::kValidationError);
  EXPECT_EQ(processor.http_status(), 400);
}

// ---------------------------------------------------------------------------------
// 2. Typed access and state between operations
// ---------------------------------------------------------------------------------

TEST(TypedAccess, TagResourceThenPauseService) {
  RequestProcessor processor(kModel);
  std::string body = TagResourceBodyWith({TagJson("team", "web"), TagJson("env", "prod")});
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid) << processor.message();
  EXPECT_EQ(processor.operation(), &kTagResourceOperation);
  EXPECT_EQ(processor.http_status(), 200);
  EXPECT_EQ(processor.error_type(), std::string_view());
  EXPECT_TRUE(processor.status().ok());
  const TagResourceRequest* tag = processor.request<TagResourceRequest>();
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(static_cast<const void*>(tag), processor.request_data());
  EXPECT_EQ(processor.request<PauseServiceRequest>(), nullptr);
  EXPECT_EQ(processor.request<UntagResourceRequest>(), nullptr);
  EXPECT_EQ(processor.request<TagResourceResponse>(), nullptr);  // the output, not the input
  ASSERT_TRUE(tag->resource_arn.has_value());
  EXPECT_EQ(*tag->resource_arn, kArn);
  ASSERT_TRUE(tag->tags.has_value());
  ASSERT_EQ(tag->tags->size, 2u);
  EXPECT_EQ(*(*tag->tags)[0].key, "team");
  EXPECT_EQ(*(*tag->tags)[0].value, "web");
  EXPECT_EQ(*(*tag->tags)[1].key, "env");
  EXPECT_EQ(*(*tag->tags)[1].value, "prod");

  ASSERT_EQ(processor.Process("AppRunner.PauseService", "{\"ServiceArn\":" + kArnJson + "}"),
            Outcome::kValid);
  EXPECT_EQ(processor.operation(), &kPauseServiceOperation);
  EXPECT_EQ(processor.request<TagResourceRequest>(), nullptr);
  const PauseServiceRequest* pause = processor.request<PauseServiceRequest>();
  ASSERT_NE(pause, nullptr);
  EXPECT_EQ(*pause->service_arn, kArn);

  // The same operation through the OperationDesc overload.
  ASSERT_EQ(processor.Process(kUntagResourceOperation, UntagBody({"team"})), Outcome::kValid);
  ASSERT_NE(processor.request<UntagResourceRequest>(), nullptr);
  EXPECT_EQ(processor.request<PauseServiceRequest>(), nullptr);
}

TEST(TypedAccess, MembersOfTheLastRequestDoNotLeakIntoTheNext) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBody(3)), Outcome::kValid);
  ASSERT_EQ(processor.request<TagResourceRequest>()->tags->size, 3u);

  // The same operation without Tags: absent, and reported as such.
  EXPECT_EQ(processor.Process("AppRunner.TagResource", "{\"ResourceArn\":" + kArnJson + "}"),
            Outcome::kValidationError);
  const TagResourceRequest* tag = processor.request<TagResourceRequest>();
  ASSERT_NE(tag, nullptr);  // the decoded, invalid request
  EXPECT_EQ(*tag->resource_arn, kArn);
  EXPECT_FALSE(tag->tags.has_value());
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
            "Member must not be null");

  // A large request, then a small one of another operation sharing the storage, then
  // the large operation with almost nothing: nothing of the earlier ones remains.
  std::string create =
      R"({"ServiceName":"python-app","SourceConfiguration":{"ImageRepository":{)"
      R"("ImageIdentifier":"public.ecr.aws/aws-containers/hello-app-runner:latest",)"
      R"("ImageRepositoryType":"ECR_PUBLIC"},"AutoDeploymentsEnabled":true},)"
      R"("InstanceConfiguration":{"Cpu":"1 vCPU","Memory":"2 GB"},"Tags":[{"Key":"a","Value":"b"}]})";
  ASSERT_EQ(processor.Process("AppRunner.CreateService", create), Outcome::kValid) << processor.message();
  ASSERT_EQ(processor.Process("AppRunner.PauseService", "{\"ServiceArn\":" + kArnJson + "}"),
            Outcome::kValid);
  EXPECT_EQ(processor.Process("AppRunner.CreateService", R"({"ServiceName":"python-app"})"),
            Outcome::kValidationError);
  const CreateServiceRequest* cs = processor.request<CreateServiceRequest>();
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(*cs->service_name, "python-app");
  EXPECT_FALSE(cs->source_configuration.has_value());
  EXPECT_FALSE(cs->instance_configuration.has_value());
  EXPECT_FALSE(cs->tags.has_value());
  EXPECT_FALSE(cs->encryption_configuration.has_value());
  EXPECT_FALSE(cs->health_check_configuration.has_value());
  EXPECT_FALSE(cs->auto_scaling_configuration_arn.has_value());
  EXPECT_FALSE(cs->network_configuration.has_value());
  EXPECT_FALSE(cs->observability_configuration.has_value());
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'sourceConfiguration' failed to satisfy "
            "constraint: Member must not be null");
}

// processor.h: "Valid after a failed Process: the error code, HTTP status, message and
// the awsJson1_0 body. 200 and empty after a valid one."
TEST(TypedAccess, AValidRequestAfterAFailedOneHasNoErrorLeft) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.PauseService", "{}"), Outcome::kValidationError);
  EXPECT_EQ(processor.error_body(),
            R"({"__type":"InvalidRequestException","Message":"1 validation error detected: )"
            R"(Value null at 'serviceArn' failed to satisfy constraint: Member must not be null"})");
  ASSERT_EQ(processor.Process("AppRunner.PauseService", "{\"ServiceArn\":" + kArnJson + "}"),
            Outcome::kValid);
  EXPECT_EQ(processor.http_status(), 200);
  EXPECT_EQ(processor.error_type(), std::string_view());
  EXPECT_TRUE(processor.report().ok());
  EXPECT_TRUE(processor.status().ok());
  // No error text left over from the previous failure (a gateway that replies with
  // error_body() whenever it is non-empty must not send a stale error).
  EXPECT_EQ(processor.message(), std::string_view());
  EXPECT_EQ(processor.error_body(), std::string_view());
}

// ---------------------------------------------------------------------------------
// 3. Lists
// ---------------------------------------------------------------------------------

TEST(Lists, TagListsOfZeroOneAndThreeElements) {
  RequestProcessor processor(kModel);
  std::string out;

  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBodyWith({})), Outcome::kValid);
  const TagResourceRequest* r = processor.request<TagResourceRequest>();
  ASSERT_TRUE(r->tags.has_value());  // present and empty, not absent
  EXPECT_EQ(r->tags->size, 0u);
  EXPECT_TRUE(r->tags->empty());
  EncodeJson(*r, &out);
  EXPECT_EQ(out, "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[]}");

  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBodyWith({R"({"Value":"v","Key":"k"})"})),
            Outcome::kValid);
  r = processor.request<TagResourceRequest>();
  ASSERT_TRUE(r->tags.has_value());
  ASSERT_EQ(r->tags->size, 1u);
  EXPECT_EQ(*(*r->tags)[0].key, "k");
  EXPECT_EQ(*(*r->tags)[0].value, "v");
  out.clear();
  EncodeJson(*r, &out);
  EXPECT_EQ(out, "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}");

  // Three: one without Value, one with an escaped key, in document order.
  ASSERT_EQ(processor.Process("AppRunner.TagResource",
                              TagResourceBodyWith({TagJson("team", "web"), R"({"Key":"env"})",
                                                   R"({"Key":"caf\u00e9 \"q\"","Value":""})"})),
            Outcome::kValid)
      << processor.message();
  r = processor.request<TagResourceRequest>();
  ASSERT_EQ(r->tags->size, 3u);
  const List<Tag>& tags = *r->tags;
  EXPECT_EQ(*tags[0].key, "team");
  EXPECT_EQ(*tags[0].value, "web");
  EXPECT_EQ(*tags[1].key, "env");
  EXPECT_FALSE(tags[1].value.has_value());
  EXPECT_EQ(*tags[2].key, "caf\xc3\xa9 \"q\"");
  ASSERT_TRUE(tags[2].value.has_value());
  EXPECT_EQ(*tags[2].value, "");
  // Compared as a whole against a hand-built list.
  Tag expected[3];
  expected[0].key = "team";
  expected[0].value = "web";
  expected[1].key = "env";
  expected[2].key = "caf\xc3\xa9 \"q\"";
  expected[2].value = "";
  EXPECT_TRUE(tags == List<Tag>(expected, 3));
  expected[1].value = "";
  EXPECT_FALSE(tags == List<Tag>(expected, 3));  // absent differs from empty
  out.clear();
  EncodeJson(*r, &out);
  EXPECT_EQ(out,
            "{\"ResourceArn\":" + kArnJson +
                R"(,"Tags":[{"Key":"team","Value":"web"},{"Key":"env"},{"Key":"café \"q\"","Value":""}]})");
}

TEST(Lists, UntagResourceTagKeysAreAListOfStrings) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.UntagResource", UntagBody({"team", "env", "a b", "team"})),
            Outcome::kValid)
      << processor.message();
  const UntagResourceRequest* r = processor.request<UntagResourceRequest>();
  ASSERT_NE(r, nullptr);
  ASSERT_TRUE(r->tag_keys.has_value());
  ASSERT_EQ(r->tag_keys->size, 4u);
  std::vector<std::string_view> keys(r->tag_keys->begin(), r->tag_keys->end());
  EXPECT_EQ(keys, (std::vector<std::string_view>{"team", "env", "a b", "team"}));
  std::string out;
  EncodeJson(*r, &out);
  EXPECT_EQ(out, "{\"ResourceArn\":" + kArnJson + R"(,"TagKeys":["team","env","a b","team"]})");

  EXPECT_EQ(processor.Process("AppRunner.UntagResource", "{\"ResourceArn\":" + kArnJson + "}"),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(Lists, CreateVpcConnectorRequiredMembers) {
  RequestProcessor processor(kModel);
  // The model's required members: VpcConnectorName and Subnets, in that order.
  EXPECT_EQ(processor.Process("AppRunner.CreateVpcConnector", "{}"), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "2 validation errors detected: Value null at 'vpcConnectorName' failed to satisfy "
            "constraint: Member must not be null; Value null at 'subnets' failed to satisfy "
            "constraint: Member must not be null");
  ASSERT_EQ(processor.report().size(), 2u);
  EXPECT_EQ(processor.report()[0].path(), "vpcConnectorName");
  EXPECT_EQ(processor.report()[1].path(), "subnets");

  EXPECT_EQ(processor.Process("AppRunner.CreateVpcConnector",
                              R"({"VpcConnectorName":"my-connector","SecurityGroups":["sg-1"]})"),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'subnets' failed to satisfy constraint: "
            "Member must not be null");
  EXPECT_EQ(processor.error_body(),
            R"({"__type":"InvalidRequestException","Message":"1 validation error detected: )"
            R"(Value null at 'subnets' failed to satisfy constraint: Member must not be null"})");
  EXPECT_EQ(processor.error_type(), kInvalidRequestException);

  // null is absent too.
  EXPECT_EQ(processor.Process("AppRunner.CreateVpcConnector",
                              R"({"VpcConnectorName":"my-connector","Subnets":null})"),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'subnets' failed to satisfy constraint: "
            "Member must not be null");

  // An empty list is present (the model gives StringList no length).
  ASSERT_EQ(processor.Process("AppRunner.CreateVpcConnector",
                              R"({"VpcConnectorName":"my-connector","Subnets":[]})"),
            Outcome::kValid)
      << processor.message();

  ASSERT_EQ(processor.Process("AppRunner.CreateVpcConnector",
                              R"({"VpcConnectorName":"my-connector","Subnets":["subnet-1","subnet-2"],)"
                              R"("SecurityGroups":["sg-1"],"Tags":[{"Key":"k","Value":"v"}]})"),
            Outcome::kValid)
      << processor.message();
  const CreateVpcConnectorRequest* r = processor.request<CreateVpcConnectorRequest>();
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(*r->vpc_connector_name, "my-connector");
  ASSERT_EQ(r->subnets->size, 2u);
  EXPECT_EQ((*r->subnets)[0], "subnet-1");
  EXPECT_EQ((*r->subnets)[1], "subnet-2");
  ASSERT_EQ(r->security_groups->size, 1u);
  EXPECT_EQ((*r->security_groups)[0], "sg-1");
  ASSERT_EQ(r->tags->size, 1u);
  EXPECT_EQ(*(*r->tags)[0].key, "k");
}

TEST(Lists, ElementViolationsUseOneBasedPaths) {
  RequestProcessor processor(kModel);
  const std::string long_key(129, 'k');
  ASSERT_EQ(processor.Process("AppRunner.TagResource",
                              TagResourceBodyWith(
                                  {TagJson("team", "web"), TagJson(long_key, "v"), TagJson("env", "prod")})),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(), "1 validation error detected: Value '" + long_key +
                                     "' at 'tags.2.member.key' failed to satisfy constraint: "
                                     "Member must have length less than or equal to 128");
  ASSERT_EQ(processor.report().size(), 1u);
  EXPECT_EQ(processor.report()[0].path(), "tags.2.member.key");
  EXPECT_EQ(processor.report()[0].kind, ::apprunner::codec::ConstraintKind::kMaxLength);

  // 128 code points (256 bytes) is within the length.
  std::string e128;
  for (int i = 0; i < 128; ++i) e128 += "\xc3\xa9";
  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBodyWith({TagJson(e128, "v")})),
            Outcome::kValid)
      << processor.message();

  // Every violation, in element order, at two-digit indexes too.
  std::vector<std::string> tags;
  for (int i = 0; i < 12; ++i) tags.push_back(TagJson("k" + std::to_string(i), "v"));
  tags[0] = TagJson("", "v");
  tags[2] = TagJson("ok", std::string(257, 'v'));
  tags[9] = TagJson("aws:tenth", "v");
  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBodyWith(tags)), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "4 validation errors detected: "
            "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1; "
            "Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy "
            "regular expression pattern: ^(?!aws:).+; "
            "Value '" +
                std::string(257, 'v') +
                "' at 'tags.3.member.value' failed to satisfy "
                "constraint: Member must have length less than or equal to 256; "
                "Value 'aws:tenth' at 'tags.10.member.key' failed to satisfy constraint: Member must "
                "satisfy regular expression pattern: ^(?!aws:).+");
}

TEST(Lists, TagKeyPatternRejectsOnlyTheAwsPrefix) {
  RequestProcessor processor(kModel);
  for (const char* ok :
       {"aws", "awsx:", "AWS:x", "Aws:x", "aws;x", "aw:s", "x:aws:", " aws:x", "a", "aws_"}) {
    EXPECT_EQ(processor.Process("AppRunner.UntagResource", UntagBody({"first", ok})), Outcome::kValid)
        << ok << ": " << processor.message();
  }
  for (const char* bad : {"aws:x", "aws:", "aws:aws:"}) {
    EXPECT_EQ(processor.Process("AppRunner.UntagResource", UntagBody({"first", bad})),
              Outcome::kValidationError)
        << bad;
    EXPECT_EQ(processor.message(), "1 validation error detected: Value '" + std::string(bad) +
                                       "' at 'tagKeys.2.member' failed to satisfy constraint: "
                                       "Member must satisfy regular expression pattern: ^(?!aws:).+");
  }
  // Too long AND with the prefix: both reported, length first.
  const std::string both = "aws:" + std::string(125, 'a');
  EXPECT_EQ(processor.Process("AppRunner.UntagResource", UntagBody({both})), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "2 validation errors detected: Value '" + both +
                "' at 'tagKeys.1.member' failed to satisfy constraint: Member must have length "
                "less than or equal to 128; Value '" +
                both +
                "' at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy "
                "regular expression pattern: ^(?!aws:).+");
  // '.' excludes line terminators: a key with a newline fails the pattern.
  EXPECT_EQ(processor.Process("AppRunner.UntagResource", UntagBody({"a\\nb"})), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value 'a\nb' at 'tagKeys.1.member' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ^(?!aws:).+");
  // The echoed value is escaped in the JSON error body.
  EXPECT_EQ(processor.error_body(),
            R"({"__type":"InvalidRequestException","Message":"1 validation error detected: Value 'a\nb' )"
            R"(at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular )"
            R"(expression pattern: ^(?!aws:).+"})");
}

TEST(Lists, NullElementAndWrongTypesAreSerializationErrors) {
  RequestProcessor processor(kModel);
  std::string body = "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[null]}";
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType);
  EXPECT_EQ(processor.decode_status().offset, body.find("null"));
  ASSERT_NE(processor.decode_status().field, nullptr);
  EXPECT_EQ(processor.decode_status().field->wire_name, "Tags");
  EXPECT_EQ(processor.message(),
            "null list element (the list is dense) for member 'Tags' (WrongType) at byte " +
                std::to_string(body.find("null")));
  EXPECT_EQ(processor.error_type(), kSerializationException);
  EXPECT_EQ(processor.http_status(), 400);
  EXPECT_EQ(processor.request_data(), nullptr);
  EXPECT_EQ(processor.request<TagResourceRequest>(), nullptr);
  EXPECT_EQ(processor.operation(), &kTagResourceOperation);

  // A null after valid elements too.
  body = "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[" + TagJson("a", "b") + ",null]}";
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType);
  EXPECT_EQ(processor.decode_status().offset, body.find("null"));

  // An object where the list belongs.
  body = "{\"ResourceArn\":" + kArnJson + ",\"Tags\":{}}";
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType);
  EXPECT_EQ(processor.message(),
            "wrong JSON type for member 'Tags' (WrongType) at byte " + std::to_string(body.find("{}")));
  EXPECT_EQ(
      processor.error_body(),
      R"({"__type":"SerializationException","Message":"wrong JSON type for member 'Tags' (WrongType) at byte )" +
          std::to_string(body.find("{}")) + "\"}");

  // A string where the list belongs; a number where a string element belongs; a list
  // where a Tag (an object) belongs; a number for a Tag's Key.
  struct Case {
    const char* target;
    std::string body;
    const char* at;  // the value the offset points at
    const char* member;
  };
  const std::vector<Case> cases = {
      {"AppRunner.CreateVpcConnector", R"({"VpcConnectorName":"my-connector","Subnets":"subnet-1"})",
       "\"subnet-1\"", "Subnets"},
      {"AppRunner.CreateVpcConnector", R"({"VpcConnectorName":"my-connector","Subnets":["a",7]})", "7]",
       "Subnets"},
      {"AppRunner.TagResource", "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[[]]}", "[]]", "Tags"},
      {"AppRunner.TagResource", "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[{\"Key\":1}]}", "1}", "Key"},
      {"AppRunner.UntagResource", "{\"ResourceArn\":" + kArnJson + ",\"TagKeys\":[\"a\",{}]}", "{}]",
       "TagKeys"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(processor.Process(c.target, c.body), Outcome::kSerializationError) << c.body;
    EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType) << c.body;
    EXPECT_EQ(processor.decode_status().offset, c.body.find(c.at)) << c.body;
    ASSERT_NE(processor.decode_status().field, nullptr) << c.body;
    EXPECT_EQ(processor.decode_status().field->wire_name, c.member) << c.body;
    EXPECT_EQ(processor.request_data(), nullptr);
  }
}

// The expected canonical JSON, written by hand: members in model order (DNSTarget,
// ServiceArn, CustomDomains, VpcDNSTargets, NextToken; DomainName, EnableWWWSubdomain,
// CertificateValidationRecords, Status; Name, Type, Value, Status), absent ones omitted.
constexpr std::string_view kCustomDomainsCanonical =
    R"({"DNSTarget":"xyz.us-east-1.awsapprunner.com",)"
    R"("ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa",)"
    R"("CustomDomains":[)"
    R"({"DomainName":"example.com","EnableWWWSubdomain":true,"CertificateValidationRecords":[)"
    R"({"Name":"_a1.example.com.","Type":"CNAME","Value":"_b1.acm-validations.aws.","Status":"PENDING_VALIDATION"},)"
    R"({"Name":"_a2.www.example.com.","Type":"CNAME","Value":"_b2.acm-validations.aws.","Status":"SUCCESS"}],)"
    R"("Status":"PENDING_CERTIFICATE_DNS_VALIDATION"},)"
    R"({"DomainName":"api.example.com","EnableWWWSubdomain":false,"CertificateValidationRecords":[)"
    R"({"Name":"_c1.api.example.com.","Type":"CNAME","Value":"_d1.acm-validations.aws.","Status":"FAILED"}],)"
    R"("Status":"ACTIVE"},)"
    R"({"DomainName":"old.example.com","EnableWWWSubdomain":false,"CertificateValidationRecords":[],"Status":"DELETING"},)"
    R"({"DomainName":"new.example.com","EnableWWWSubdomain":true,"Status":"CREATING"}],)"
    R"("VpcDNSTargets":[{"VpcIngressConnectionArn":"arn:aws:apprunner:us-east-1:123456789012:vpcingressconnection/vic/1",)"
    R"("VpcId":"vpc-1","DomainName":"vic.example.com"}]})";

// The same document as a service might send it: other member order, whitespace,
// escapes, an unknown member.
constexpr std::string_view kCustomDomainsWire = R"({
  "VpcDNSTargets": [ { "DomainName": "vic.example.com", "VpcId": "vpc-1",
      "VpcIngressConnectionArn": "arn:aws:apprunner:us-east-1:123456789012:vpcingressconnection/vic/1" } ],
  "CustomDomains": [
    { "Status": "PENDING_CERTIFICATE_DNS_VALIDATION", "DomainName": "example.com",
      "CertificateValidationRecords": [
        { "Status": "PENDING_VALIDATION", "Value": "_b1.acm-validations.aws.", "Type": "CNAME", "Name": "_a1.example.com." },
        { "Name": "_a2.www.example.com.", "Type": "CNAME", "Value": "_b2.acm-validations.aws.", "Status": "SUCCESS" }
      ],
      "EnableWWWSubdomain": true },
    { "DomainName": "api.example.com", "EnableWWWSubdomain": false, "Future": [1, {"a": []}],
      "CertificateValidationRecords": [
        { "Name": "_c1.api.example.com.", "Type": "\u0043NAME", "Value": "_d1.acm-validations.aws.", "Status": "FAILED" }
      ],
      "Status": "ACTIVE" },
    { "DomainName": "old.example.com", "EnableWWWSubdomain": false, "CertificateValidationRecords": [], "Status": "DELETING" },
    { "DomainName": "new.example.com", "EnableWWWSubdomain": true, "Status": "CREATING", "CertificateValidationRecords": null }
  ],
  "ServiceArn": "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa",
  "DNSTarget": "xyz.us-east-1.awsapprunner.com"
}
)";

TEST(Lists, NestedListsInAResponseDecodeAndReencode) {
  Decoder<DescribeCustomDomainsResponse> decoder;
  DescribeCustomDomainsResponse response;
  auto s = decoder.Decode(kCustomDomainsWire, &response);
  ASSERT_TRUE(s.ok()) << ::apprunner::codec::CodecErrorName(s.code) << " at " << s.offset << ": " << s.detail;

  EXPECT_EQ(*response.dns_target, "xyz.us-east-1.awsapprunner.com");
  EXPECT_EQ(*response.service_arn, kArn);
  EXPECT_FALSE(response.next_token.has_value());
  ASSERT_TRUE(response.custom_domains.has_value());
  const List<CustomDomain>& domains = *response.custom_domains;
  ASSERT_EQ(domains.size, 4u);

  EXPECT_EQ(*domains[0].domain_name, "example.com");
  EXPECT_EQ(*domains[0].enable_www_subdomain, true);
  EXPECT_EQ(domains[0].status->value(), CustomDomainAssociationStatus::kPendingCertificateDnsValidation);
  ASSERT_EQ(domains[0].certificate_validation_records->size, 2u);
  const List<CertificateValidationRecord>& r0 = *domains[0].certificate_validation_records;
  EXPECT_EQ(*r0[0].name, "_a1.example.com.");
  EXPECT_EQ(*r0[0].type, "CNAME");
  EXPECT_EQ(*r0[0].value, "_b1.acm-validations.aws.");
  EXPECT_EQ(r0[0].status->value(), CertificateValidationRecordStatus::kPendingValidation);
  EXPECT_EQ(*r0[1].name, "_a2.www.example.com.");
  EXPECT_EQ(*r0[1].value, "_b2.acm-validations.aws.");
  EXPECT_EQ(r0[1].status->value(), CertificateValidationRecordStatus::kSuccess);

  EXPECT_EQ(*domains[1].domain_name, "api.example.com");
  EXPECT_EQ(*domains[1].enable_www_subdomain, false);
  EXPECT_EQ(domains[1].status->value(), CustomDomainAssociationStatus::kActive);
  ASSERT_EQ(domains[1].certificate_validation_records->size, 1u);
  const CertificateValidationRecord& r1 = (*domains[1].certificate_validation_records)[0];
  EXPECT_EQ(*r1.name, "_c1.api.example.com.");
  EXPECT_EQ(*r1.type, "CNAME");  // unescaped
  EXPECT_EQ(r1.status->wire, "FAILED");
  EXPECT_EQ(r1.status->index, 2);

  ASSERT_TRUE(domains[2].certificate_validation_records.has_value());
  EXPECT_EQ(domains[2].certificate_validation_records->size, 0u);
  EXPECT_EQ(domains[2].status->value(), CustomDomainAssociationStatus::kDeleting);
  EXPECT_FALSE(domains[3].certificate_validation_records.has_value());  // null: absent

  ASSERT_EQ(response.vpc_dns_targets->size, 1u);
  EXPECT_EQ(*(*response.vpc_dns_targets)[0].vpc_id, "vpc-1");

  std::string out;
  EncodeJson(response, &out);
  EXPECT_EQ(out, kCustomDomainsCanonical);

  // The canonical form decodes to an equal struct and re-encodes to itself.
  Decoder<DescribeCustomDomainsResponse> again;
  DescribeCustomDomainsResponse copy;
  ASSERT_TRUE(again.Decode(out, &copy).ok());
  EXPECT_TRUE(copy == response);
  std::string out2;
  EncodeJson(copy, &out2);
  EXPECT_EQ(out2, kCustomDomainsCanonical);

  ValidationReport report;
  EXPECT_TRUE(Validator::Default(kModel).Validate(response, &report)) << ValidationMessage(report);
}

TEST(Lists, ResponseListElementViolationsUseNestedOneBasedPaths) {
  Decoder<DescribeCustomDomainsResponse> decoder;
  DescribeCustomDomainsResponse response;
  std::string body(kCustomDomainsCanonical);
  // The second record of the first domain gets an unknown status; the third domain
  // loses its required EnableWWWSubdomain.
  body.replace(body.find("\"SUCCESS\""), 9, "\"SKIPPED\"");
  const std::string old_domain = R"("DomainName":"old.example.com","EnableWWWSubdomain":false,)";
  body.replace(body.find(old_domain), old_domain.size(), R"("DomainName":"old.example.com",)");
  ASSERT_TRUE(decoder.Decode(body, &response).ok());
  EXPECT_EQ((*(*response.custom_domains)[0].certificate_validation_records)[1].status->index,
            kUnknownEnumIndex);
  ValidationReport report;
  EXPECT_FALSE(Validator::Default(kModel).Validate(response, &report));
  EXPECT_EQ(ValidationMessage(report),
            "2 validation errors detected: Value 'SKIPPED' at "
            "'customDomains.1.member.certificateValidationRecords.2.member.status' failed to satisfy "
            "constraint: Member must satisfy enum value set: [PENDING_VALIDATION, SUCCESS, FAILED]; "
            "Value null at 'customDomains.3.member.enableWWWSubdomain' failed to satisfy constraint: "
            "Member must not be null");
}

// ---------------------------------------------------------------------------------
// 4. The list arena and its limits
// ---------------------------------------------------------------------------------

TEST(Arena, SecondDecodeOfALargeBodyAllocatesNothing) {
  RequestProcessor processor(kModel);
  const std::string body = TagResourceBody(1000);
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid) << processor.message();
  long before = Allocations();
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid);
  EXPECT_EQ(Allocations() - before, 0);
  const TagResourceRequest* r = processor.request<TagResourceRequest>();
  ASSERT_EQ(r->tags->size, 1000u);
  for (uint32_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(*(*r->tags)[i].key, "key-" + std::to_string(i));
    ASSERT_EQ(*(*r->tags)[i].value, "value-" + std::to_string(i));
  }
  // A smaller body, then the large one again: the arena is kept, nothing allocated.
  const std::string small = TagResourceBody(10);
  before = Allocations();
  ASSERT_EQ(processor.Process("AppRunner.TagResource", small), Outcome::kValid);
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid);
  EXPECT_EQ(Allocations() - before, 0);
  EXPECT_EQ(processor.request<TagResourceRequest>()->tags->size, 1000u);
  // The counter counts in this binary.
  before = Allocations();
  delete new std::string(100, 'x');
  EXPECT_GE(Allocations() - before, 1);
}

TEST(Arena, MaxListBytesLimitsTheDecodedLists) {
  ProcessorOptions options;
  options.decode.max_list_bytes = 100;
  RequestProcessor processor(kModel, options);
  const std::string body = TagResourceBody(10);
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kBodyTooLarge);
  const size_t list_at = body.find('[');
  EXPECT_EQ(processor.decode_status().offset, list_at);
  EXPECT_EQ(
      processor.message(),
      "decoded lists larger than DecodeOptions::max_list_bytes for member 'Tags' (BodyTooLarge) at byte " +
          std::to_string(list_at));
  EXPECT_EQ(processor.http_status(), 400);
  EXPECT_EQ(processor.request_data(), nullptr);

  // max_body_bytes applies before any parsing.
  ProcessorOptions tiny;
  tiny.decode.max_body_bytes = 10;
  RequestProcessor small(kModel, tiny);
  EXPECT_EQ(small.Process("AppRunner.ListServices", "{}"), Outcome::kValid);
  EXPECT_EQ(small.Process("AppRunner.ListServices", R"({"MaxResults":1})"), Outcome::kSerializationError);
  EXPECT_EQ(small.decode_status().code, CodecError::kBodyTooLarge);
  EXPECT_EQ(small.request_data(), nullptr);

  // The limit is on bytes decoded into: sizeof(Tag) each.
  ProcessorOptions exact;
  exact.decode.max_list_bytes = 2 * sizeof(Tag);
  RequestProcessor bounded(kModel, exact);
  EXPECT_EQ(bounded.Process("AppRunner.TagResource", TagResourceBody(2)), Outcome::kValid)
      << bounded.message();
  EXPECT_EQ(bounded.Process("AppRunner.TagResource", TagResourceBody(3)), Outcome::kSerializationError);
  EXPECT_EQ(bounded.decode_status().code, CodecError::kBodyTooLarge);
  // ... and the limit is per body, not cumulative over decodes.
  EXPECT_EQ(bounded.Process("AppRunner.TagResource", TagResourceBody(2)), Outcome::kValid)
      << bounded.message();

  // All the lists of one body count together.
  ProcessorOptions strings;
  strings.decode.max_list_bytes = 6 * sizeof(std::string_view);
  RequestProcessor vpc(kModel, strings);
  EXPECT_EQ(
      vpc.Process(
          "AppRunner.CreateVpcConnector",
          R"({"VpcConnectorName":"my-connector","Subnets":["a","b","c"],"SecurityGroups":["d","e","f"]})"),
      Outcome::kValid)
      << vpc.message();
  std::string over =
      R"({"VpcConnectorName":"my-connector","Subnets":["a","b","c"],"SecurityGroups":["d","e","f","g"]})";
  EXPECT_EQ(vpc.Process("AppRunner.CreateVpcConnector", over), Outcome::kSerializationError);
  EXPECT_EQ(vpc.decode_status().code, CodecError::kBodyTooLarge);
  ASSERT_NE(vpc.decode_status().field, nullptr);
  EXPECT_EQ(vpc.decode_status().field->wire_name, "SecurityGroups");
  EXPECT_EQ(vpc.decode_status().offset, over.find("[\"d\""));
}

TEST(Arena, DecodedListsOutliveTheCallersBodyUntilTheNextDecode) {
  RequestProcessor processor(kModel);
  std::string body = TagResourceBodyWith({TagJson("team", "web"), TagJson("env", "prod"), TagJson("x", "y")});
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid);
  const TagResourceRequest* r = processor.request<TagResourceRequest>();
  // The processor decoded its own copy: the caller's buffer may go.
  std::fill(body.begin(), body.end(), '#');
  body.clear();
  body.shrink_to_fit();
  // Other work that is not a decode leaves the views alone.
  ValidationReport report;
  EXPECT_TRUE(Validator::Default(kModel).Validate(*r, &report));
  std::string out;
  EncodeJson(*r, &out);
  ASSERT_EQ(r->tags->size, 3u);
  EXPECT_EQ(*(*r->tags)[0].key, "team");
  EXPECT_EQ(*(*r->tags)[0].value, "web");
  EXPECT_EQ(*(*r->tags)[1].key, "env");
  EXPECT_EQ(*(*r->tags)[1].value, "prod");
  EXPECT_EQ(*(*r->tags)[2].key, "x");
  EXPECT_EQ(*(*r->tags)[2].value, "y");
  EXPECT_EQ(*r->resource_arn, kArn);
  EXPECT_EQ(
      out,
      "{\"ResourceArn\":" + kArnJson +
          R"(,"Tags":[{"Key":"team","Value":"web"},{"Key":"env","Value":"prod"},{"Key":"x","Value":"y"}]})");
}

TEST(Arena, AFailedDecodeHandsOutNoViews) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBody(5)), Outcome::kValid);
  ASSERT_NE(processor.request_data(), nullptr);

  // Fails after five good elements have been written into the arena.
  std::string body = TagResourceBody(5);
  body.insert(body.size() - 2, ",{\"Key\":false}");
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType);
  EXPECT_EQ(processor.request_data(), nullptr);
  EXPECT_EQ(processor.request<TagResourceRequest>(), nullptr);
  EXPECT_EQ(processor.operation(), &kTagResourceOperation);
  EXPECT_TRUE(processor.report().ok());

  // Truncated in the middle of the list.
  ASSERT_EQ(processor.Process("AppRunner.TagResource", TagResourceBody(5)), Outcome::kValid);
  std::string truncated = TagResourceBody(5);
  truncated.resize(truncated.size() / 2);
  EXPECT_EQ(processor.Process("AppRunner.TagResource", truncated), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kMalformedJson);
  EXPECT_EQ(processor.request_data(), nullptr);

  // After a validation error the decoded request is there (with its lists).
  std::string invalid = TagResourceBodyWith({TagJson("aws:reserved", "v")});
  EXPECT_EQ(processor.Process("AppRunner.TagResource", invalid), Outcome::kValidationError);
  ASSERT_NE(processor.request<TagResourceRequest>(), nullptr);
  EXPECT_EQ(*(*processor.request<TagResourceRequest>()->tags)[0].key, "aws:reserved");
}

// Strings the body spelled with escapes live in the decoder's string buffer: a
// thousand of them in one list all stay intact (none is moved by a later one).
TEST(Arena, EscapedStringsInALargeListStayValid) {
  RequestProcessor processor(kModel);
  std::vector<std::string> tags;
  for (int i = 0; i < 1000; ++i) {
    tags.push_back("{\"Key\":\"k\\u00e9" + std::to_string(i) + "\",\"Value\":\"v\\\"" + std::to_string(i) +
                   "\\\\\"}");
  }
  const std::string body = TagResourceBodyWith(tags);
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid) << processor.message();
  const TagResourceRequest* r = processor.request<TagResourceRequest>();
  ASSERT_EQ(r->tags->size, 1000u);
  for (uint32_t i = 0; i < 1000; ++i) {
    ASSERT_EQ(*(*r->tags)[i].key, "k\xc3\xa9" + std::to_string(i)) << i;
    ASSERT_EQ(*(*r->tags)[i].value, "v\"" + std::to_string(i) + "\\") << i;
  }
  long before = Allocations();
  ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValid);
  EXPECT_EQ(Allocations() - before, 0);
}

TEST(Limits, DuplicateMembersAndUnknownMembers) {
  RequestProcessor processor(kModel);
  const std::string twice =
      "{\"ResourceArn\":" + kArnJson + ",\"Tags\":[],\"Tags\":[" + TagJson("a", "b") + "]}";
  EXPECT_EQ(processor.Process("AppRunner.TagResource", twice), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kDuplicateMember);
  EXPECT_EQ(processor.decode_status().offset, twice.rfind("\"Tags\""));
  // Inside a list element, compared after unescaping.
  const std::string inner = TagResourceBodyWith({R"({"Key":"a","\u004bey":"b"})"});
  EXPECT_EQ(processor.Process("AppRunner.TagResource", inner), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kDuplicateMember);
  EXPECT_EQ(processor.request_data(), nullptr);

  // Unknown members are ignored by default, rejected on request.
  const std::string unknown = TagResourceBodyWith({R"({"Key":"a","Colour":"red"})"});
  EXPECT_EQ(processor.Process("AppRunner.TagResource", unknown), Outcome::kValid);
  ProcessorOptions strict;
  strict.decode.reject_unknown_members = true;
  RequestProcessor picky(kModel, strict);
  EXPECT_EQ(picky.Process("AppRunner.TagResource", unknown), Outcome::kSerializationError);
  EXPECT_EQ(picky.decode_status().code, CodecError::kUnknownMember);
  EXPECT_EQ(picky.message(), "member not in the model: 'Colour' (UnknownMember) at byte " +
                                 std::to_string(unknown.find("\"Colour\"")));
}

TEST(Limits, LargeMapsKeepOrderAndRejectDuplicateKeys) {
  RequestProcessor processor(kModel);
  std::string vars;
  for (int i = 0; i < 20; ++i)
    vars += (i ? ",\"" : "\"") + ("VAR_" + std::to_string(i)) + "\":\"" + std::to_string(i * i) + "\"";
  ASSERT_EQ(processor.Process("AppRunner.CreateService",
                              ImageServiceBody("\"RuntimeEnvironmentVariables\":{" + vars + "}")),
            Outcome::kValid)
      << processor.message();
  const auto& map =
      *processor.request<CreateServiceRequest>()
           ->source_configuration->image_repository->image_configuration->runtime_environment_variables;
  ASSERT_EQ(map.size, 20u);
  for (uint32_t i = 0; i < 20; ++i) {
    EXPECT_EQ(map.entries[i].key, "VAR_" + std::to_string(i));
    EXPECT_EQ(map.entries[i].value, std::to_string(i * i));
  }
  // The 21st key repeats the 8th, spelled with an escape (more than eight entries: the
  // hash-table path).
  const std::string dup = vars + ",\"VAR\\u005f7\":\"x\"";
  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              ImageServiceBody("\"RuntimeEnvironmentVariables\":{" + dup + "}")),
            Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kDuplicateMember);
  ASSERT_NE(processor.decode_status().field, nullptr);
  EXPECT_EQ(processor.decode_status().field->wire_name, "RuntimeEnvironmentVariables");
}

// More violations than a report keeps: every one counted, the first 64 listed.
TEST(Limits, MoreViolationsThanTheReportKeeps) {
  RequestProcessor processor(kModel);
  std::vector<std::string> tags;
  for (int i = 0; i < 100; ++i) tags.push_back(TagJson("aws:k" + std::to_string(i), "v"));
  const std::string body = TagResourceBodyWith(tags);
  EXPECT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValidationError);
  EXPECT_EQ(processor.report().total(), 100u);
  EXPECT_EQ(processor.report().size(), ::apprunner::codec::kMaxReportedViolations);
  std::string expected = "100 validation errors detected: ";
  for (int i = 0; i < 64; ++i) {
    if (i) expected += "; ";
    expected += "Value 'aws:k" + std::to_string(i) + "' at 'tags." + std::to_string(i + 1) +
                ".member.key' failed to satisfy constraint: Member must satisfy regular expression "
                "pattern: ^(?!aws:).+";
  }
  expected += "; ... and 36 more";
  EXPECT_EQ(processor.message(), expected);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.TagResource", body), Outcome::kValidationError);
            }),
            0);
}

// ---------------------------------------------------------------------------------
// 5. Empty structures
// ---------------------------------------------------------------------------------

TEST(EmptyStructures, TagResourceResponseFromEmptyBodies) {
  EXPECT_TRUE(kTagResourceResponseDesc.empty_body_is_no_members);
  EXPECT_FALSE(kTagResourceRequestDesc.empty_body_is_no_members);
  EXPECT_EQ(kTagResourceResponseDesc.num_fields, 0);
  Decoder<TagResourceResponse> decoder;
  TagResourceResponse response;
  for (std::string_view body :
       {std::string_view("{}"), std::string_view(""), std::string_view(" "), std::string_view(" \r\n\t "),
        std::string_view(" { } \n"), std::string_view(R"({"Unknown":[1,{"a":null}]})")}) {
    auto s = decoder.Decode(body, &response);
    EXPECT_TRUE(s.ok()) << "'" << body << "': " << ::apprunner::codec::CodecErrorName(s.code);
  }
  for (std::string_view body : {std::string_view("null"), std::string_view("[]"), std::string_view("{")}) {
    EXPECT_FALSE(decoder.Decode(body, &response).ok()) << body;
  }
  EXPECT_EQ(decoder.Decode("[]", &response).code, CodecError::kRootNotObject);
  std::string out;
  EncodeJson(TagResourceResponse{}, &out);
  EXPECT_EQ(out, "{}");
  ValidationReport report;
  EXPECT_TRUE(Validator::Default(kModel).Validate(response, &report));
}

TEST(EmptyStructures, AnEmptyOutputBodyClearsEveryMember) {
  Decoder<DescribeCustomDomainsResponse> decoder;
  DescribeCustomDomainsResponse response;
  ASSERT_TRUE(decoder.Decode(kCustomDomainsCanonical, &response).ok());
  ASSERT_TRUE(response.custom_domains.has_value());
  ASSERT_TRUE(decoder.Decode("", &response).ok());
  EXPECT_FALSE(response.dns_target.has_value());
  EXPECT_FALSE(response.service_arn.has_value());
  EXPECT_FALSE(response.custom_domains.has_value());
  EXPECT_FALSE(response.vpc_dns_targets.has_value());
  EXPECT_FALSE(response.next_token.has_value());
  std::string out;
  EncodeJson(response, &out);
  EXPECT_EQ(out, "{}");
}

TEST(EmptyStructures, AnEmptyInputBodyIsMalformed) {
  Decoder<TagResourceRequest> decoder;
  TagResourceRequest request;
  auto s = decoder.Decode("", &request);
  EXPECT_EQ(s.code, CodecError::kMalformedJson);
  EXPECT_EQ(s.offset, 0u);
  EXPECT_EQ(decoder.Decode("  \n", &request).code, CodecError::kMalformedJson);

  RequestProcessor processor(kModel);
  EXPECT_EQ(processor.Process("AppRunner.TagResource", ""), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kMalformedJson);
  EXPECT_EQ(processor.message(), "empty body (MalformedJson) at byte 0");
  EXPECT_EQ(processor.error_body(),
            R"({"__type":"SerializationException","Message":"empty body (MalformedJson) at byte 0"})");
  EXPECT_EQ(processor.request_data(), nullptr);
  // An operation whose input has no required member: "{}" is valid, "" is not.
  EXPECT_EQ(processor.Process("AppRunner.ListServices", "{}"), Outcome::kValid);
  EXPECT_EQ(processor.Process("AppRunner.ListServices", ""), Outcome::kSerializationError);
  EXPECT_EQ(processor.Process("AppRunner.ListServices", " \t"), Outcome::kSerializationError);
}

// ---------------------------------------------------------------------------------
// 6. Request-side enums, booleans, integers, maps
// ---------------------------------------------------------------------------------

// A valid CreateService body with lists, maps, enums, booleans and integers.
const std::string kCreateServiceValid =
    R"({"ServiceName":"python-app",)"
    R"("SourceConfiguration":{"ImageRepository":{)"
    R"("ImageIdentifier":"public.ecr.aws/aws-containers/hello-app-runner:latest",)"
    R"("ImageConfiguration":{"RuntimeEnvironmentVariables":{"NAME":"world","MODE":"prod"},)"
    R"("StartCommand":"python app.py","Port":"8000",)"
    R"("RuntimeEnvironmentSecrets":{"DB_PASSWORD":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}},)"
    R"("ImageRepositoryType":"ECR_PUBLIC"},"AutoDeploymentsEnabled":false},)"
    R"("InstanceConfiguration":{"Cpu":"1 vCPU","Memory":"2 GB"},)"
    R"("Tags":[{"Key":"team","Value":"web"},{"Key":"env","Value":"prod"}],)"
    R"("HealthCheckConfiguration":{"Protocol":"HTTP","Path":"/health","Interval":5,"Timeout":2,)"
    R"("HealthyThreshold":1,"UnhealthyThreshold":20},)"
    R"("NetworkConfiguration":{"EgressConfiguration":{"EgressType":"DEFAULT"},)"
    R"("IngressConfiguration":{"IsPubliclyAccessible":true},"IpAddressType":"DUAL_STACK"},)"
    R"("ObservabilityConfiguration":{"ObservabilityEnabled":false}})";

TEST(RequestShapes, CreateServiceWithEnumsBooleansIntegersAndMaps) {
  RequestProcessor processor(kModel);
  ASSERT_EQ(processor.Process("AppRunner.CreateService", kCreateServiceValid), Outcome::kValid)
      << processor.message();
  const CreateServiceRequest* r = processor.request<CreateServiceRequest>();
  ASSERT_NE(r, nullptr);
  const SourceConfiguration& src = *r->source_configuration;
  EXPECT_FALSE(src.code_repository.has_value());
  ASSERT_TRUE(src.auto_deployments_enabled.has_value());
  EXPECT_FALSE(*src.auto_deployments_enabled);  // false is present, not absent
  const ImageRepository& image = *src.image_repository;
  EXPECT_EQ(image.image_repository_type->value(), ImageRepositoryType::kEcrPublic);
  EXPECT_EQ(image.image_repository_type->index, 1);
  EXPECT_EQ(image.image_repository_type->wire, "ECR_PUBLIC");
  const ImageConfiguration& config = *image.image_configuration;
  ASSERT_EQ(config.runtime_environment_variables->size, 2u);
  std::vector<StringMapEntry> vars(config.runtime_environment_variables->begin(),
                                   config.runtime_environment_variables->end());
  EXPECT_EQ(vars[0].key, "NAME");
  EXPECT_EQ(vars[0].value, "world");
  EXPECT_EQ(vars[1].key, "MODE");
  EXPECT_EQ(vars[1].value, "prod");
  ASSERT_EQ(config.runtime_environment_secrets->size, 1u);
  EXPECT_EQ(config.runtime_environment_secrets->entries[0].key, "DB_PASSWORD");
  EXPECT_EQ(*config.start_command, "python app.py");
  EXPECT_EQ(*config.port, "8000");
  EXPECT_EQ(*r->instance_configuration->cpu, "1 vCPU");
  ASSERT_EQ(r->tags->size, 2u);
  EXPECT_EQ(*(*r->tags)[1].key, "env");
  const HealthCheckConfiguration& hc = *r->health_check_configuration;
  EXPECT_EQ(hc.protocol->value(), HealthCheckProtocol::kHttp);
  EXPECT_EQ(*hc.interval, 5);
  EXPECT_EQ(*hc.timeout, 2);
  EXPECT_EQ(*hc.healthy_threshold, 1);
  EXPECT_EQ(*hc.unhealthy_threshold, 20);
  const NetworkConfiguration& net = *r->network_configuration;
  EXPECT_EQ(net.egress_configuration->egress_type->value(), EgressType::kDefault);
  EXPECT_FALSE(net.egress_configuration->vpc_connector_arn.has_value());
  EXPECT_EQ(*net.ingress_configuration->is_publicly_accessible, true);
  EXPECT_EQ(net.ip_address_type->value(), IpAddressType::kDualStack);
  ASSERT_TRUE(r->observability_configuration->observability_enabled.has_value());
  EXPECT_FALSE(*r->observability_configuration->observability_enabled);
  EXPECT_FALSE(r->encryption_configuration.has_value());

  // Re-encoded in model order.
  std::string out;
  EncodeJson(*r, &out);
  EXPECT_EQ(
      out,
      R"({"ServiceName":"python-app","SourceConfiguration":{"ImageRepository":{)"
      R"("ImageIdentifier":"public.ecr.aws/aws-containers/hello-app-runner:latest",)"
      R"("ImageConfiguration":{"RuntimeEnvironmentVariables":{"NAME":"world","MODE":"prod"},)"
      R"("StartCommand":"python app.py","Port":"8000",)"
      R"("RuntimeEnvironmentSecrets":{"DB_PASSWORD":"arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}},)"
      R"("ImageRepositoryType":"ECR_PUBLIC"},"AutoDeploymentsEnabled":false},)"
      R"("InstanceConfiguration":{"Cpu":"1 vCPU","Memory":"2 GB"},)"
      R"("Tags":[{"Key":"team","Value":"web"},{"Key":"env","Value":"prod"}],)"
      R"("HealthCheckConfiguration":{"Protocol":"HTTP","Path":"/health","Interval":5,"Timeout":2,)"
      R"("HealthyThreshold":1,"UnhealthyThreshold":20},)"
      R"("NetworkConfiguration":{"EgressConfiguration":{"EgressType":"DEFAULT"},)"
      R"("IngressConfiguration":{"IsPubliclyAccessible":true},"IpAddressType":"DUAL_STACK"},)"
      R"("ObservabilityConfiguration":{"ObservabilityEnabled":false}})");
}

TEST(RequestShapes, UnknownEnumValuesDecodeAndFailValidation) {
  RequestProcessor processor(kModel);
  std::string body = kCreateServiceValid;
  body.replace(body.find("\"ECR_PUBLIC\""), 12, "\"GCR\"");
  EXPECT_EQ(processor.Process("AppRunner.CreateService", body), Outcome::kValidationError);
  const CreateServiceRequest* r = processor.request<CreateServiceRequest>();
  ASSERT_NE(r, nullptr);
  const auto& type = *r->source_configuration->image_repository->image_repository_type;
  EXPECT_EQ(type.index, kUnknownEnumIndex);
  EXPECT_FALSE(type.known());
  EXPECT_EQ(type.wire, "GCR");
  EXPECT_EQ(type.value(), ImageRepositoryType::kUnknown);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value 'GCR' at "
            "'sourceConfiguration.imageRepository.imageRepositoryType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [ECR, ECR_PUBLIC]");

  // Case matters; several enums at once, in model order.
  body = kCreateServiceValid;
  body.replace(body.find("\"ECR_PUBLIC\""), 12, "\"ecr_public\"");
  body.replace(body.find("\"HTTP\""), 6, "\"HTTPS\"");
  body.replace(body.find("\"DUAL_STACK\""), 12, "\"IPV6\"");
  body.replace(body.find("\"DEFAULT\""), 9, "\"\"");
  EXPECT_EQ(processor.Process("AppRunner.CreateService", body), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "4 validation errors detected: "
            "Value 'ecr_public' at 'sourceConfiguration.imageRepository.imageRepositoryType' failed "
            "to satisfy constraint: Member must satisfy enum value set: [ECR, ECR_PUBLIC]; "
            "Value 'HTTPS' at 'healthCheckConfiguration.protocol' failed to satisfy constraint: "
            "Member must satisfy enum value set: [TCP, HTTP]; "
            "Value '' at 'networkConfiguration.egressConfiguration.egressType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [DEFAULT, VPC]; "
            "Value 'IPV6' at 'networkConfiguration.ipAddressType' failed to satisfy constraint: "
            "Member must satisfy enum value set: [IPV4, DUAL_STACK]");

  // Runtime: thirteen values, in the model's order.
  std::string code =
      R"({"ServiceName":"python-app","SourceConfiguration":{"CodeRepository":{)"
      R"("RepositoryUrl":"https://github.com/example/app","SourceCodeVersion":{"Type":"BRANCH","Value":"main"},)"
      R"("CodeConfiguration":{"ConfigurationSource":"API","CodeConfigurationValues":{"Runtime":"PYTHON_4"}}}}})";
  EXPECT_EQ(processor.Process("AppRunner.CreateService", code), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value 'PYTHON_4' at "
            "'sourceConfiguration.codeRepository.codeConfiguration.codeConfigurationValues.runtime' "
            "failed to satisfy constraint: Member must satisfy enum value set: [PYTHON_3, NODEJS_12, "
            "NODEJS_14, CORRETTO_8, CORRETTO_11, NODEJS_16, GO_1, DOTNET_6, PHP_81, RUBY_31, "
            "PYTHON_311, NODEJS_18, NODEJS_22]");
  code.replace(code.find("PYTHON_4"), 8, "NODEJS_22");
  ASSERT_EQ(processor.Process("AppRunner.CreateService", code), Outcome::kValid) << processor.message();
  EXPECT_EQ(processor.request<CreateServiceRequest>()
                ->source_configuration->code_repository->code_configuration->code_configuration_values
                ->runtime->value(),
            Runtime::kNodejs22);

  // CreateConnection's required ProviderType.
  EXPECT_EQ(processor.Process("AppRunner.CreateConnection",
                              R"({"ConnectionName":"my-github","ProviderType":"GITLAB"})"),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value 'GITLAB' at 'providerType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [GITHUB, BITBUCKET]");
}

TEST(RequestShapes, EnumsAndBooleansOfTheWrongJsonType) {
  RequestProcessor processor(kModel);
  struct Case {
    std::string from, to;
    const char* member;
  };
  for (const Case& c : std::vector<Case>{
           {"\"ECR_PUBLIC\"", "1", "ImageRepositoryType"},
           {"\"ECR_PUBLIC\"", "[\"ECR\"]", "ImageRepositoryType"},
           {"\"AutoDeploymentsEnabled\":false", "\"AutoDeploymentsEnabled\":\"false\"",
            "AutoDeploymentsEnabled"},
           {"\"AutoDeploymentsEnabled\":false", "\"AutoDeploymentsEnabled\":0", "AutoDeploymentsEnabled"},
           {"\"IsPubliclyAccessible\":true", "\"IsPubliclyAccessible\":\"true\"", "IsPubliclyAccessible"},
           {"\"Interval\":5", "\"Interval\":\"5\"", "Interval"},
           {"\"Interval\":5", "\"Interval\":true", "Interval"},
       }) {
    std::string body = kCreateServiceValid;
    size_t at = body.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    body.replace(at, c.from.size(), c.to);
    EXPECT_EQ(processor.Process("AppRunner.CreateService", body), Outcome::kSerializationError) << c.to;
    EXPECT_EQ(processor.decode_status().code, CodecError::kWrongType) << c.to;
    ASSERT_NE(processor.decode_status().field, nullptr) << c.to;
    EXPECT_EQ(processor.decode_status().field->wire_name, c.member);
    EXPECT_EQ(processor.request_data(), nullptr);
  }
  // A required boolean given as null is absent.
  std::string body = kCreateServiceValid;
  const std::string from = "\"ObservabilityEnabled\":false";
  body.replace(body.find(from), from.size(), "\"ObservabilityEnabled\":null");
  EXPECT_EQ(processor.Process("AppRunner.CreateService", body), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value null at 'observabilityConfiguration.observabilityEnabled' "
            "failed to satisfy constraint: Member must not be null");
}

std::string AutoScalingBody(const std::string& members) {
  return R"({"AutoScalingConfigurationName":"high-availability")" + members + "}";
}

TEST(RequestShapes, IntegerWithOnlyAMinimum) {
  RequestProcessor processor(kModel);
  EXPECT_EQ(processor.Process("AppRunner.CreateAutoScalingConfiguration", AutoScalingBody(R"(,"MaxSize":0)")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value '0' at 'maxSize' failed to satisfy constraint: "
            "Member must have value greater than or equal to 1");
  EXPECT_EQ(*processor.request<CreateAutoScalingConfigurationRequest>()->max_size, 0);

  EXPECT_EQ(processor.Process("AppRunner.CreateAutoScalingConfiguration",
                              AutoScalingBody(R"(,"MaxSize":-2147483648)")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value '-2147483648' at 'maxSize' failed to satisfy "
            "constraint: Member must have value greater than or equal to 1");

  for (const char* ok : {"1", "25", "26", "1000", "2147483647"}) {
    ASSERT_EQ(processor.Process("AppRunner.CreateAutoScalingConfiguration",
                                AutoScalingBody(std::string(",\"MaxSize\":") + ok)),
              Outcome::kValid)
        << ok << ": " << processor.message();
    EXPECT_EQ(*processor.request<CreateAutoScalingConfigurationRequest>()->max_size, std::stoll(ok));
  }
  // Beyond 32 bits is not an integer of the model at all.
  const std::string big = AutoScalingBody(R"(,"MaxSize":2147483648)");
  EXPECT_EQ(processor.Process("AppRunner.CreateAutoScalingConfiguration", big), Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kNumberOutOfRange);
  EXPECT_EQ(processor.decode_status().offset, big.find("2147483648"));

  // Integers with both bounds, every violation listed in model order.
  EXPECT_EQ(processor.Process("AppRunner.CreateAutoScalingConfiguration",
                              AutoScalingBody(R"(,"MaxSize":0,"MinSize":26,"MaxConcurrency":201)")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "3 validation errors detected: "
            "Value '201' at 'maxConcurrency' failed to satisfy constraint: Member must have value "
            "less than or equal to 200; "
            "Value '26' at 'minSize' failed to satisfy constraint: Member must have value less "
            "than or equal to 25; "
            "Value '0' at 'maxSize' failed to satisfy constraint: Member must have value greater "
            "than or equal to 1");
}

TEST(RequestShapes, MapKeysAndValuesAreCheckedAndNeverEchoed) {
  RequestProcessor processor(kModel);
  const std::string path = "sourceConfiguration.imageRepository.imageConfiguration.";

  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              ImageServiceBody(R"("RuntimeEnvironmentVariables":{"A":"1","":"hunter2"})")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(), "1 validation error detected: Value at '" + path +
                                     "runtimeEnvironmentVariables' failed to satisfy constraint: "
                                     "Map keys must satisfy constraint: [Member must have length "
                                     "greater than or equal to 1]");
  ASSERT_EQ(processor.report().size(), 1u);
  EXPECT_EQ(processor.report()[0].part, ::apprunner::codec::Violation::Part::kMapKey);
  EXPECT_TRUE(processor.report()[0].sensitive);
  // The decoded map keeps the entry (validation reports, it does not edit).
  const auto& vars =
      *processor.request<CreateServiceRequest>()
           ->source_configuration->image_repository->image_configuration->runtime_environment_variables;
  ASSERT_EQ(vars.size, 2u);
  EXPECT_EQ(vars.entries[1].key, "");
  EXPECT_EQ(vars.entries[1].value, "hunter2");

  // A key with a line break fails the '.*' pattern; still not echoed.
  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              ImageServiceBody(R"("RuntimeEnvironmentVariables":{"SECRET\nKEY":"v"})")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(), "1 validation error detected: Value at '" + path +
                                     "runtimeEnvironmentVariables' failed to satisfy constraint: "
                                     "Map keys must satisfy constraint: [Member must satisfy "
                                     "regular expression pattern: .*]");
  EXPECT_EQ(processor.message().find("SECRET"), std::string_view::npos);

  // Secrets: a name of 2049 code points, an empty value.
  const std::string long_name(2049, 'S');
  EXPECT_EQ(processor.Process(
                "AppRunner.CreateService",
                ImageServiceBody(R"("RuntimeEnvironmentSecrets":{")" + long_name + R"(":"arn:x","DB":""})")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "2 validation errors detected: Value at '" + path +
                "runtimeEnvironmentSecrets' failed to satisfy constraint: Map keys must satisfy "
                "constraint: [Member must have length less than or equal to 2048]; Value at '" +
                path +
                "runtimeEnvironmentSecrets' failed to satisfy constraint: Map value must satisfy "
                "constraint: [Member must have length greater than or equal to 1]");
  EXPECT_EQ(processor.message().find("SSSS"), std::string_view::npos);
  EXPECT_EQ(processor.error_body().find("SSSS"), std::string_view::npos);

  // Sensitive strings outside maps: StartCommand with a newline.
  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              ImageServiceBody(R"("StartCommand":"run --password=hunter2\nrm -rf /")")),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(), "1 validation error detected: Value at '" + path +
                                     "startCommand' failed to satisfy constraint: Member must "
                                     "satisfy regular expression pattern: [^\\x0a\\x0d]+");
  EXPECT_EQ(processor.error_body().find("hunter2"), std::string_view::npos);

  // Maps in CodeConfigurationValues, and duplicate keys.
  const std::string code_prefix =
      R"({"ServiceName":"python-app","SourceConfiguration":{"CodeRepository":{)"
      R"("RepositoryUrl":"https://github.com/example/app","SourceCodeVersion":{"Type":"BRANCH","Value":"main"},)"
      R"("CodeConfiguration":{"ConfigurationSource":"API","CodeConfigurationValues":{"Runtime":"PYTHON_3",)";
  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              code_prefix + R"("RuntimeEnvironmentSecrets":{"":"x"}}}}}})"),
            Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "1 validation error detected: Value at "
            "'sourceConfiguration.codeRepository.codeConfiguration.codeConfigurationValues."
            "runtimeEnvironmentSecrets' failed to satisfy constraint: Map keys must satisfy "
            "constraint: [Member must have length greater than or equal to 1]");
  EXPECT_EQ(processor.Process("AppRunner.CreateService",
                              code_prefix + R"("RuntimeEnvironmentVariables":{"A":"1","A":"2"}}}}}})"),
            Outcome::kSerializationError);
  EXPECT_EQ(processor.decode_status().code, CodecError::kDuplicateMember);
  ASSERT_EQ(
      processor.Process("AppRunner.CreateService", code_prefix + R"("RuntimeEnvironmentVariables":{}}}}}})"),
      Outcome::kValid)
      << processor.message();
  const auto& empty = *processor.request<CreateServiceRequest>()
                           ->source_configuration->code_repository->code_configuration
                           ->code_configuration_values->runtime_environment_variables;
  EXPECT_TRUE(empty.empty());
}

// ---------------------------------------------------------------------------------
// 7. Deep required members
// ---------------------------------------------------------------------------------

TEST(DeepRequired, EveryMissingMemberAtItsFullPathInModelOrder) {
  RequestProcessor processor(kModel);
  // ImageRepository first in the document; the model lists CodeRepository first.
  const std::string body =
      R"({"ServiceName":"python-app","SourceConfiguration":{)"
      R"("ImageRepository":{"ImageConfiguration":{"Port":"8080"}},)"
      R"("CodeRepository":{"RepositoryUrl":"https://github.com/example/app",)"
      R"("SourceCodeVersion":{"Type":"BRANCH","Value":"main"},)"
      R"("CodeConfiguration":{"ConfigurationSource":"API","CodeConfigurationValues":{"Port":"8080"}}}}})";
  EXPECT_EQ(processor.Process("AppRunner.CreateService", body), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "3 validation errors detected: "
            "Value null at 'sourceConfiguration.codeRepository.codeConfiguration."
            "codeConfigurationValues.runtime' failed to satisfy constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.imageRepository.imageIdentifier' failed to satisfy "
            "constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.imageRepository.imageRepositoryType' failed to "
            "satisfy constraint: Member must not be null");
  ASSERT_EQ(processor.report().size(), 3u);
  EXPECT_EQ(processor.report().total(), 3u);
  EXPECT_EQ(processor.report()[1].path(), "sourceConfiguration.imageRepository.imageIdentifier");
  EXPECT_EQ(processor.report()[1].field->wire_name, "ImageIdentifier");

  // Mixed with other violations at every level, still in model order.
  const std::string worse = R"({"ServiceName":"ab","SourceConfiguration":{)"
                            R"("ImageRepository":{"ImageRepositoryType":"ECR"},)"
                            R"("CodeRepository":{"SourceCodeVersion":{},)"
                            R"("CodeConfiguration":{"CodeConfigurationValues":{"Runtime":"PYTHON_3"}}}},)"
                            R"("EncryptionConfiguration":{},"ObservabilityConfiguration":{}})";
  EXPECT_EQ(processor.Process("AppRunner.CreateService", worse), Outcome::kValidationError);
  EXPECT_EQ(processor.message(),
            "9 validation errors detected: "
            "Value 'ab' at 'serviceName' failed to satisfy constraint: Member must have length "
            "greater than or equal to 4; "
            "Value 'ab' at 'serviceName' failed to satisfy constraint: Member must satisfy regular "
            "expression pattern: [A-Za-z0-9][A-Za-z0-9-_]{3,39}; "
            "Value null at 'sourceConfiguration.codeRepository.repositoryUrl' failed to satisfy "
            "constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.codeRepository.sourceCodeVersion.type' failed to "
            "satisfy constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.codeRepository.sourceCodeVersion.value' failed to "
            "satisfy constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.codeRepository.codeConfiguration.configurationSource' "
            "failed to satisfy constraint: Member must not be null; "
            "Value null at 'sourceConfiguration.imageRepository.imageIdentifier' failed to satisfy "
            "constraint: Member must not be null; "
            "Value null at 'encryptionConfiguration.kmsKey' failed to satisfy constraint: Member "
            "must not be null; "
            "Value null at 'observabilityConfiguration.observabilityEnabled' failed to satisfy "
            "constraint: Member must not be null");

  // fail_fast stops at the first.
  ::apprunner::codec::ValidateOptions fast;
  fast.fail_fast = true;
  Validator first_only(kModel, fast);
  RequestProcessor quick(kModel, ProcessorOptions(), &first_only);
  EXPECT_EQ(quick.Process("AppRunner.CreateService", body), Outcome::kValidationError);
  EXPECT_EQ(quick.message(),
            "1 validation error detected: Value null at 'sourceConfiguration.codeRepository."
            "codeConfiguration.codeConfigurationValues.runtime' failed to satisfy constraint: "
            "Member must not be null");
}

// ---------------------------------------------------------------------------------
// 8. Zero allocations in steady state
// ---------------------------------------------------------------------------------

TEST(SteadyState, ProcessAllocatesNothingAfterWarmUp) {
  RequestProcessor processor(kModel);
  std::string invalid = kCreateServiceValid;
  invalid.replace(invalid.find("\"ECR_PUBLIC\""), 12, "\"GCR\"");
  invalid.replace(invalid.find("\"team\""), 6, "\"aws:team\"");
  invalid.replace(invalid.find("\"NAME\""), 6, "\"\"");
  invalid.replace(invalid.find("\"Interval\":5"), 12, "\"Interval\":50");
  invalid.replace(invalid.find("\"ObservabilityEnabled\":false"), 28, "\"ObservabilityEnabled\":null");
  const std::string malformed = kCreateServiceValid.substr(0, kCreateServiceValid.size() - 3);

  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.CreateService", kCreateServiceValid), Outcome::kValid);
            }),
            0);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.CreateService", invalid), Outcome::kValidationError);
            }),
            0);
  EXPECT_EQ(processor.report().total(), 5u) << processor.message();
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.CreateService", malformed),
                        Outcome::kSerializationError);
            }),
            0);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.NoSuchThing", kCreateServiceValid),
                        Outcome::kUnknownOperation);
            }),
            0);
  // All of them interleaved, with other operations in between.
  const std::string tags = TagResourceBody(50);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(processor.Process("AppRunner.CreateService", kCreateServiceValid), Outcome::kValid);
              ASSERT_EQ(processor.Process("AppRunner.TagResource", tags), Outcome::kValid);
              ASSERT_EQ(processor.Process("AppRunner.CreateService", invalid), Outcome::kValidationError);
              ASSERT_EQ(processor.Process("AppRunner.PauseService", "{}"), Outcome::kValidationError);
              ASSERT_EQ(processor.Process("AppRunner.CreateService", malformed),
                        Outcome::kSerializationError);
              ASSERT_EQ(processor.Process("", ""), Outcome::kUnknownOperation);
            }),
            0);
  // The decoded request is the last valid body's.
  ASSERT_EQ(processor.Process("AppRunner.CreateService", kCreateServiceValid), Outcome::kValid);
  EXPECT_EQ(processor.request<CreateServiceRequest>()->tags->size, 2u);
}

}  // namespace
}  // namespace apprunner::model
