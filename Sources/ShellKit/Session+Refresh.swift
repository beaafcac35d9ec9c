import Foundation
import KnowledgeModel
import TerminalText

extension Session {
  /// Before a command that reads the knowledge base: files added, edited or removed since it
  /// was loaded are read again (only those), and a note says so. A folder that is gone, or whose
  /// every file now fails, is a fault: its entries are kept, with a warning.
  func reloadChangedFiles() -> [Notice] {
    guard watchesFiles else { return [] }
    var notices: [Notice] = []
    var fresh = parts
    var changed = 0
    var settled = false
    var vocabularies: [String] = []
    let now = Int64(Date().timeIntervalSince1970)
    for (i, part) in parts.enumerated() {
      let changes = changes(in: i, of: part, now: now)
      if changes.vocabulary {
        let whole: KnowledgeBase
        do {
          whole = try load(kbPaths[i])
        } catch {
          notices.append(
            .warning(
              "not reloading '\(Escaping.visible(part.root))': \(error); keeping the \(part.entries.count) entries already loaded"
            ))
          continue
        }
        fresh[i] = whole
        vocabularies.append(Escaping.visible(whole.name))
      } else if changes.count > 0 {
        let next = part.refreshed(changes)
        var isFolder: ObjCBool = false
        let gone = !FileManager.default.fileExists(atPath: part.root, isDirectory: &isFolder)
        if gone || !isFolder.boolValue
          || (next.entries.isEmpty && next.failedFiles > 0 && !part.entries.isEmpty)
        {
          let why = gone || !isFolder.boolValue ? "it is no longer a folder" : "no file loads"
          notices.append(
            .warning(
              "not reloading '\(Escaping.visible(part.root))': \(why); keeping the \(part.entries.count) entries already loaded"
            ))
          continue
        }
        fresh[i] = next
        changed += changes.count
      } else if !changes.isSettledOnly {
        continue
      } else {
        // Recently written files that proved unchanged: nothing to rebuild.
        fresh[i] = part.refreshed(changes)
        settled = true
      }
    }
    if changed == 0, vocabularies.isEmpty {
      if settled {
        parts = fresh
        if parts.count == 1 { kb = fresh[0] } else { kb = KnowledgeBase.combined(fresh).0 }
      }
      return notices
    }
    adopt(fresh)
    if !vocabularies.isEmpty {
      return notices + [
        .note("(reloaded \(vocabularies.joined(separator: ", ")): the vocabulary changed)")
      ]
    }
    return notices + [.note("(reloaded \(changed) changed entr\(changed == 1 ? "y" : "ies"))")]
  }

  /// What changed in one knowledge base: from its folder watcher's report when it has one, by
  /// comparing every file's stamp otherwise (the first time, and whenever the watcher cannot
  /// tell; a new watcher is set up first, so nothing is missed between the two).
  func changes(in i: Int, of part: KnowledgeBase, now: Int64) -> FileChanges {
    if watchers.count != parts.count { watchers = parts.map { _ in nil } }
    if let watcher = watchers[i] {
      switch watcher.poll() {
      case .nothing: return FileChanges()
      case .touched(let paths): return part.changes(touched: paths, now: now)
      case .unknown: break
      }
    }
    watchers[i] = FolderWatcher(root: part.root)
    return part.changes(now: now)
  }

  /// Takes in files this session changed itself, without a word (a one-shot command, which
  /// ends next, does not).
  func refreshQuietly() {
    _ = reloadChangedFiles()
  }

  /// Takes in every file changed on disk since the last look, as a shell does before a command,
  /// without a word. False when something could not be taken in (a folder gone, a vocabulary
  /// that no longer loads): the session then answers from what it had, which a caller that must
  /// answer as a fresh load would (the query server) cannot use.
  public func catchUp() -> Bool {
    let watching = watchesFiles
    watchesFiles = true
    defer { watchesFiles = watching }
    return !reloadChangedFiles().contains { $0.severity != .note }
  }

  /// Whether a command reads the knowledge base (and so first takes in changed files).
  static func readsKnowledgeBase(_ command: Command) -> Bool {
    switch command {
    case .nothing, .system, .format, .help, .quit, .reload, .delete: return false
    default: return true
    }
  }
}
