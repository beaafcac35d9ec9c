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
    .package(url: "https://github.com/apple/swift-system", from: "1.8.0"),
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
    // No pkgConfig: libutf8proc.pc adds -DUTF8PROC_EXPORTS, a flag SwiftPM refuses (a warning
    // on every build); the header is in /usr/include and the module map links the library.
    .systemLibrary(
      name: "CUTF8Proc",
      providers: [.apt(["libutf8proc-dev"])]
    ),
    // Header only: descriptors passed over a Unix socket (the query server's).
    .systemLibrary(name: "CSocket"),
    // Header only: system calls Swift's Glibc module does not declare (`preadv2`).
    .systemLibrary(name: "CSystemCalls"),
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),

    // The data's way: knowledge → query → rendering → shell → executable.
    // Files read, written and replaced, each operation written once (a leaf under everything).
    .target(
      name: "SystemIO",
      dependencies: ["CSystemCalls", .product(name: "SystemPackage", package: "swift-system")]
    ),
    // The binary cache format (checked payloads and blocks), used by the model's entries cache
    // and the engine's index cache.
    .target(name: "CacheFormat", dependencies: ["SystemIO"]),
    .target(
      name: "KnowledgeModel",
      dependencies: [
        "CacheFormat", "CSocket", "SystemIO", .product(name: "Yams", package: "Yams"),
      ]
    ),
    .target(name: "TerminalText", dependencies: ["CUTF8Proc"]),
    .target(
      name: "QueryEngine",
      dependencies: [
        "CacheFormat", "KnowledgeModel", "CStemmer", "Rendering", "SystemIO", "TerminalText",
      ],
      exclude: ["Variants/README.md"]
    ),
    .target(name: "Rendering", dependencies: ["TerminalText"]),
    // Briefings: a result list as a Markdown handout, and as HTML through cmark-gfm.
    .target(
      name: "Briefing", dependencies: ["KnowledgeModel", "QueryEngine", "CCmarkGFM", "SystemIO"]),
    .target(
      name: "SearchStore",
      dependencies: [
        "KnowledgeModel", "QueryEngine", "SystemIO", .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Changing the knowledge base's files: tags in front matter, new entries from templates.
    .target(name: "Curation", dependencies: ["KnowledgeModel", "SystemIO"]),
    .target(name: "LineEditing", dependencies: ["CLibEdit", "SystemIO", "TerminalText"]),
    .target(
      name: "ShellKit",
      dependencies: [
        "Briefing", "Curation", "KnowledgeModel", "QueryEngine", "Rendering", "SearchStore",
        "TerminalText",
      ]
    ),
    // The shell's input and output: terminal facts, standard output, the pager, commands, the
    // line sources (libedit, standard input), and the query server that answers one-shot
    // commands from a watch daemon's memory.
    .target(
      name: "Console",
      dependencies: [
        "CacheFormat", "CSocket", "KnowledgeModel", "LineEditing", "QueryEngine", "Rendering",
        "SearchStore", "ShellKit", "SystemIO", "TerminalText",
      ]
    ),
    .executableTarget(
      name: "safetykb",
      dependencies: [
        "Briefing", "Console", "KnowledgeModel", "QueryEngine", "Rendering", "SearchStore",
        "LineEditing", "ShellKit", "TerminalText",
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
    .testTarget(
      name: "KnowledgeModelTests",
      dependencies: [
        "CacheFormat", "KnowledgeModel", "SystemIO", "TestSupport",
        .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "CurationTests", dependencies: ["Curation", "KnowledgeModel", "TestSupport"]),
    .testTarget(name: "QueryEngineTests", dependencies: ["QueryEngine", "TestSupport"]),
    .testTarget(name: "RenderingTests", dependencies: ["Rendering", "TerminalText"]),
    .testTarget(
      name: "BriefingTests",
      dependencies: ["Briefing", "KnowledgeModel", "QueryEngine", "TestSupport"]),
    .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
    .testTarget(
      name: "SearchStoreTests", dependencies: ["SearchStore", "KnowledgeModel", "TestSupport"]),
    .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "TestSupport"]),
    .testTarget(
      name: "ShellKitTests", dependencies: ["ShellKit", "Briefing", "TestSupport"],
      exclude: ["Transcripts"]),
    .testTarget(
      name: "ConsoleTests",
      dependencies: ["Console", "KnowledgeModel", "Rendering", "TestSupport"]),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["KnowledgeModel", "TestSupport"]
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
