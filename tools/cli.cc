// The command-line face of apprunner-codec, built twice from this file:
//   apprunner-codec  the whole App Runner API: every command takes --target AppRunner.X
//                    (or --operation X); validate-request can read it from a raw HTTP
//                    request (--http)
//   pausesvc         the PauseService entry point: with no target, the operation is
//                    PauseService (scripts written for it keep working unchanged)
//
//   CLI validate-request [--target T | --operation O | --http] [--reject-unknown]
//                        [--pattern-semantics=full|search] [FILE|-]
//   CLI decode-request [--target T | --operation O | --http] [FILE|-]
//   CLI decode-response [--target T | --operation O] [--lenient] [FILE|-]
//   CLI validate-response [--target T | --operation O] [--lenient] [FILE|-]
//   CLI encode-error [--target T | --operation O] --type NAME (--message TEXT | --message-file FILE|-)
//   CLI decode-error [--target T | --operation O] [--status N] [--header 'X-Amzn-ErrorType: V'] [FILE|-]
//
// See Usage() for the contract (exit codes, outputs).
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/errors.h"
#include "api/processor.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

#ifndef CLI_NAME
#error "build with CLI_NAME (and, for pausesvc, CLI_DEFAULT_OPERATION) defined"
#endif
#ifndef CLI_DEFAULT_OPERATION
#define CLI_DEFAULT_OPERATION ""
#endif

namespace {

using namespace apprunner::codec;
using apprunner::model::kModel;

constexpr std::string_view kName = CLI_NAME;
constexpr std::string_view kDefaultOperation = CLI_DEFAULT_OPERATION;

constexpr int kExitValid = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

std::string Usage() {
  const std::string n(kName);
  const bool has_default = !kDefaultOperation.empty();
  std::string u = "usage: " + n + " COMMAND [--target " + std::string(kModel.target_prefix) +
                  ".OPERATION | --operation OPERATION] [OPTIONS] [FILE|-]\n"
                  "\n"
                  "Commands:\n"
                  "  validate-request   Decode and validate a request body (awsJson1_0).\n"
                  "  decode-request     Decode a request body, no validation; print its canonical JSON.\n"
                  "  decode-response    Decode a response body; print its canonical JSON.\n"
                  "  validate-response  Decode a response and check every model constraint.\n"
                  "  encode-error       Print the awsJson1_0 body of an error; status and header on stderr.\n"
                  "  decode-error       Decode an error response as awsJson1_0 clients must.\n"
                  "\n"
                  "Operation (every command):\n"
                  "  --target " +
                  std::string(kModel.target_prefix) + ".NAME  the X-Amz-Target header value, e.g. " +
                  std::string(kModel.target_prefix) +
                  ".CreateService\n"
                  "  --operation NAME             the same by operation name (CreateService)\n";
  u += has_default ? "  (neither: " + std::string(kDefaultOperation) + ", as " + n + " always meant)\n"
                   : "  (one of them is required, except with --http)\n";
  u += "  --http (validate-request, decode-request): FILE is a raw HTTP request as a proxy\n"
       "           captured it (request line, headers, blank line, body; Content-Length or\n"
       "           chunked); the target is its X-Amz-Target header\n"
       "\n"
       "validate-request options:\n"
       "  --reject-unknown                 reject members the model does not define\n"
       "                                   (default: ignore them, after checking their syntax)\n"
       "  --pattern-semantics=full|search  full (default): a pattern must match the whole\n"
       "                                   value, as AWS services do; search: anywhere in it,\n"
       "                                   as the Smithy spec words it\n"
       "  --max-body-bytes=N               largest accepted body (default 1048576)\n"
       "  --max-depth=N                    deepest accepted nesting (default 1000, at most 1024)\n"
       "\n"
       "decode-request options: --max-body-bytes=N, --max-depth=N, --reject-unknown as above\n"
       "\n"
       "decode-response / validate-response options:\n"
       "  --lenient       also accept the AWS CLI's output form (ISO-8601 timestamp strings,\n"
       "                  maps as lists of one-pair objects, member names differing in case);\n"
       "                  without it each such use is listed with its path and rejected\n"
       "  --max-body-bytes=N, --max-depth=N, --reject-unknown as above\n"
       "\n"
       "encode-error options:\n"
       "  --type NAME     an error the operation models (PauseService: InvalidRequestException,\n"
       "                  InvalidStateException, ResourceNotFoundException,\n"
       "                  InternalServiceErrorException; the Create* operations also\n"
       "                  ServiceQuotaExceededException, HTTP 402), or SerializationException\n"
       "  --message TEXT  the error message\n"
       "  --message-file FILE|-\n"
       "                  the error message: the bytes of FILE (standard input for '-'), as\n"
       "                  they are (no newline stripped; NUL allowed); they must be valid\n"
       "                  UTF-8. Exactly one of --message and --message-file\n"
       "\n"
       "decode-error options:\n"
       "  --status N                    the HTTP status of the response\n"
       "  --header 'X-Amzn-ErrorType: V' the error-type header, when the response had one\n"
       "  prints "
       "{\"type\":..,\"message\":..,\"status\":..,\"fault\":\"client|server|unknown\",\"modelled\":..}\n"
       "  (type null when no source carried one; modelled false for a type the operation\n"
       "  does not define; fault from the modelled error, else the status class, else\n"
       "  unknown)\n"
       "\n"
       "Input: FILE, or standard input when FILE is '-' or absent. Under `bazel run`, a\n"
       "relative FILE (also --message-file's) is resolved against the directory bazel was\n"
       "started from (BUILD_WORKING_DIRECTORY).\n"
       "\n"
       "Output and exit status:\n"
       "  validate-request:\n"
       "  0  valid: the request re-encoded as compact canonical JSON, one line on stdout\n"
       "  1  rejected: the awsJson1_0 error body, one line on stdout, e.g.\n"
       "     {\"__type\":\"InvalidRequestException\",\"Message\":\"1 validation error detected: ...\"}\n"
       "     (SerializationException when the body cannot be decoded, UnknownOperationException\n"
       "     for a target that names no operation; all HTTP 400), and a human-readable reason\n"
       "     on stderr\n"
       "  decode-request: 0 and the canonical JSON; 1 and the reason on stderr\n"
       "  decode-response: 0 and the canonical JSON (model member order, epoch-second\n"
       "     timestamps); 1 and the reason (and every deviation from the wire format) on stderr\n"
       "  validate-response: 0 and the canonical JSON; 1 and the AWS-style violation\n"
       "     message on stdout (or the decode reason on stderr)\n"
       "  encode-error: 0 and the body on stdout; 'HTTP <status>' and\n"
       "     'X-Amzn-ErrorType: <type>' on stderr\n"
       "  decode-error: 0 and the JSON above; 1 when the body cannot be decoded (not one\n"
       "     well-formed JSON object, or a member twice)\n"
       "  2  usage or I/O error (every command), an unknown --target/--operation included\n";
  return u;
}

// Text from the body made safe for a terminal or a log line: C0 and C1 control
// characters, DEL, U+2028 and U+2029 become \u escapes, so a value cannot end a log
// line or send escape sequences. Everything else (valid UTF-8) is kept.
std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size(); ++i) {
    uint32_t cp = p[i];
    size_t width = 1;
    if (cp == 0xC2 && i + 1 < text.size() && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
      cp = p[i + 1];  // U+0080..U+009F
      width = 2;
    } else if (cp == 0xE2 && i + 2 < text.size() && p[i + 1] == 0x80 &&
               (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
      cp = 0x2000 + (p[i + 2] - 0x80);  // U+2028, U+2029
      width = 3;
    } else if (cp >= 0x20 && cp != 0x7F) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
    out.append(buf);
    i += width - 1;
  }
  return out;
}

int UsageError(const std::string& message) {
  std::cerr << kName << ": " << message << "\n" << Usage();
  return kExitUsage;
}

bool ReadAll(std::FILE* f, std::string* out) {
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return !std::ferror(f);
}

// Reads FILE (or stdin for "-"); relative paths are taken from BUILD_WORKING_DIRECTORY
// when bazel run set it.
bool ReadInput(const std::string& file, std::string* out, std::string* error) {
  if (file == "-") {
    if (!ReadAll(stdin, out)) {
      *error = "cannot read standard input";
      return false;
    }
    return true;
  }
  std::string path = file;
  const char* wd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (wd != nullptr && *wd != '\0' && !path.empty() && path[0] != '/') path = std::string(wd) + "/" + path;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = ReadAll(f, out);
  std::fclose(f);
  if (!ok) {
    *error = "cannot read " + path;
    return false;
  }
  return true;
}

bool ParseSize(std::string_view text, size_t* out) {
  if (text.empty() || text.size() > 12) return false;
  size_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

// Reads a flag's value at args[*i], written `NAME VALUE` (then *i moves past VALUE) or
// `NAME=VALUE`. False, with *i unchanged, when args[*i] is not that flag.
bool FlagValue(const std::vector<std::string>& args, size_t* i, std::string_view name, std::string* value) {
  const std::string& a = args[*i];
  if (a == name && *i + 1 < args.size()) {
    *value = args[++*i];
    return true;
  }
  if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
    *value = a.substr(name.size() + 1);
    return true;
  }
  return false;
}

std::string Lower(std::string x) {
  for (char& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return x;
}

// A raw HTTP/1.1 request as a proxy captured it: the X-Amz-Target header and the body.
// False (with *error set) when it is not one.
bool ParseHttpRequest(std::string_view raw, std::string* target, bool* has_target, std::string* body,
                      std::string* error) {
  auto line_end = [&](size_t from, size_t* next) {
    size_t nl = raw.find('\n', from);
    if (nl == std::string_view::npos) return std::string_view::npos;
    *next = nl + 1;
    return nl > from && raw[nl - 1] == '\r' ? nl - 1 : nl;
  };
  size_t next = 0;
  size_t end = line_end(0, &next);
  if (end == std::string_view::npos || raw.substr(0, end).find(' ') == std::string_view::npos) {
    *error = "--http: no request line";
    return false;
  }
  *has_target = false;
  bool has_length = false, chunked = false;
  size_t length = 0;
  for (;;) {
    size_t from = next;
    end = line_end(from, &next);
    if (end == std::string_view::npos) {
      *error = "--http: the headers do not end with a blank line";
      return false;
    }
    if (end == from) break;
    std::string_view line = raw.substr(from, end - from);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      *error = "--http: malformed header line";
      return false;
    }
    std::string name = Lower(std::string(line.substr(0, colon)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (name == "x-amz-target") {
      if (*has_target) {
        *error = "--http: X-Amz-Target appears twice";
        return false;
      }
      *has_target = true;
      *target = std::string(value);
    } else if (name == "content-length") {
      if (has_length || !ParseSize(value, &length)) {
        *error = "--http: bad or repeated Content-Length";
        return false;
      }
      has_length = true;
    } else if (name == "transfer-encoding") {
      chunked = Lower(std::string(value)) == "chunked";
      if (!chunked) {
        *error = "--http: unsupported Transfer-Encoding";
        return false;
      }
    }
  }
  std::string_view rest = raw.substr(next);
  if (chunked) {
    if (has_length) {
      *error = "--http: both Content-Length and chunked";
      return false;
    }
    body->clear();
    size_t at = 0;
    for (;;) {
      size_t nl = rest.find('\n', at);
      if (nl == std::string_view::npos) {
        *error = "--http: truncated chunk";
        return false;
      }
      std::string_view size_line = rest.substr(at, nl - at);
      size_line = size_line.substr(0, size_line.find_first_of(";\r"));
      size_t n = 0;
      if (size_line.empty() || size_line.size() > 8) {
        *error = "--http: bad chunk size";
        return false;
      }
      for (char c : size_line) {
        int d = std::isxdigit(static_cast<unsigned char>(c))
                    ? (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10))
                    : -1;
        if (d < 0) {
          *error = "--http: bad chunk size";
          return false;
        }
        n = n * 16 + static_cast<size_t>(d);
      }
      at = nl + 1;
      if (n == 0) return true;  // trailers, if any, are not part of the body
      if (rest.size() - at < n) {
        *error = "--http: truncated chunk";
        return false;
      }
      body->append(rest.substr(at, n));
      at += n;
      if (rest.substr(at, 2) == "\r\n")
        at += 2;
      else if (rest.substr(at, 1) == "\n")
        at += 1;
      else {
        *error = "--http: chunk not followed by a line end";
        return false;
      }
    }
  }
  if (has_length) {
    if (rest.size() < length) {
      *error = "--http: the body is shorter than Content-Length";
      return false;
    }
    rest = rest.substr(0, length);
  }
  *body = std::string(rest);
  return true;
}

// Options shared by the commands that read a body.
struct BodyArgs {
  DecodeOptions decode;
  ValidateOptions validate;
  std::string file = "-";
  bool have_file = false;
  std::string body;
  // The operation: --target / --operation, else (with --http) the request's header.
  std::string target, operation;
  bool have_target = false, have_operation = false, http = false;
  bool http_has_target = false;  // --http: the request had an X-Amz-Target header
};

// Parses `args` for a body-reading command; `allowed` lists its own flags. Returns -1
// to go on, or the exit code to return.
int ParseBodyArgs(const std::vector<std::string>& args, const std::vector<std::string>& allowed,
                  BodyArgs* out) {
  auto permitted = [&](const std::string& flag) {
    for (const auto& a : allowed)
      if (a == flag) return true;
    return false;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    size_t n;
    std::string flag = a.substr(0, a.find('='));
    if (a == "--help" || a == "-h") {
      std::cout << Usage();
      return kExitValid;
    }
    if (a.size() > 1 && a[0] == '-' && !permitted(flag)) return UsageError("unknown option " + a);
    if (FlagValue(args, &i, "--target", &out->target)) {
      out->have_target = true;
    } else if (FlagValue(args, &i, "--operation", &out->operation)) {
      out->have_operation = true;
    } else if (a == "--http") {
      out->http = true;
    } else if (a == "--reject-unknown") {
      out->decode.reject_unknown_members = true;
    } else if (a == "--lenient") {
      out->decode.lenient = true;
    } else if (a == "--pattern-semantics=full") {
      out->validate.pattern_semantics = PatternSemantics::kFullMatch;
    } else if (a == "--pattern-semantics=search") {
      out->validate.pattern_semantics = PatternSemantics::kSearch;
    } else if (flag == "--max-body-bytes") {
      if (!ParseSize(std::string_view(a).substr(17), &n) || n == 0 || n > kMaxBodyBytesLimit) {
        return UsageError("bad --max-body-bytes: " + a);
      }
      out->decode.max_body_bytes = n;
    } else if (flag == "--max-depth") {
      if (!ParseSize(std::string_view(a).substr(12), &n) || n == 0 || n > kMaxDepthLimit) {
        return UsageError("bad --max-depth: " + a);
      }
      out->decode.max_depth = static_cast<uint32_t>(n);
    } else if (a.size() > 1 && a[0] == '-') {
      return UsageError("bad option " + a);
    } else {
      if (out->have_file) return UsageError("more than one FILE");
      out->file = a;
      out->have_file = true;
    }
  }
  if (out->have_target + out->have_operation + out->http > 1) {
    return UsageError("give the operation once: --target, --operation or --http");
  }
  std::string error;
  if (!ReadInput(out->file, &out->body, &error)) {
    std::cerr << kName << ": " << error << "\n";
    return kExitUsage;
  }
  if (out->http) {
    std::string raw;
    raw.swap(out->body);
    if (!ParseHttpRequest(raw, &out->target, &out->http_has_target, &out->body, &error)) {
      return UsageError(error);
    }
  }
  return -1;
}

// The operation the flags name (or the default one), or nullptr after printing why
// (a usage error). With --http the caller dispatches the header's value itself.
const OperationDesc* ChooseOperation(const BodyArgs& in) {
  if (in.have_target) {
    if (const OperationDesc* op = FindOperation(kModel, in.target)) return op;
    UsageError("--target " + Printable(in.target) + " names no operation (expected " +
               std::string(kModel.target_prefix) + ".<Operation>, case-sensitive)");
    return nullptr;
  }
  std::string_view name = in.have_operation ? std::string_view(in.operation) : kDefaultOperation;
  if (name.empty()) {
    UsageError("which operation? give --target " + std::string(kModel.target_prefix) +
               ".NAME or --operation NAME");
    return nullptr;
  }
  if (const OperationDesc* op = FindOperationByName(kModel, name)) return op;
  UsageError("--operation " + Printable(std::string(name)) + " names no operation");
  return nullptr;
}

const std::vector<std::string> kLimitFlags = {"--max-body-bytes", "--max-depth", "--reject-unknown",
                                              "--target", "--operation"};

std::vector<std::string> With(std::vector<std::string> flags, std::initializer_list<const char*> more) {
  for (const char* f : more) flags.emplace_back(f);
  return flags;
}

// Storage for one generated struct described at run time.
struct Object {
  explicit Object(const StructDesc& desc)
      : desc(desc),
        data(
            new std::max_align_t[(desc.size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t) + 1]) {
    desc.reset(data.get());
  }
  const StructDesc& desc;
  std::unique_ptr<std::max_align_t[]> data;
};

int ValidateRequest(const std::vector<std::string>& args) {
  BodyArgs in;
  int rc = ParseBodyArgs(args, With(kLimitFlags, {"--pattern-semantics", "--http"}), &in);
  if (rc >= 0) return rc;
  Validator validator(kModel, in.validate);
  RequestProcessor processor(kModel, ProcessorOptions{in.decode}, &validator);
  Outcome outcome;
  if (in.http) {
    // As the gateway would: the header's value, dispatched; none is an unknown operation.
    outcome =
        processor.Process(in.http_has_target ? std::string_view(in.target) : std::string_view(), in.body);
  } else {
    const OperationDesc* op = ChooseOperation(in);
    if (op == nullptr) return kExitUsage;
    outcome = processor.Process(*op, in.body);
  }
  if (outcome == Outcome::kValid) {
    std::string out;
    EncodeStruct(*processor.operation()->input, processor.request_data(), &out);
    std::cout << out << "\n";
    return kExitValid;
  }
  std::cout << processor.error_body() << "\n";
  std::cerr << kName << ": rejected (HTTP " << processor.http_status() << " " << processor.error_type()
            << "): " << Printable(processor.message()) << "\n";
  return kExitRejected;
}

int DecodeRequestCommand(const std::vector<std::string>& args) {
  BodyArgs in;
  int rc = ParseBodyArgs(args, With(kLimitFlags, {"--http"}), &in);
  if (rc >= 0) return rc;
  const OperationDesc* op = nullptr;
  if (in.http) {
    op = in.http_has_target ? FindOperation(kModel, in.target) : nullptr;
    if (op == nullptr) return UsageError("--http: the request's X-Amz-Target names no operation");
  } else if ((op = ChooseOperation(in)) == nullptr) {
    return kExitUsage;
  }
  StructDecoder decoder(in.decode);
  Object request(*op->input);
  DecodeStatus s = decoder.Decode(in.body, request.desc, request.data.get());
  if (!s.ok()) {
    std::string message;
    AppendDecodeErrorMessage(s, &message);
    std::cerr << kName << ": cannot decode the request: " << Printable(message) << "\n";
    return kExitRejected;
  }
  std::string out;
  EncodeStruct(request.desc, request.data.get(), &out);
  std::cout << out << "\n";
  return kExitValid;
}

// One line per stored deviation: "<prefix(deviation)><path>: <kind> at byte <offset>".
template <typename Prefix>
void PrintDeviations(const StructDecoder& engine, Prefix prefix) {
  for (size_t i = 0; i < engine.num_stored_deviations(); ++i) {
    const Deviation& d = engine.deviations()[i];
    std::cerr << kName << prefix(d) << Printable(d.path()) << ": " << DeviationKindName(d.kind) << " at byte "
              << d.offset << "\n";
  }
}

// Decodes a response body; on failure prints the reason and every deviation.
bool DecodeResponse(const BodyArgs& in, StructDecoder* decoder, Object* response) {
  DecodeStatus s = decoder->Decode(in.body, response->desc, response->data.get());
  if (s.ok()) {
    // Lenient: every deviation was accepted. Strict: only member names that differ in
    // case (ignored as unknown members) and null map values (dropped) can be left.
    PrintDeviations(*decoder, [&](const Deviation& d) {
      return d.kind == DeviationKind::kNullMapValue ? ": dropped: "
             : in.decode.lenient                    ? ": accepted (lenient): "
                                                    : ": ignored as an unknown member: ";
    });
    return true;
  }
  std::string message;
  AppendDecodeErrorMessage(s, &message);
  std::cerr << kName << ": cannot decode the response: " << Printable(message) << "\n";
  if (s.code == CodecError::kNotWireFormat) {
    std::cerr << kName << ": " << decoder->num_deviations()
              << " deviation(s) from the awsJson1_0 wire format:\n";
    for (size_t i = 0; i < decoder->num_stored_deviations(); ++i) {
      const Deviation& d = decoder->deviations()[i];
      std::cerr << "  " << Printable(d.path()) << ": " << DeviationKindName(d.kind) << " at byte " << d.offset
                << "\n";
    }
  }
  return false;
}

int DecodeResponseCommand(const std::vector<std::string>& args, bool validate) {
  BodyArgs in;
  int rc = validate ? ParseBodyArgs(args, With(kLimitFlags, {"--lenient", "--pattern-semantics"}), &in)
                    : ParseBodyArgs(args, With(kLimitFlags, {"--lenient"}), &in);
  if (rc >= 0) return rc;
  const OperationDesc* op = ChooseOperation(in);
  if (op == nullptr) return kExitUsage;
  StructDecoder decoder(in.decode);
  Object response(*op->output);
  if (!DecodeResponse(in, &decoder, &response)) return kExitRejected;
  if (validate) {
    Validator validator(kModel, in.validate);
    ValidationReport report;
    if (!validator.Validate(response.desc, response.data.get(), &report)) {
      std::cout << Printable(ValidationMessage(report)) << "\n";
      std::cerr << kName << ": the response breaks " << report.total() << " model constraint(s)\n";
      return kExitRejected;
    }
  }
  std::string out;
  EncodeStruct(response.desc, response.data.get(), &out);
  std::cout << out << "\n";
  return kExitValid;
}

// --target / --operation among other flags: removes them from `args` into `in`.
int TakeOperationFlags(std::vector<std::string>* args, BodyArgs* in) {
  std::vector<std::string> rest;
  for (size_t i = 0; i < args->size(); ++i) {
    if (FlagValue(*args, &i, "--target", &in->target)) {
      in->have_target = true;
    } else if (FlagValue(*args, &i, "--operation", &in->operation)) {
      in->have_operation = true;
    } else {
      rest.push_back((*args)[i]);
    }
  }
  if (in->have_target && in->have_operation)
    return UsageError("give the operation once: --target or --operation");
  args->swap(rest);
  return -1;
}

int EncodeErrorCommand(std::vector<std::string> args) {
  BodyArgs which;
  int rc = TakeOperationFlags(&args, &which);
  if (rc >= 0) return rc;
  std::string type, message, message_file;
  bool have_type = false, have_message = false, have_message_file = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << Usage();
      return kExitValid;
    } else if (FlagValue(args, &i, "--type", &type)) {
      have_type = true;
    } else if (FlagValue(args, &i, "--message", &message)) {
      have_message = true;
    } else if (FlagValue(args, &i, "--message-file", &message_file)) {
      have_message_file = true;
    } else {
      return UsageError("encode-error: unexpected argument " + a);
    }
  }
  if (have_message && have_message_file) {
    return UsageError("encode-error takes --message or --message-file, not both");
  }
  if (!have_type || (!have_message && !have_message_file)) {
    return UsageError("encode-error needs --type and --message (or --message-file)");
  }
  const OperationDesc* op = ChooseOperation(which);
  if (op == nullptr) return kExitUsage;
  {
    std::string probe;  // an unknown type is refused before stdin is read
    if (!EncodeError(*op, type, "", &probe).known) {
      return UsageError("encode-error: " + std::string(op->name) + " has no error type " + type);
    }
  }
  if (have_message_file) {
    // Raw bytes, NUL and newlines included; only invalid UTF-8 is refused, since the
    // body must be valid JSON text and the message must arrive as it was written.
    std::string error;
    if (!ReadInput(message_file, &message, &error)) {
      std::cerr << kName << ": encode-error: " << Printable(error) << "\n";
      return kExitUsage;
    }
    size_t bad = FirstInvalidUtf8(message);
    if (bad < message.size()) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(message[bad]));
      std::cerr << kName << ": encode-error: --message-file "
                << (message_file == "-" ? std::string("(standard input)") : Printable(message_file))
                << " is not valid UTF-8: the first invalid sequence starts at byte offset " << bad
                << " (byte " << byte << ")\n";
      return kExitUsage;
    }
  }
  std::string body;
  ErrorEncoding e = EncodeError(*op, type, message, &body);
  std::cout << body << "\n";
  std::cerr << "HTTP " << e.http_status << "\n" << kErrorTypeHeader << ": " << e.header_value << "\n";
  return kExitValid;
}

int DecodeErrorCommand(std::vector<std::string> args) {
  int status = 0;
  std::string header;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string value;
    const bool is_status = FlagValue(args, &i, "--status", &value);
    const bool is_header = !is_status && FlagValue(args, &i, "--header", &value);
    if (!is_status && !is_header) {
      rest.push_back(a);
      continue;
    }
    if (is_status) {
      size_t n;
      if (!ParseSize(value, &n) || n < 100 || n > 599) return UsageError("bad --status: " + value);
      status = static_cast<int>(n);
    }
    if (is_header) {
      size_t colon = value.find(':');
      std::string name = value.substr(0, colon);
      if (colon == std::string::npos || Lower(name) != Lower(std::string(kErrorTypeHeader))) {
        return UsageError("--header takes 'X-Amzn-ErrorType: VALUE', got: " + value);
      }
      header = value.substr(colon + 1);
    }
  }
  BodyArgs in;
  int rc = ParseBodyArgs(rest, kLimitFlags, &in);
  if (rc >= 0) return rc;
  const OperationDesc* op = ChooseOperation(in);
  if (op == nullptr) return kExitUsage;
  ErrorResponseDecoder decoder(in.decode);
  DecodedError err;
  DecodeStatus s = decoder.Decode(*op, status, header, in.body, &err);
  if (!s.ok()) {
    std::string message;
    AppendDecodeErrorMessage(s, &message);
    std::cerr << kName << ": cannot decode the error body: " << Printable(message) << "\n";
    return kExitRejected;
  }
  std::string out = "{\"type\":";
  if (err.source == DecodedError::Source::kNone)
    out += "null";
  else
    AppendJsonString(err.type, &out);
  out += ",\"message\":";
  if (err.has_message)
    AppendJsonString(err.message, &out);
  else
    out += "null";
  out += ",\"status\":" + std::to_string(status);
  out += ",\"fault\":\"" + std::string(FaultName(err.fault)) + "\"";
  out += std::string(",\"modelled\":") + (err.modelled ? "true" : "false") + "}";
  std::cout << out << "\n";
  return kExitValid;
}

int Run(std::vector<std::string> args) {
  if (args.empty()) return UsageError("missing COMMAND");
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << Usage();
    return kExitValid;
  }
  if (command == "validate-request") return ValidateRequest(args);
  if (command == "decode-request") return DecodeRequestCommand(args);
  if (command == "decode-response") return DecodeResponseCommand(args, /*validate=*/false);
  if (command == "validate-response") return DecodeResponseCommand(args, /*validate=*/true);
  if (command == "encode-error") return EncodeErrorCommand(args);
  if (command == "decode-error") return DecodeErrorCommand(args);
  return UsageError("unknown command " + command);
}

}  // namespace

int main(int argc, char** argv) {
  int rc = Run(std::vector<std::string>(argv + 1, argv + argc));
  // An output nobody received is an I/O error, not a result (a full disk, a closed pipe).
  std::cout.flush();
  if (!std::cout) {
    std::cerr << kName << ": cannot write standard output\n";
    return kExitUsage;
  }
  return rc;
}
