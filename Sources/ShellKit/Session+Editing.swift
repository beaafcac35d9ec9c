import Curation
import Foundation
import KnowledgeModel
import TerminalText

/// An entry being written in the editor: the hidden copy the editor opens, the file it becomes,
/// and, for an existing entry, the content the copy was made from.
struct EditingEntry {
  var temporary: String
  var target: String
  /// The target's path relative to its knowledge base's root (as `kb.displayPath` takes it).
  var relative: String
  /// Nil for a new entry.
  var original: [UInt8]?
}

extension Session {
  /// `new KIND TITLE`: the template in KIND's folder under an id made from the title, then the
  /// editor (or, with `edit: false`, only the template, and its path).
  func newEntry(kind typed: String, title: String, edit: Bool) -> Outcome {
    let kinds = EntryTemplate.kinds(kb.vocabulary)
    guard
      let kind = kb.vocabulary?.resolve(typed, in: .kind)
        ?? kinds.first(where: {
          $0 == typed.lowercased()
        })
    else {
      return .failure(
        .error(
          "unknown kind '\(typed)'; expected one of " + kinds.joined(separator: ", ")
            + Suggestion.didYouMean(typed, in: kinds)))
    }
    let id = EntryTemplate.slug(title)
    guard !id.isEmpty else {
      return .failure(.error("the title '\(title)' gives no id: use some letters or digits"))
    }
    if let existing = presenter.entries(id: id).first {
      return .failure(
        .error("an entry with id '\(id)' exists already: \(kb.displayPath(existing.path))"))
    }
    // In the first knowledge base; combined ones know their files by the path shown.
    let name = folder(for: kind) + "/" + id + ".md"
    let target = parts[0].displayPath(name)
    let relative = parts.count > 1 ? target : name
    if FileManager.default.fileExists(atPath: target) {
      return .failure(.error("'\(target)' exists already"))
    }
    let template = Array(
      EntryTemplate.text(kind: kind, title: title, vocabulary: kb.vocabulary).utf8)
    let temporary = AtomicFile.temporaryName(for: target, tag: "new")
    do {
      try FileManager.default.createDirectory(
        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try AtomicFile.writeNew(template, to: temporary)
      if !edit {
        try AtomicFile.move(temporary, to: target, replacing: false)
        refreshQuietly()
        return .text(Escaping.visible(target) + "\n")
      }
    } catch let error as CurationError {
      unlink(temporary)
      return .failure(.error(error.description))
    } catch {
      return .failure(.error("cannot create the folder for '\(target)': \(error)"))
    }
    return openEditor(
      EditingEntry(temporary: temporary, target: target, relative: relative, original: nil))
  }

  /// `edit ID`: the entry's file, copied to a hidden name beside it, in the editor.
  func editEntry(_ id: String) -> Outcome {
    let found = presenter.entries(id: id)
    if found.count > 1 {
      let forms = found.map { "'\($0.id)'" }.joined(separator: " or ")
      return .failure(.error("several knowledge bases have an entry '\(id)': edit \(forms)"))
    }
    guard let entry = found.first else {
      return .failure(.error(presenter.unknownID(id)))
    }
    let target = kb.displayPath(entry.path)
    guard let bytes = AtomicFile.read(target) else {
      return .failure(.error("cannot read '\(target)'"))
    }
    let temporary = AtomicFile.temporaryName(for: target, tag: "edit")
    do {
      try AtomicFile.writeNew(bytes, to: temporary)
    } catch {
      return .failure(.error(error.description))
    }
    return openEditor(
      EditingEntry(temporary: temporary, target: target, relative: entry.path, original: bytes))
  }

  func openEditor(_ entry: EditingEntry) -> Outcome {
    pending = .editing(entry)
    var outcome = Outcome()
    outcome.editor = editorCommand + " " + Session.shellQuoted(entry.temporary)
    return outcome
  }

  /// After the editor exits: the file checked; kept when it has no problems, else the problems
  /// and a question (edit again, keep, discard).
  public func edited(succeeded: Bool) -> Outcome {
    guard case .editing(let entry) = pending else { return Outcome() }
    pending = nil
    guard succeeded else {
      unlink(entry.temporary)
      return .failure(.error("the editor failed; \(nothingChanged(entry))"))
    }
    guard let bytes = AtomicFile.read(entry.temporary) else {
      return .failure(.error("the edited file is gone; \(nothingChanged(entry))"))
    }
    if let original = entry.original, original == bytes {
      unlink(entry.temporary)
      return .text("no changes to \(Escaping.visible(entry.target))\n")
    }
    let problems = Checker.check(file: bytes, at: entry.relative, in: kb)
    if problems.isEmpty { return keep(entry, problems: false) }
    pending = .editing(entry)
    var outcome = Outcome(notices: problems.map { .note($0.description) })
    outcome.question =
      "\(problems.count) problem\(problems.count == 1 ? "" : "s"): (e)dit again, (k)eep as it is, or (d)iscard? [E/k/d] "
    return outcome
  }

  /// The reply to "edit again, keep, or discard?"; nil (nobody to ask) keeps the file.
  func answerEditing(_ entry: EditingEntry, reply: String?) -> Outcome {
    guard let reply else { return keep(entry, problems: true) }
    switch reply.trimmed.lowercased() {
    case "", "e", "edit": return openEditor(entry)
    case "k", "keep": return keep(entry, problems: true)
    case "d", "discard":
      unlink(entry.temporary)
      return .text(nothingChanged(entry) + "\n")
    default:
      pending = .editing(entry)
      var outcome = Outcome()
      outcome.question = "please answer e (edit again), k (keep) or d (discard): [E/k/d] "
      return outcome
    }
  }

  /// Renames the edited copy to its place: a new file only if the name is still free, an
  /// existing one only if nobody changed it meanwhile.
  func keep(_ entry: EditingEntry, problems: Bool) -> Outcome {
    let shown = Escaping.visible(entry.target)
    do {
      if let original = entry.original {
        guard AtomicFile.read(entry.target) == original else {
          return .failure(
            .error(
              "'\(shown)' was changed while you edited it; your version is in '\(Escaping.visible(entry.temporary))'"
            ))
        }
        try AtomicFile.move(entry.temporary, to: entry.target, replacing: true)
      } else {
        try AtomicFile.move(entry.temporary, to: entry.target, replacing: false)
      }
    } catch {
      return .failure(
        .error(error.description + "; your version is in '\(Escaping.visible(entry.temporary))'"))
    }
    refreshQuietly()
    var outcome = Outcome.text((entry.original == nil ? "created " : "saved ") + shown + "\n")
    if problems { outcome.status = .problems }
    return outcome
  }

  func nothingChanged(_ entry: EditingEntry) -> String {
    entry.original == nil
      ? "no entry created" : "'\(Escaping.visible(entry.target))' left as it was"
  }

  /// The folder of a kind: an existing folder named after it (`lesson` or `lessons`), else its
  /// plural.
  func folder(for kind: String) -> String {
    for name in [kind + "s", kind] {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: parts[0].displayPath(name), isDirectory: &isFolder),
        isFolder.boolValue
      {
        return name
      }
    }
    return kind + "s"
  }

  /// A word for `/bin/sh`: single-quoted.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
