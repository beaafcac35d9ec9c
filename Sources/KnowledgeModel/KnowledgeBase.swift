/// A loaded knowledge base: its entries, its vocabulary (if it has one) and the problems met while
/// loading it.
public struct KnowledgeBase: Sendable {
  /// The folder, as the user named it (used in messages).
  public var root: String
  /// The vocabulary's name, or the folder's name.
  public var name: String
  public var vocabulary: Vocabulary?
  /// Loaded entries, in path order.
  public var entries: EntryList
  /// Problems met while loading (file-level); `Checker` adds the semantic ones.
  public var diagnostics: [Diagnostic]
  /// Markdown files found.
  public var fileCount: Int
  /// Files that could not be loaded at all.
  public var failedFiles: Int
  /// When loaded through the cache: a key for the content the index is built from, and where the
  /// index cache lives.
  public var cacheKey: UInt64?
  public var indexCachePath: String?
  /// When loaded through the cache: for each entry, the content hash of its file; and a key for
  /// everything else every entry depends on (the vocabulary, the cache format). An index built
  /// for the same settings can be brought up to date entry by entry, matching paths and hashes.
  public var entryHashes: [UInt64]?
  public var settingsKey: UInt64?
  /// How the load used the watch daemon, when it did (nil: no daemon, `SAFETYKB_WATCH=never`
  /// or no cache): a knowledge base large enough for one is large enough for its index to be
  /// built again in the background after changes (`SearchIndex.cached`).
  public var watch: WatchUse?
  /// The Markdown files as they were read, for live reload and for safe rewrites.
  public var files = FileTable()
  /// The vocabulary file as it was read (nil when there is none).
  public var vocabularySnapshot: FileSnapshot?
  /// For several knowledge bases searched as one: their names, in order (empty for one).
  public var members: [String] = []
  /// When an index built with no cache file is written to a scratch folder rather than held
  /// (`SearchIndex.init`).
  public var spill = SpillPolicy.standard
  /// How the files were parsed, to parse changed ones the same way.
  public var parser = EntryParser(curated: false, locations: false)
  /// How many entry files the load looked at on disk (stamped, or read): every file, unless a
  /// watch daemon named the few that changed.
  public var filesLookedAt = 0

  public init(
    root: String, name: String, vocabulary: Vocabulary?, entries: EntryList,
    diagnostics: [Diagnostic] = [], fileCount: Int? = nil, failedFiles: Int = 0
  ) {
    self.root = root
    self.name = name
    self.vocabulary = vocabulary
    self.entries = entries
    self.diagnostics = diagnostics
    self.fileCount = fileCount ?? entries.count
    self.failedFiles = failedFiles
  }

  public init(
    root: String, name: String, vocabulary: Vocabulary?, entries: [Entry],
    diagnostics: [Diagnostic] = [], fileCount: Int? = nil, failedFiles: Int = 0
  ) {
    self.init(
      root: root, name: name, vocabulary: vocabulary, entries: EntryList(entries),
      diagnostics: diagnostics, fileCount: fileCount, failedFiles: failedFiles)
  }

  /// The file a knowledge base's vocabulary lives in.
  public static let vocabularyFile = "vocabulary.yaml"
  /// The file a knowledge base's shared saved searches live in.
  public static let searchesFile = "searches.yaml"

  /// The path of a file of this knowledge base, as shown in messages.
  public func displayPath(_ relative: String) -> String {
    KnowledgeBase.join(root, relative)
  }

  static func join(_ root: String, _ relative: String) -> String {
    if root.isEmpty || root == "." { return relative }
    return root.hasSuffix("/") ? root + relative : root + "/" + relative
  }

  /// Errors among the diagnostics.
  public var errorCount: Int { diagnostics.count { $0.severity == .error } }
  public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// Why a knowledge base could not be opened at all.
public enum KnowledgeBaseError: Error, Equatable, CustomStringConvertible {
  case notFound(String)
  case notADirectory(String)
  case unreadable(String, String)

  public var description: String {
    switch self {
    case .notFound(let p): return "no knowledge base at '\(p)': no such folder"
    case .notADirectory(let p): return "no knowledge base at '\(p)': not a folder"
    case .unreadable(let p, let why): return "cannot read knowledge base '\(p)': \(why)"
    }
  }
}
