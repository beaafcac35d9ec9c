import KnowledgeModel
import TerminalText

extension Session {
  /// Before a command that reads the knowledge base: files added, edited or removed since it
  /// was loaded are read again (only those), and a note says so. Nil when nothing changed.
  func reloadChangedFiles() -> Notice? {
    guard watchesFiles else { return nil }
    let changes = kb.changes()
    if changes.isEmpty {
      // Recently written files that proved unchanged: nothing to rebuild.
      kb = kb.refreshed(changes)
      return nil
    }
    if changes.vocabulary {
      guard let fresh = try? load(kbPath) else { return nil }
      adopt(fresh)
      return .note("(reloaded \(Escaping.visible(kb.name)): its vocabulary changed)")
    }
    adopt(kb.refreshed(changes))
    let n = changes.count
    return .note("(reloaded \(n) changed entr\(n == 1 ? "y" : "ies"))")
  }

  /// Takes in files this session changed itself, without a word.
  func refreshQuietly() {
    let watching = watchesFiles
    watchesFiles = true
    _ = reloadChangedFiles()
    watchesFiles = watching
  }

  /// Whether a command reads the knowledge base (and so first takes in changed files).
  static func readsKnowledgeBase(_ command: Command) -> Bool {
    switch command {
    case .nothing, .system, .format, .help, .quit, .reload, .delete: return false
    default: return true
    }
  }
}
