"""For workspaces that depend on apprunner-codec.

    # WORKSPACE of your project
    local_repository(name = "apprunner_codec", path = "/path/to/apprunner-codec")
    load("@apprunner_codec//bazel:deps.bzl", "apprunner_codec_dependencies")
    apprunner_codec_dependencies()

    # BUILD
    cc_binary(name = "gateway", srcs = ["gateway.cc"], deps = ["@apprunner_codec//api"])
    cc_binary(name = "gateway_c", srcs = ["gateway.c"], deps = ["@apprunner_codec//capi"])

and build with C++17 (`build --cxxopt=-std=c++17 --host_cxxopt=-std=c++17` in .bazelrc).
"""

def _system_library(name, build_file):
    if name not in native.existing_rules():
        native.new_local_repository(
            name = name,
            path = "/usr",
            build_file = str(Label(build_file)),
        )

def apprunner_codec_dependencies():
    """Declares the Debian 12 libraries the library builds against (simdjson, RE2,
    Abseil; from their -dev packages) under the repository names its BUILD files use,
    unless the workspace already declares them."""
    _system_library("simdjson", "//third_party/system:simdjson.BUILD")
    _system_library("com_googlesource_code_re2", "//third_party/system:re2.BUILD")
    _system_library("com_google_absl", "//third_party/system:absl.BUILD")
