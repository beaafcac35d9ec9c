import Curation

/// What a question or an editor run leaves waiting in the session.
enum Pending {
  /// `.save` of a name in use: replace it?
  case save(name: String, query: String)
  /// `tag` on more files than fit on a screen: go ahead?
  case tag([Retagger.Edit], unchanged: Int)
  /// `new` or `edit`: an entry being written in the editor.
  case editing(EditingEntry)
}

extension Session {
  /// The reply to the pending question; nil when it cannot be asked (no terminal).
  public func answer(_ reply: String?) -> Outcome {
    guard let waiting = pending else { return Outcome() }
    pending = nil
    switch waiting {
    case .save(let name, let query): return answerSave(name: name, query: query, reply: reply)
    case .tag(let edits, let unchanged):
      guard let reply, Session.isYes(reply) else {
        var outcome = Outcome.text("nothing changed\n")
        if reply == nil { outcome.fail(.error("not changed: confirm on a terminal")) }
        return outcome
      }
      return commitTag(edits, unchanged: unchanged)
    case .editing(let entry): return answerEditing(entry, reply: reply)
    }
  }

  /// Yes to a yes/no question (`y`, `yes`, any case).
  static func isYes(_ reply: String) -> Bool {
    ["y", "yes"].contains(reply.trimmed.lowercased())
  }
}
