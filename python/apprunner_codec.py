"""apprunner_codec: Python (ctypes) binding of libapprunner_codec.so.1, the AWS App Runner
awsJson1_0 request validator (C ABI: include/apprunner_codec.h). Pure Python, no
compiled extension; needs only the shared library.

Usage, e.g. in a mitmproxy addon (one Codec per thread; a test harness is the same):

    import threading, apprunner_codec
    from mitmproxy import http
    _local = threading.local()
    def request(flow):
        if not hasattr(_local, "codec"):
            _local.codec = apprunner_codec.Codec(max_body_size=1 << 20, deny=("Delete*",))
        r = flow.request
        v = _local.codec.inspect(r.method, r.path, r.headers.get("X-Amz-Target"),
                                 r.headers.get("Content-Type"), r.raw_content or b"")
        if not v.forward:
            flow.response = http.Response.make(v.status, v.body, v.headers())

The library is loaded, in order, from: the `library` argument (a path), the environment
variable APPRUNNER_CODEC_LIBRARY, then the name "libapprunner_codec.so.1" (the dynamic
linker's search: LD_LIBRARY_PATH, ldconfig's cache, ...).

Threads: a Codec is NOT thread-safe; use one per thread (the validators behind the
handles are shared, read-only, inside the library). The C calls release the GIL, so a
Codec used by two threads at once would corrupt its results: every call holds the
Codec's non-blocking guard, and a second thread entering while another is inside raises
RuntimeError instead. Handing a Codec from one thread to another, one at a time, is
fine. Module-level functions (version, operations) are thread-safe.
"""

import codecs
import ctypes
import dataclasses
import os
import threading
from typing import Dict, List, Optional, Tuple, Union

__all__ = [
    "Codec",
    "CodecError",
    "InvalidArgumentError",
    "Verdict",
    "Violation",
    "load_library",
    "operations",
    "version",
    "version_number",
    "LIBRARY_NAME",
    "LIBRARY_ENV",
]

LIBRARY_NAME = "libapprunner_codec.so.1"
LIBRARY_ENV = "APPRUNNER_CODEC_LIBRARY"
_ABI_MAJOR = 1  # APPRUNNER_CODEC_VERSION_MAJOR this binding's structures match

# apprunner_codec_status
OK = 0
NULL_ARGUMENT = -1
INVALID_ARGUMENT = -2
NO_MEMORY = -3
BUFFER_TOO_SMALL = -4
NO_RESULT = -5
INTERNAL = -6

# apprunner_codec_verdict
_FORWARD = 0
_REJECT = 1


# ---------------------------------------------------------------------------------------
# The C structures (include/apprunner_codec.h).

class _Str(ctypes.Structure):
    # data is never NULL; read with string_at(data, size) (embedded NULs are data).
    _fields_ = [("data", ctypes.c_void_p), ("size", ctypes.c_size_t)]


class _Request(ctypes.Structure):
    # c_void_p, not c_char_p: inputs are pointer + length, NULL meaning "absent".
    _fields_ = [
        ("method", ctypes.c_void_p),
        ("method_len", ctypes.c_size_t),
        ("path", ctypes.c_void_p),
        ("path_len", ctypes.c_size_t),
        ("target", ctypes.c_void_p),
        ("target_len", ctypes.c_size_t),
        ("content_type", ctypes.c_void_p),
        ("content_type_len", ctypes.c_size_t),
        ("body", ctypes.c_void_p),
        ("body_len", ctypes.c_size_t),
        ("body_capacity", ctypes.c_size_t),
    ]


class _Result(ctypes.Structure):
    _fields_ = [
        ("verdict", ctypes.c_int),
        ("check", ctypes.c_int),
        ("status", ctypes.c_int),
        ("operation", _Str),
        ("content_type", _Str),
        ("error_type", _Str),
        ("message", _Str),
        ("body", _Str),
        ("violation_count", ctypes.c_size_t),
    ]


class _Violation(ctypes.Structure):
    _fields_ = [("path", _Str), ("constraint", _Str), ("message", _Str)]


_Handle = ctypes.c_void_p  # apprunner_codec* (opaque)


def _bytes(s: _Str) -> bytes:
    if not s.size:
        return b""
    return ctypes.string_at(s.data, s.size)


# Text from the library is UTF-8, except where it quotes request bytes (a method, path or
# header value in a message) that are not. The JSON error body then carries the library's
# repair: each invalid sequence (an invalid byte and the continuation bytes after it)
# becomes one U+FFFD. Decoding with the same rule makes Verdict.message equal the body's
# "Message" (Python's own "replace" handler can give more U+FFFD).
_REPAIR = "apprunner_codec.repair"


def _repair(error: UnicodeError):
    if not isinstance(error, UnicodeDecodeError):
        raise error
    data = error.object
    end = error.start + 1
    while end < len(data) and (data[end] & 0xC0) == 0x80:
        end += 1
    return "\ufffd", end


codecs.register_error(_REPAIR, _repair)


def _text(s: _Str) -> str:
    return _bytes(s).decode("utf-8", _REPAIR)


# ---------------------------------------------------------------------------------------
# Loading.

class _Library:
    """One loaded copy of the library with every prototype this module uses declared."""

    def __init__(self, name: str):
        lib = ctypes.CDLL(name)
        self.name = name
        self.cdll = lib
        P = ctypes.POINTER
        c_int, c_size_t, c_char_p = ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p

        def fn(symbol, restype, *argtypes):
            f = getattr(lib, symbol)
            f.restype = restype
            f.argtypes = list(argtypes)
            setattr(self, "c_" + symbol[len("apprunner_codec_"):], f)

        fn("apprunner_codec_version", c_char_p)
        fn("apprunner_codec_version_number", c_int)
        fn("apprunner_codec_status_name", c_char_p, c_int)
        fn("apprunner_codec_check_name", c_char_p, c_int)
        fn("apprunner_codec_create", c_int, P(_Handle))
        fn("apprunner_codec_destroy", None, _Handle)
        fn("apprunner_codec_set_max_body_size", c_int, _Handle, c_size_t)
        fn("apprunner_codec_set_report_only", c_int, _Handle, c_int)
        fn("apprunner_codec_set_unknown_operation_status", c_int, _Handle, c_int)
        fn("apprunner_codec_allow", c_int, _Handle, ctypes.c_void_p, c_size_t)
        fn("apprunner_codec_deny", c_int, _Handle, ctypes.c_void_p, c_size_t)
        fn("apprunner_codec_clear_policy", c_int, _Handle)
        fn("apprunner_codec_is_allowed", c_int, _Handle, ctypes.c_void_p, c_size_t)
        fn("apprunner_codec_inspect", c_int, _Handle, P(_Request), P(P(_Result)))
        fn("apprunner_codec_violation_get", c_int, _Handle, c_size_t, P(_Violation))
        fn("apprunner_codec_violation_stored", c_size_t, _Handle)
        fn("apprunner_codec_last_error", c_char_p, _Handle)
        fn("apprunner_codec_operation_count", c_size_t)
        fn("apprunner_codec_operation_name", c_int, c_size_t, P(_Str))
        # Since 1.1; None with a 1.0 library.
        self.c_reject_body_too_large = None
        if hasattr(lib, "apprunner_codec_reject_body_too_large"):
            fn("apprunner_codec_reject_body_too_large", c_int, _Handle, c_size_t, P(P(_Result)))

        number = self.c_version_number()
        if number // 10000 != _ABI_MAJOR:
            raise OSError("%s has ABI version %d.x (version number %d); this binding needs %d.x"
                          % (name, number // 10000, number, _ABI_MAJOR))
        # Constant for the life of the process: computed once.
        self.check_names = {}
        self.operation_names = self._operations()

    def check_name(self, check: int) -> str:
        name = self.check_names.get(check)
        if name is None:
            name = self.c_check_name(check).decode("ascii")
            self.check_names[check] = name
        return name

    def status_text(self, status: int) -> str:
        return self.c_status_name(status).decode("ascii")

    def _operations(self) -> Tuple[str, ...]:
        names = []
        out = _Str()
        for i in range(self.c_operation_count()):
            status = self.c_operation_name(i, ctypes.byref(out))
            if status != OK:
                raise CodecError(status, self.status_text(status),
                                 "apprunner_codec_operation_name(%d) failed" % i)
            names.append(_text(out))
        return tuple(names)


_libraries: Dict[str, _Library] = {}
_libraries_lock = threading.Lock()


def load_library(library: Optional[str] = None) -> _Library:
    """The library (loaded once per name): `library`, else $APPRUNNER_CODEC_LIBRARY, else
    "libapprunner_codec.so.1". Raises OSError when it cannot be loaded."""
    if library is None:
        library = os.environ.get(LIBRARY_ENV) or LIBRARY_NAME
    library = os.fspath(library)
    with _libraries_lock:
        lib = _libraries.get(library)
        if lib is None:
            lib = _Library(library)
            _libraries[library] = lib
        return lib


def version(library: Optional[str] = None) -> str:
    """The loaded library's version, e.g. "1.1.0"."""
    return load_library(library).c_version().decode("ascii")


def version_number(library: Optional[str] = None) -> int:
    """MAJOR * 10000 + MINOR * 100 + PATCH of the loaded library."""
    return load_library(library).c_version_number()


def operations(library: Optional[str] = None) -> List[str]:
    """The model's operation names, in name order."""
    return list(load_library(library).operation_names)


# ---------------------------------------------------------------------------------------
# Errors and results.

class CodecError(Exception):
    """A C ABI call failed (negative apprunner_codec_status).

    status: the int status; status_name: "INVALID_ARGUMENT", ...; message: why
    (apprunner_codec_last_error, or a description from this binding)."""

    def __init__(self, status: int, status_name: str, message: str):
        super().__init__(status_name, message)
        self.status = status
        self.status_name = status_name
        self.message = message

    def __str__(self) -> str:
        return "%s: %s" % (self.status_name, self.message) if self.message else self.status_name


class InvalidArgumentError(CodecError, ValueError):
    """APPRUNNER_CODEC_INVALID_ARGUMENT: a value out of range, an unknown pattern or name."""


def _error(status: int, status_name: str, message: str) -> CodecError:
    cls = InvalidArgumentError if status == INVALID_ARGUMENT else CodecError
    return cls(status, status_name, message)


@dataclasses.dataclass(frozen=True)
class Violation:
    """One constraint violation: path ("serviceArn", "tags.2.key"), constraint
    ("Member must not be null") and the whole AWS message sentence."""
    path: str
    constraint: str
    message: str


@dataclasses.dataclass(frozen=True)
class Verdict:
    """The result of one inspect, copied out of the library (independent of the Codec).

    forward: pass the request on (always True in report-only mode); check: which check
    decided ("None" when every check passed, "BodyTooLarge", "Method", "Path",
    "ContentType", "UnknownOperation", "Denied", "Serialization", "Validation");
    status: HTTP status of the answer (200 when accepted); operation: "PauseService", or
    None before dispatch; content_type: of the answer; error_type: X-Amzn-ErrorType and
    __type (None when accepted); message: the error message ("" when accepted); body:
    the awsJson1_0 error body (b"" when accepted); violations: the stored constraint
    violations (at most 64); violation_count: all violations found.
    Text fields are decoded as the library repairs the JSON body (an invalid UTF-8
    sequence of the request quoted in a message becomes one U+FFFD), so that
    json.loads(body) == {"__type": error_type, "Message": message} always holds.
    """
    forward: bool
    check: str
    status: int
    operation: Optional[str]
    content_type: str
    error_type: Optional[str]
    message: str
    body: bytes
    violations: Tuple[Violation, ...]
    violation_count: int

    @property
    def rejected(self) -> bool:
        """True when the request is (or, in report-only mode, would be) rejected."""
        return self.check != "None"

    def headers(self) -> Dict[str, str]:
        """The response headers of the rejection (Content-Type, X-Amzn-ErrorType,
        Content-Length as a decimal string); also in report-only mode, for the rejection
        that would have been sent. {} when the request was accepted."""
        if self.error_type is None:
            return {}
        return {
            "Content-Type": self.content_type,
            "X-Amzn-ErrorType": self.error_type,
            "Content-Length": str(len(self.body)),
        }


# ---------------------------------------------------------------------------------------
# The codec.

_Input = Union[str, bytes, bytearray, memoryview]


def _encode(value: Optional[_Input], what: str) -> Optional[bytes]:
    if value is None:
        return None
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s must be str, bytes-like or None, not %s" % (what, type(value).__name__))


def _patterns(value, what: str) -> Tuple[_Input, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        return (value,)  # a single pattern, not its characters
    return tuple(value)


class Codec:
    """One validator handle (apprunner_codec*). Not thread-safe: one per thread (see the
    module docstring); concurrent use from two threads raises RuntimeError.

    max_body_size: largest accepted body, 1 .. 2**31 bytes (None: the library's 1 MiB).
    report_only: always forward, still compute the verdict.
    allow, deny: operation patterns ("PauseService", "Describe*"); allowed = (no allow
    pattern, or one matches) and no deny pattern matches.
    unknown_operation_status: 400 (None: the default) or 404.
    library: path of the shared library (see load_library).
    Bad values raise InvalidArgumentError (a ValueError)."""

    def __init__(self, max_body_size: Optional[int] = None, report_only: bool = False,
                 allow=(), deny=(), unknown_operation_status: Optional[int] = None,
                 library: Optional[str] = None):
        self._handle = None  # first, so that __del__/close work if anything below raises
        self._guard = threading.Lock()
        self._lib = load_library(library)
        self._destroy = self._lib.c_destroy  # kept for __del__ at interpreter shutdown
        handle = _Handle()
        status = self._lib.c_create(ctypes.byref(handle))
        if status != OK or not handle.value:
            raise _error(status or NO_MEMORY, self._lib.status_text(status or NO_MEMORY),
                         "apprunner_codec_create failed")
        self._handle = handle
        try:
            if max_body_size is not None:
                self._set_max_body_size(max_body_size)
            if report_only:
                self._call(self._lib.c_set_report_only, 1)
            if unknown_operation_status is not None:
                if isinstance(unknown_operation_status, bool) or not isinstance(
                        unknown_operation_status, int):
                    raise TypeError("unknown_operation_status must be an int")
                self._call(self._lib.c_set_unknown_operation_status, unknown_operation_status)
            for pattern in _patterns(allow, "allow"):
                self.allow(pattern)
            for pattern in _patterns(deny, "deny"):
                self.deny(pattern)
        except BaseException:
            self.close()
            raise

    # -- lifetime

    def close(self) -> None:
        """Destroys the handle; idempotent. The Codec is unusable afterwards."""
        handle = self._handle
        if handle is None:
            return
        if not self._guard.acquire(blocking=False):
            raise RuntimeError("Codec.close() while another thread is using the Codec")
        try:
            self._handle = None
            self._destroy(handle)
        finally:
            self._guard.release()

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> "Codec":
        self._live()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __del__(self):
        # Safe on a half-constructed object and at interpreter shutdown (no module globals).
        handle = getattr(self, "_handle", None)
        if handle is not None:
            self._handle = None
            try:
                self._destroy(handle)
            except Exception:  # noqa: BLE001 - nothing sensible to do in a finalizer
                pass

    def __repr__(self) -> str:
        return "<apprunner_codec.Codec %s>" % ("closed" if self._handle is None else
                                               "handle=0x%x" % self._handle.value)

    # -- plumbing

    def _live(self):
        handle = self._handle
        if handle is None:
            raise ValueError("operation on a closed Codec")
        return handle

    def _enter(self):
        handle = self._live()
        if not self._guard.acquire(blocking=False):
            raise RuntimeError("apprunner_codec.Codec used by two threads at once; "
                               "a Codec is not thread-safe: use one per thread")
        return handle

    def _fail(self, handle, status: int, fallback: str) -> CodecError:
        why = self._lib.c_last_error(handle)
        why = why.decode("utf-8", _REPAIR) if why else ""
        return _error(status, self._lib.status_text(status), why or fallback)

    def _call(self, fn, *args) -> int:
        handle = self._enter()
        try:
            status = fn(handle, *args)
            if status < 0:
                raise self._fail(handle, status, "%s failed" % fn.__name__)
            return status
        finally:
            self._guard.release()

    def _set_max_body_size(self, size) -> None:
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError("max_body_size must be an int")
        if size < 0:  # c_size_t would wrap it around
            raise _error(INVALID_ARGUMENT, self._lib.status_text(INVALID_ARGUMENT),
                         "max body size must be between 1 and 2147483648 bytes")
        self._call(self._lib.c_set_max_body_size, size)

    def _pattern_call(self, fn, pattern, what: str) -> None:
        data = _encode(pattern, what)
        if data is None:
            raise TypeError("%s must be str or bytes, not None" % what)
        self._call(fn, data, len(data))

    # -- configuration (each invalidates nothing on the Python side: Verdicts are copies)

    def set_max_body_size(self, size: int) -> None:
        self._set_max_body_size(size)

    def set_report_only(self, report_only: bool) -> None:
        self._call(self._lib.c_set_report_only, 1 if report_only else 0)

    def set_unknown_operation_status(self, status: int) -> None:
        self._call(self._lib.c_set_unknown_operation_status, int(status))

    def allow(self, pattern: _Input) -> None:
        """Adds an allow pattern; InvalidArgumentError when it matches no operation."""
        self._pattern_call(self._lib.c_allow, pattern, "pattern")

    def deny(self, pattern: _Input) -> None:
        """Adds a deny pattern; InvalidArgumentError when it matches no operation."""
        self._pattern_call(self._lib.c_deny, pattern, "pattern")

    def clear_policy(self) -> None:
        """Removes every allow and deny pattern (every operation allowed)."""
        self._call(self._lib.c_clear_policy)

    def is_allowed(self, name: _Input) -> bool:
        """Whether operation `name` ("PauseService") is allowed by the policy;
        InvalidArgumentError when `name` is no operation."""
        data = _encode(name, "name")
        if data is None:
            raise TypeError("name must be str or bytes, not None")
        handle = self._enter()
        try:
            status = self._lib.c_is_allowed(handle, data, len(data))
        finally:
            self._guard.release()
        if status < 0:
            # The library sets no last_error here (the handle is const): say it ourselves.
            raise _error(status, self._lib.status_text(status),
                         "%r is not an operation of the model" % (name,))
        return status == 1

    # -- inspection

    def inspect(self, method: _Input, path: _Input, target: Optional[_Input],
                content_type: Optional[_Input], body: _Input = b"") -> Verdict:
        """Inspects one request: method ("POST"), path ("/"), the X-Amz-Target and
        Content-Type header values (None: header absent) and the body (bytes, or str
        encoded as UTF-8; passed with its exact length, embedded NULs included)."""
        method_b = _encode(method, "method")
        path_b = _encode(path, "path")
        target_b = _encode(target, "target")
        ct_b = _encode(content_type, "content_type")
        body_b = _encode(body if body is not None else b"", "body")
        if method_b is None or path_b is None:
            raise TypeError("method and path must not be None")

        # The bytes objects stay referenced (locals) for the whole call; c_char_p gives
        # the address of their buffers without a copy.
        keep = []
        req = _Request()

        def put(field, value):
            if value is None:
                return  # NULL, length 0: absent
            buf = ctypes.c_char_p(value)
            keep.append(buf)
            setattr(req, field, ctypes.cast(buf, ctypes.c_void_p).value)
            setattr(req, field + "_len", len(value))

        put("method", method_b)
        put("path", path_b)
        put("target", target_b)
        put("content_type", ct_b)
        put("body", body_b)
        req.body_capacity = 0  # unknown: the library copies the body once

        result_p = ctypes.POINTER(_Result)()
        handle = self._enter()
        try:
            status = self._lib.c_inspect(handle, ctypes.byref(req), ctypes.byref(result_p))
            if status != OK:
                raise self._fail(handle, status, "apprunner_codec_inspect failed")
            verdict = self._verdict(handle, result_p.contents)
        finally:
            self._guard.release()
        del keep
        return verdict

    def reject_body_too_large(self, body_len: int = 0) -> Verdict:
        """The answer for a body the gateway refused for its size before reading it
        (C ABI 1.1): a rejected Verdict, 413 RequestEntityTooLargeException, the message
        inspect gives against this Codec's max_body_size, also in report-only mode.
        body_len: the declared size; 0 when unknown."""
        if self._lib.c_reject_body_too_large is None:
            raise CodecError(INVALID_ARGUMENT, "INVALID_ARGUMENT",
                             "%s is older than 1.1: no apprunner_codec_reject_body_too_large"
                             % self._lib.name)
        if isinstance(body_len, bool) or not isinstance(body_len, int) or body_len < 0:
            raise ValueError("body_len must be an int >= 0, not %r" % (body_len,))
        result_p = ctypes.POINTER(_Result)()
        handle = self._enter()
        try:
            status = self._lib.c_reject_body_too_large(handle, body_len, ctypes.byref(result_p))
            if status != OK:
                raise self._fail(handle, status, "apprunner_codec_reject_body_too_large failed")
            return self._verdict(handle, result_p.contents)
        finally:
            self._guard.release()

    def _verdict(self, handle, r) -> Verdict:
        # Copy everything now: the C result lives until the next call on the handle.
        return Verdict(
            forward=r.verdict == _FORWARD,
            check=self._lib.check_name(r.check),
            status=r.status,
            operation=_text(r.operation) or None,
            content_type=_text(r.content_type),
            error_type=_text(r.error_type) or None,
            message=_text(r.message),
            body=_bytes(r.body),
            violations=self._violations(handle),
            violation_count=r.violation_count,
        )

    def _violations(self, handle) -> Tuple[Violation, ...]:
        stored = self._lib.c_violation_stored(handle)
        if not stored:
            return ()
        out = []
        v = _Violation()
        for i in range(stored):
            status = self._lib.c_violation_get(handle, i, ctypes.byref(v))
            if status != OK:
                raise self._fail(handle, status, "apprunner_codec_violation_get(%d) failed" % i)
            out.append(Violation(_text(v.path), _text(v.constraint), _text(v.message)))
        return tuple(out)
