"""ps_fuzz_target: a libFuzzer target plus a corpus-replay test of the same code."""

load("//bazel:copts.bzl", "PS_TEST_COPTS")

def ps_fuzz_target(name, srcs, deps, corpus):
    """Defines `name` (the fuzzer binary) and `name + "_replay"` (a cc_test).

    `corpus` names a directory under corpus/, or is a list of them (all are replayed).

    Under --config=fuzz, `name` links libFuzzer's main (-fsanitize=fuzzer); otherwise it
    links replay_main, which runs the target over files given on its command line. The
    replay test runs the checked-in corpus with whatever build is configured (plain,
    asan, ...), so CI covers the corpus without libFuzzer.
    """
    native.cc_binary(
        name = name,
        srcs = srcs,
        copts = PS_TEST_COPTS,
        linkopts = select({
            "//tests/fuzz:fuzzing": ["-fsanitize=fuzzer"],
            "//conditions:default": [],
        }),
        deps = deps + select({
            "//tests/fuzz:fuzzing": [],
            "//conditions:default": ["//tests/fuzz:replay_main"],
        }),
        testonly = True,
    )
    corpora = [corpus] if type(corpus) == "string" else corpus
    native.cc_test(
        name = name + "_replay",
        size = "small",
        srcs = srcs,
        copts = PS_TEST_COPTS,
        args = ["tests/fuzz/corpus/" + c for c in corpora],
        data = native.glob(["corpus/" + c + "/**" for c in corpora]),
        deps = deps + ["//tests/fuzz:replay_main"],
    )
