// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SafetyKB",
  products: [
    .executable(name: "safetykb", targets: ["safetykb"]),
    .executable(name: "safetykb-gen", targets: ["safetykb-gen"]),
    .executable(name: "safetykb-bench", targets: ["safetykb-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // C libraries from Debian packages (installed by scripts/setup).
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    .systemLibrary(
      name: "CStemmer",
      providers: [.apt(["libstemmer-dev"])]
    ),

    // The data's way: knowledge → query → rendering → shell → executable.
    .target(
      name: "KnowledgeModel",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    .target(name: "TerminalText"),
    .target(
      name: "QueryEngine",
      dependencies: ["KnowledgeModel", "CStemmer", "TerminalText"]
    ),
    .target(name: "Rendering", dependencies: ["TerminalText"]),
    .target(
      name: "SearchStore",
      dependencies: ["KnowledgeModel", "QueryEngine", .product(name: "Yams", package: "Yams")]
    ),
    // Changing the knowledge base's files: tags in front matter, new entries from templates.
    .target(name: "Curation", dependencies: ["KnowledgeModel"]),
    .target(name: "LineEditing", dependencies: ["CLibEdit", "TerminalText"]),
    .target(
      name: "ShellKit",
      dependencies: [
        "Curation", "KnowledgeModel", "QueryEngine", "Rendering", "SearchStore", "TerminalText",
      ]
    ),
    // The shell's input and output: terminal facts, standard output, the pager, commands, and
    // the line sources (libedit, standard input).
    .target(
      name: "Console",
      dependencies: ["LineEditing", "Rendering", "ShellKit", "TerminalText"]
    ),
    .executableTarget(
      name: "safetykb",
      dependencies: [
        "Console", "KnowledgeModel", "QueryEngine", "Rendering", "SearchStore", "LineEditing",
        "ShellKit", "TerminalText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // Benchmark tools: a generator of synthetic knowledge bases.
    .executableTarget(name: "safetykb-gen"),
    // and an in-process latency harness that runs a query mix N times.
    .executableTarget(
      name: "safetykb-bench",
      dependencies: ["KnowledgeModel", "QueryEngine", "Rendering", "ShellKit"]
    ),

    // Tests.
    .target(name: "TestSupport", dependencies: ["KnowledgeModel"]),
    .testTarget(name: "KnowledgeModelTests", dependencies: ["KnowledgeModel", "TestSupport"]),
    .testTarget(
      name: "CurationTests", dependencies: ["Curation", "KnowledgeModel", "TestSupport"]),
    .testTarget(name: "QueryEngineTests", dependencies: ["QueryEngine", "TestSupport"]),
    .testTarget(name: "RenderingTests", dependencies: ["Rendering", "TerminalText"]),
    .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
    .testTarget(
      name: "SearchStoreTests", dependencies: ["SearchStore", "KnowledgeModel", "TestSupport"]),
    .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "TestSupport"]),
    .testTarget(
      name: "ShellKitTests", dependencies: ["ShellKit", "TestSupport"], exclude: ["Transcripts"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["TestSupport"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/), built only by scripts/fuzz, which sets SAFETYKB_FUZZ=1 and builds
// them with `-sanitize=fuzzer,address` in its own build folder.
if Context.environment["SAFETYKB_FUZZ"] == "1" {
  package.targets += [
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    .executableTarget(
      name: "FuzzQuery",
      dependencies: ["FuzzSupport", "KnowledgeModel", "QueryEngine", "TestSupport"],
      path: "Fuzz/FuzzQuery"),
    .executableTarget(
      name: "FuzzEntry", dependencies: ["FuzzSupport", "KnowledgeModel"], path: "Fuzz/FuzzEntry"),
    .executableTarget(
      name: "FuzzStore", dependencies: ["FuzzSupport", "SearchStore"], path: "Fuzz/FuzzStore"),
  ]
}
