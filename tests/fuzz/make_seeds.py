#!/usr/bin/env python3
"""Writes the seed corpora under tests/fuzz/corpus/ (run from the repository root:
python3 tests/fuzz/make_seeds.py). The files are checked in; rerun after changing seeds."""
import json
import os

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
ARN = "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa"


def write(corpus, name, data):
    d = os.path.join(ROOT, "corpus", corpus)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read(path):
    with open(os.path.join(REPO, path), "rb") as f:
        return f.read()


# Requests.
write("request", "example", read("examples/pause-service-request.json"))
for i, body in enumerate([
        '{}', '{"ServiceArn":null}', '{"ServiceArn":""}', '{"ServiceArn":1}',
        '{"Service\\u0041rn":"%s"}' % ARN, '{"ServiceArn":"a","ServiceArn":"b"}',
        '{"x":[1,{"y":"\\ud83d\\ude00"}],"ServiceArn":"%s"}' % ARN,
        '{"ServiceArn":"%s"} x' % ARN, '[1]', '{"ServiceArn":"arn:aws-cn:apprunner:cn-north-1:123456789012:service/a\\/b"}',
        '{"ServiceArn":"arn:aws:apprunner:us-east\\\\1:123456789012:service/x"}',
        '{"a":' + '[' * 70 + ']' * 70 + '}']):
    write("request", "case%02d" % i, body)

# Responses (also the round-trip corpus).
write("response", "full", read("examples/pause-service-response.json"))
write("response", "cli", read("examples/pause-service-response.cli.json"))
for i, body in enumerate([
        '{"Service":{"CreatedAt":1.6062459e9,"Status":"FUTURE"}}',
        '{"Service":{"HealthCheckConfiguration":{"Interval":21,"Timeout":0}}}',
        '{"Service":{"SourceConfiguration":{"ImageRepository":{"ImageConfiguration":'
        '{"RuntimeEnvironmentVariables":{"A":"1","\\u0042":"\\n"}}}}}}',
        '{"Service":{"SourceConfiguration":{"CodeRepository":{"CodeConfiguration":{"CodeConfigurationValues":'
        '{"RuntimeEnvironmentSecrets":[{"K":"V"}]}}}}}}',
        '{"Service":{"UpdatedAt":"2020-11-23T12:41:37.5+01:00","InstanceConfiguration":{"cpu":"1 vCPU"}}}',
        '{"OperationId":"17fe9f55-7e91-4097-b243-fcabbb69a4cf"}']):
    write("response", "case%02d" % i, body)

# Errors: 2 status bytes, header, NUL, body.
def err(status, header, body):
    return bytes([(status - 100) >> 8, (status - 100) & 0xFF]) + header.encode() + b"\0" + body.encode()

write("error", "type", err(400, "", '{"__type":"InvalidRequestException","Message":"bad"}'))
write("error", "header", err(500, "InternalServiceErrorException:http://internal", ""))
write("error", "code", err(503, "", '{"code":"aws.apprunner#Throttling","message":"slow"}'))
write("error", "nothing", b"\x01\x2c" + b"{}")

# Patterns: byte 0 picks the shape (alphabetical among shapes with an enforced
# pattern), byte 1 the mode, bytes 2-4 the boundary generator.
model = json.load(open(os.path.join(REPO, "model/apprunner-pause-service.json")))
shapes = [n for n, s in sorted(model["shapes"].items())
          if s["type"] not in ("structure", "list") and s.get("pattern") and n != "ServiceId"]
values = {
    "AppRunnerResourceArn": [ARN, "arn:aws:::123456789012:a", "arn:aws:apprunner:us-east\\1:123456789012:x"],
    "AutoScalingConfigurationName": ["DefaultConfiguration"],
    "BuildCommand": ["pip install -r requirements.txt"],
    "Cpu": ["1 vCPU", "0x25 vCPU", "4096"],
    "ImageIdentifier": ["123456789012.dkr.ecr.us-east-1.amazonaws.com/python-app:latest",
                        "public.ecr.aws/aws-containers/hello-app-runner:latest"],
    "KmsKeyArn": ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    "Memory": ["3 GB", "12288"],
    "RoleArn": ["arn:aws:iam::123456789012:role/service-role/AppRunnerECRAccessRole"],
    "ServiceName": ["python-app"],
    "SourceDirectory": ["/services/python-app"],
    "StartCommand": ["python server.py"],
    "String": ["psbqam834h.us-east-1.awsapprunner.com", "a\u2028b", "a\rb"],
    "RuntimeEnvironmentVariablesKey": ["NAME"],
    "RuntimeEnvironmentVariablesValue": ["Jane"],
    "UUID": ["17fe9f55-7e91-4097-b243-fcabbb69a4cf"],
}
for index, name in enumerate(shapes):
    for k, v in enumerate(values.get(name, ["x"])):
        write("pattern", "%s-%d" % (name, k), bytes([index, 0, 0, 0, 0]) + v.encode())
        write("pattern", "%s-%d-long" % (name, k), bytes([index, 200, len(v) - 1, 0, 7]) + v.encode())
print("shapes with patterns:", shapes)
