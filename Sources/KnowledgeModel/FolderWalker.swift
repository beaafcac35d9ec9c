import Foundation

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
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      walk.diagnostics.append(
        .error(SourceLocation(path: folder), "cannot read folder: \(reason(error))"))
      return
    }
    for name in names where !name.hasPrefix(".") {
      let child = relative.isEmpty ? name : relative + "/" + name
      let full = KnowledgeBase.join(root, child)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
        walk.diagnostics.append(
          .warning(SourceLocation(path: full), "broken symbolic link; skipped"))
        continue
      }
      if isDirectory.boolValue {
        visit(root: root, relative: child, visited: &visited, into: &walk)
      } else if name.lowercased().hasSuffix(".md"),
        !(relative.isEmpty && name.lowercased() == "readme.md")
      {
        walk.files.append(child)
      }
    }
  }

  private static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return FileReader.errorText(Int32(underlying.code))
    }
    if ns.code == NSFileReadNoPermissionError { return "permission denied" }
    return ns.localizedDescription.lowercased()
  }
}
