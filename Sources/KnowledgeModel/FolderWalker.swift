import Foundation
import SystemIO

/// Finds the Markdown files of a knowledge base: every `*.md` below the root, except hidden files
/// and folders and the root's own README.md (the curators' guide). Symbolic links to folders are
/// followed once; a link loop is reported, not followed forever.
enum FolderWalker {
  struct Walk {
    var files: [String] = []
    var diagnostics: [Diagnostic] = []
  }

  static func markdownFiles(in root: String) -> Walk {
    var walk = Walk()
    var visited = Set<String>()
    visit(root: root, relative: "", visited: &visited, into: &walk)
    walk.files.sort()
    return walk
  }

  private static func visit(
    root: String, relative: String, visited: inout Set<String>, into walk: inout Walk
  ) {
    let folder = relative.isEmpty ? root : KnowledgeBase.join(root, relative)
    let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard visited.insert(real).inserted else {
      walk.diagnostics.append(
        .warning(
          SourceLocation(path: folder), "folder is a link back to '\(real)'; not followed again"))
      return
    }
    let listing: [(name: String, kind: UInt8)]
    switch list(folder) {
    case .success(let entries): listing = entries.sorted { $0.name < $1.name }
    case .failure(let code):
      walk.diagnostics.append(
        .error(
          SourceLocation(path: folder), "cannot read folder: \(FileError.reason(code.value))"))
      return
    }
    for (name, kind) in listing where !name.hasPrefix(".") {
      let child = relative.isEmpty ? name : relative + "/" + name
      let isMarkdown =
        name.lowercased().hasSuffix(".md")
        && !(relative.isEmpty && name.lowercased() == "readme.md")
      // The folder listing already says what most names are: a plain file needs no stat (at
      // 10,000 entries that is 10,000 system calls saved on every start).
      if kind == regularFile {
        if isMarkdown { walk.files.append(child) }
        continue
      }
      if kind == directory {
        visit(root: root, relative: child, visited: &visited, into: &walk)
        continue
      }
      let full = KnowledgeBase.join(root, child)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
        walk.diagnostics.append(
          .warning(SourceLocation(path: full), "broken symbolic link; skipped"))
        continue
      }
      if isDirectory.boolValue {
        visit(root: root, relative: child, visited: &visited, into: &walk)
      } else if isMarkdown {
        walk.files.append(child)
      }
    }
  }

  /// Whether a path relative to the root names an entry file: `*.md`, no hidden part, not the
  /// root's README.md.
  static func isEntryFile(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    guard let name = parts.last, !parts.contains(where: { $0.hasPrefix(".") }) else { return false }
    return name.lowercased().hasSuffix(".md")
      && !(parts.count == 1 && name.lowercased() == "readme.md")
  }

  /// The root ("") and every folder below it that the walk would enter, relative to the root.
  static func folders(in root: String) -> [String] {
    var out: [String] = []
    var visited = Set<String>()
    func visit(_ relative: String) {
      let folder = relative.isEmpty ? root : KnowledgeBase.join(root, relative)
      let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
      guard visited.insert(real).inserted else { return }
      out.append(relative)
      guard case .success(let listing) = list(folder) else { return }
      for (name, kind) in listing where !name.hasPrefix(".") {
        let child = relative.isEmpty ? name : relative + "/" + name
        var isDirectory = ObjCBool(kind == directory)
        if kind != directory, kind != regularFile {
          _ = FileManager.default.fileExists(
            atPath: KnowledgeBase.join(root, child), isDirectory: &isDirectory)
        }
        if isDirectory.boolValue { visit(child) }
      }
    }
    visit("")
    return out
  }

  static let regularFile = UInt8(DT_REG)
  static let directory = UInt8(DT_DIR)

  struct ErrorCode: Error {
    var value: Int32
  }

  /// The names in a folder with the kind `readdir` reports (`DT_REG`, `DT_DIR`, or something to
  /// look at more closely: a link, or `DT_UNKNOWN` on file systems that do not say).
  static func list(_ folder: String) -> Result<[(name: String, kind: UInt8)], ErrorCode> {
    guard let dir = opendir(folder) else { return .failure(ErrorCode(value: errno)) }
    defer { closedir(dir) }
    var out: [(name: String, kind: UInt8)] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if name == "." || name == ".." { continue }
      out.append((name, entry.pointee.d_type))
    }
    return .success(out)
  }

}
