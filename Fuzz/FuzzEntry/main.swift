import FuzzSupport

// Hands the target to libFuzzer's driver (linked in by `-sanitize=fuzzer`); see scripts/fuzz.
var arguments = CommandLine.argc
var values = CommandLine.unsafeArgv
exit(runFuzzerDriver(&arguments, &values, fuzzEntry))
