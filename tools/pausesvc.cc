// pausesvc: the command-line face of apprunner-codec.
//
//   pausesvc validate-request [--reject-unknown] [--pattern-semantics=full|search] [FILE|-]
//   pausesvc decode-response [--lenient] [FILE|-]
//   pausesvc validate-response [--lenient] [FILE|-]
//   pausesvc encode-error --type NAME (--message TEXT | --message-file FILE|-)
//   pausesvc decode-error [--status N] [--header 'X-Amzn-ErrorType: V'] [FILE|-]
//
// encode-error's message is --message TEXT or the raw bytes of --message-file FILE
// (stdin for '-'; NUL allowed; must be valid UTF-8), not both.
//
// See kUsage for the contract (exit codes, outputs).
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "api/errors.h"
#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"

namespace {

using namespace apprunner::pause_service;

constexpr int kExitValid = 0;
constexpr int kExitRejected = 1;
constexpr int kExitUsage = 2;

const char kUsage[] =
    "usage: pausesvc COMMAND [OPTIONS] [FILE|-]\n"
    "\n"
    "Commands:\n"
    "  validate-request   Decode and validate a PauseService request body (awsJson1_0).\n"
    "  decode-response    Decode a PauseService response body; print its canonical JSON.\n"
    "  validate-response  Decode a response and check every model constraint.\n"
    "  encode-error       Print the awsJson1_0 body of an error; status and header on stderr.\n"
    "  decode-error       Decode an error response as awsJson1_0 clients must.\n"
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
    "decode-response / validate-response options:\n"
    "  --lenient       also accept the AWS CLI's output form (ISO-8601 timestamp strings,\n"
    "                  maps as lists of one-pair objects, member names differing in case);\n"
    "                  without it each such use is listed with its path and rejected\n"
    "  --max-body-bytes=N, --max-depth=N, --reject-unknown as above\n"
    "\n"
    "encode-error options:\n"
    "  --type NAME     InvalidRequestException, InvalidStateException,\n"
    "                  ResourceNotFoundException, InternalServiceErrorException or\n"
    "                  SerializationException\n"
    "  --message TEXT  the error message\n"
    "  --message-file FILE|-\n"
    "                  the error message: the bytes of FILE (standard input for '-'), as\n"
    "                  they are (no newline stripped; NUL allowed); they must be valid\n"
    "                  UTF-8. Exactly one of --message and --message-file\n"
    "\n"
    "decode-error options:\n"
    "  --status N                    the HTTP status of the response\n"
    "  --header 'X-Amzn-ErrorType: V' the error-type header, when the response had one\n"
    "  prints {\"type\":..,\"message\":..,\"status\":..,\"fault\":\"client|server|unknown\",\"modelled\":..}\n"
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
    "     (SerializationException when the body cannot be decoded; both are HTTP 400),\n"
    "     and a human-readable reason on stderr\n"
    "  decode-response: 0 and the canonical JSON (model member order, epoch-second\n"
    "     timestamps); 1 and the reason (and every deviation from the wire format) on stderr\n"
    "  validate-response: 0 and the canonical JSON; 1 and the AWS-style violation\n"
    "     message on stdout (or the decode reason on stderr)\n"
    "  encode-error: 0 and the body on stdout; 'HTTP <status>' and\n"
    "     'X-Amzn-ErrorType: <type>' on stderr\n"
    "  decode-error: 0 and the JSON above; 1 when the body cannot be decoded (not one\n"
    "     well-formed JSON object, or a member twice)\n"
    "  2  usage or I/O error (every command)\n";

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
  std::cerr << "pausesvc: " << message << "\n" << kUsage;
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
    if (!ReadAll(stdin, out)) { *error = "cannot read standard input"; return false; }
    return true;
  }
  std::string path = file;
  const char* wd = std::getenv("BUILD_WORKING_DIRECTORY");
  if (wd != nullptr && *wd != '\0' && !path.empty() && path[0] != '/') path = std::string(wd) + "/" + path;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) { *error = "cannot open " + path + ": " + std::strerror(errno); return false; }
  bool ok = ReadAll(f, out);
  std::fclose(f);
  if (!ok) { *error = "cannot read " + path; return false; }
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

// Options shared by the commands that read a body.
struct BodyArgs {
  DecodeOptions decode;
  ValidateOptions validate;
  std::string file = "-";
  bool have_file = false;
  std::string body;
};

// Parses `args` for a body-reading command; `allowed` lists its own flags. Returns -1
// to go on, or the exit code to return.
int ParseBodyArgs(const std::vector<std::string>& args, const std::vector<std::string>& allowed,
                  BodyArgs* out) {
  auto permitted = [&](const std::string& flag) {
    for (const auto& a : allowed) if (a == flag) return true;
    return false;
  };
  for (const std::string& a : args) {
    size_t n;
    std::string flag = a.substr(0, a.find('='));
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return kExitValid;
    }
    if (a.size() > 1 && a[0] == '-' && !permitted(flag)) return UsageError("unknown option " + a);
    if (a == "--reject-unknown") {
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
  std::string error;
  if (!ReadInput(out->file, &out->body, &error)) {
    std::cerr << "pausesvc: " << error << "\n";
    return kExitUsage;
  }
  return -1;
}

const std::vector<std::string> kLimitFlags = {"--max-body-bytes", "--max-depth", "--reject-unknown"};

std::vector<std::string> With(std::vector<std::string> flags, std::initializer_list<const char*> more) {
  for (const char* f : more) flags.emplace_back(f);
  return flags;
}

int ValidateRequest(const std::vector<std::string>& args) {
  BodyArgs in;
  int rc = ParseBodyArgs(args, With(kLimitFlags, {"--pattern-semantics"}), &in);
  if (rc >= 0) return rc;
  Validator validator(in.validate);
  PauseServiceRequestProcessor processor(in.decode, validator);
  if (processor.Process(in.body) == Outcome::kValid) {
    std::string out;
    EncodeJson(processor.request(), &out);
    std::cout << out << "\n";
    return kExitValid;
  }
  std::cout << processor.error_body() << "\n";
  std::cerr << "pausesvc: rejected (HTTP " << processor.http_status() << " "
            << processor.error_type() << "): " << Printable(processor.message()) << "\n";
  return kExitRejected;
}

// One line per stored deviation: "<prefix(deviation)><path>: <kind> at byte <offset>".
template <typename Prefix>
void PrintDeviations(const StructDecoder& engine, Prefix prefix) {
  for (size_t i = 0; i < engine.num_stored_deviations(); ++i) {
    const Deviation& d = engine.deviations()[i];
    std::cerr << prefix(d) << Printable(d.path()) << ": " << DeviationKindName(d.kind) << " at byte "
              << d.offset << "\n";
  }
}

// Decodes a response body; on failure prints the reason and every deviation.
bool DecodeResponse(const BodyArgs& in, PauseServiceResponseDecoder* decoder,
                    PauseServiceResponse* response) {
  DecodeStatus s = decoder->Decode(in.body, response);
  const StructDecoder& engine = decoder->engine();
  if (s.ok()) {
    // Lenient: every deviation was accepted. Strict: only member names that differ in
    // case (ignored as unknown members) and null map values (dropped) can be left.
    PrintDeviations(engine, [&](const Deviation& d) {
      return d.kind == DeviationKind::kNullMapValue ? "pausesvc: dropped: "
             : in.decode.lenient                   ? "pausesvc: accepted (lenient): "
                                                   : "pausesvc: ignored as an unknown member: ";
    });
    return true;
  }
  std::string message;
  AppendDecodeErrorMessage(s, &message);
  std::cerr << "pausesvc: cannot decode the response: " << Printable(message) << "\n";
  if (s.code == CodecError::kNotWireFormat) {
    std::cerr << "pausesvc: " << engine.num_deviations() << " deviation(s) from the awsJson1_0 wire format:\n";
    PrintDeviations(engine, [](const Deviation&) { return "  "; });
  }
  return false;
}

int DecodeResponseCommand(const std::vector<std::string>& args) {
  BodyArgs in;
  int rc = ParseBodyArgs(args, With(kLimitFlags, {"--lenient"}), &in);
  if (rc >= 0) return rc;
  PauseServiceResponseDecoder decoder(in.decode);
  PauseServiceResponse response;
  if (!DecodeResponse(in, &decoder, &response)) return kExitRejected;
  std::string out;
  EncodeJson(response, &out);
  std::cout << out << "\n";
  return kExitValid;
}

int ValidateResponseCommand(const std::vector<std::string>& args) {
  BodyArgs in;
  int rc = ParseBodyArgs(args, With(kLimitFlags, {"--lenient", "--pattern-semantics"}), &in);
  if (rc >= 0) return rc;
  PauseServiceResponseDecoder decoder(in.decode);
  PauseServiceResponse response;
  if (!DecodeResponse(in, &decoder, &response)) return kExitRejected;
  Validator validator(in.validate);
  ValidationReport report;
  if (!validator.Validate(response, &report)) {
    std::cout << Printable(ValidationMessage(report)) << "\n";
    std::cerr << "pausesvc: the response breaks " << report.total() << " model constraint(s)\n";
    return kExitRejected;
  }
  std::string out;
  EncodeJson(response, &out);
  std::cout << out << "\n";
  return kExitValid;
}

// Reads a flag's value at args[*i], written `NAME VALUE` (then *i moves past VALUE) or
// `NAME=VALUE`. False, with *i unchanged, when args[*i] is not that flag.
bool FlagValue(const std::vector<std::string>& args, size_t* i, std::string_view name,
               std::string* value) {
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

int EncodeErrorCommand(const std::vector<std::string>& args) {
  std::string type, message, message_file;
  bool have_type = false, have_message = false, have_message_file = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
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
  {
    std::string probe;  // an unknown type is refused before stdin is read
    if (!EncodeError(type, "", &probe).known) return UsageError("encode-error: unknown error type " + type);
  }
  if (have_message_file) {
    // Raw bytes, NUL and newlines included; only invalid UTF-8 is refused, since the
    // body must be valid JSON text and the message must arrive as it was written.
    std::string error;
    if (!ReadInput(message_file, &message, &error)) {
      std::cerr << "pausesvc: encode-error: " << Printable(error) << "\n";
      return kExitUsage;
    }
    size_t bad = FirstInvalidUtf8(message);
    if (bad < message.size()) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(message[bad]));
      std::cerr << "pausesvc: encode-error: --message-file "
                << (message_file == "-" ? std::string("(standard input)") : Printable(message_file))
                << " is not valid UTF-8: the first invalid sequence starts at byte offset "
                << bad << " (byte " << byte << ")\n";
      return kExitUsage;
    }
  }
  std::string body;
  ErrorEncoding e = EncodeError(type, message, &body);
  std::cout << body << "\n";
  std::cerr << "HTTP " << e.http_status << "\n" << kErrorTypeHeader << ": " << e.header_value << "\n";
  return kExitValid;
}

int DecodeErrorCommand(const std::vector<std::string>& args) {
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
      auto lower = [](std::string x) {
        for (char& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return x;
      };
      if (colon == std::string::npos || lower(name) != lower(std::string(kErrorTypeHeader))) {
        return UsageError("--header takes 'X-Amzn-ErrorType: VALUE', got: " + value);
      }
      header = value.substr(colon + 1);
    }
  }
  BodyArgs in;
  int rc = ParseBodyArgs(rest, kLimitFlags, &in);
  if (rc >= 0) return rc;
  ErrorResponseDecoder decoder(in.decode);
  DecodedError err;
  DecodeStatus s = decoder.Decode(status, header, in.body, &err);
  if (!s.ok()) {
    std::string message;
    AppendDecodeErrorMessage(s, &message);
    std::cerr << "pausesvc: cannot decode the error body: " << Printable(message) << "\n";
    return kExitRejected;
  }
  std::string out = "{\"type\":";
  if (err.source == DecodedError::Source::kNone) out += "null"; else AppendJsonString(err.type, &out);
  out += ",\"message\":";
  if (err.has_message) AppendJsonString(err.message, &out); else out += "null";
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
    std::cout << kUsage;
    return kExitValid;
  }
  if (command == "validate-request") return ValidateRequest(args);
  if (command == "decode-response") return DecodeResponseCommand(args);
  if (command == "validate-response") return ValidateResponseCommand(args);
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
    std::cerr << "pausesvc: cannot write standard output\n";
    return kExitUsage;
  }
  return rc;
}
