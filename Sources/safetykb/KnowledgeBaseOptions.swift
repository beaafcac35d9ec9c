import ArgumentParser
import Foundation
import KnowledgeModel
import QueryEngine

private var environment: [String: String] { ProcessInfo.processInfo.environment }

/// `--kb DIR`, shared by every command that opens a knowledge base.
struct KnowledgeBaseOptions: ParsableArguments {
  @Option(
    name: .customLong("kb"),
    help: ArgumentHelp(
      "The knowledge base folder (default: $SAFETYKB_KB, ./knowledge, or the bundled one).",
      valueName: "dir"),
    completion: .directory)
  var folder: String?

  @Flag(
    name: .customLong("no-cache"),
    help: "Load every file and build the index afresh, without reading or writing the cache.")
  var noCache = false

  /// The folder the knowledge base is loaded from (after `load()` found one).
  var resolvedPath: String {
    KnowledgeBaseLocator.locate(flag: folder)?.path ?? folder ?? "knowledge"
  }

  /// Finds and loads the knowledge base, or throws a usage-level failure with a clear message.
  /// The cache to load through, unless `--no-cache` (for `.reload` in the shell too).
  var cache: CacheLocation? {
    noCache ? nil : CacheLocation.standard(environment: environment)
  }

  /// Starts reading the index cache on another thread, to run beside `load()` (nil without a
  /// cache). Whatever it reads is used only if it belongs to what `load()` then finds.
  func indexPrefetch() -> IndexPrefetch? {
    guard let cache, let (path, _) = KnowledgeBaseLocator.locate(flag: folder) else { return nil }
    return IndexPrefetch(path: cache.indexFile(forRoot: path))
  }

  /// `check` passes `useCache: false`: it reads every file itself, and cached entries do not keep
  /// the places of their keys and values that its messages point at.
  func load(useCache: Bool = true) throws -> KnowledgeBase {
    guard let (path, _) = KnowledgeBaseLocator.locate(flag: folder) else {
      throw Failure(
        "no knowledge base found: pass --kb DIR, set SAFETYKB_KB, or run from a folder with knowledge/vocabulary.yaml"
      )
    }
    do {
      let cache = useCache ? self.cache : nil
      let kb = try Loader.load(path, cache: cache, locations: !useCache)
      KeptUntilExit.keep(kb)
      return kb
    } catch {
      throw Failure(error.description)
    }
  }
}
