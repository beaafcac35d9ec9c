import Briefing
import KnowledgeModel
import QueryEngine
import Rendering

/// What the user asked for, from a shell line or from the command line's arguments: both map to
/// this one value, and `Session.execute(_:)` carries it out.
public enum Command: Sendable, Equatable {
  /// An empty line.
  case nothing
  /// A query; with `pipeTo`, its results go to that command (`QUERY ! COMMAND`).
  case query(String, pipeTo: String? = nil)
  /// A command line for `/bin/sh -c` (a shell line that starts with `!`).
  case system(String)
  /// Whole entries, in `style` (else as the output format suggests).
  case show([String], style: EntryViewRenderer.Style? = nil)
  case explain(String)
  /// A briefing handout of a query's entries, written to `file` or shown in `format`.
  case brief(
    query: String, title: String? = nil, format: Briefing.Format? = nil, file: String? = nil)
  /// A vocabulary section (`tags`, `offices`…), or all of them.
  case vocab(String?)
  /// Sets the output format, or shows it when nil.
  case format(String?)
  /// Saves a query (the last one run when nil) under a name.
  case save(name: String, query: String?, description: String? = nil, force: Bool = false)
  case searches
  /// One saved search's details.
  case search(String)
  case delete(String)
  case reload
  /// Runs the query that the last search that found nothing suggested (`.yes`).
  case acceptSuggestion
  /// `tag CHANGE… -- QUERY`: adds and removes list values in the files of the entries found.
  case tag(changes: [String], query: String, dryRun: Bool = false)
  /// `new KIND TITLE`: a new entry from the template, in the editor unless `edit` is false.
  case new(kind: String, title: String, edit: Bool = true)
  /// `edit ID`: an entry's file in the editor.
  case edit(String)
  case help(String)
  case quit

  /// `@name("a", "b")`: a saved search called with arguments, each quoted as one value.
  public static func runSaved(_ name: String, arguments: [String]) -> Command {
    let quoted = arguments.map {
      "\""
        + $0.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    return .query("@" + name + (quoted.isEmpty ? "" : "(" + quoted.joined(separator: ", ") + ")"))
  }

  /// Reads one shell line: a dot-command, a bare `help`/`quit`/`exit`, `!command`, or a query
  /// with an optional `! command` after it.
  public static func parse(_ line: String) throws(Notice) -> Command {
    let trimmed = line.trimmed
    if trimmed.isEmpty { return .nothing }
    if trimmed.hasPrefix("!") {
      let command = String(trimmed.dropFirst()).trimmed
      if command.isEmpty { throw Notice.error("expected a command after '!'") }
      return .system(command)
    }
    let (word, rest) = trimmed.splitCommand()
    if let command = ShellCommand.named(word), word.hasPrefix(".") || rest.isEmpty {
      return try parse(command, rest)
    }
    if word.hasPrefix(".") {
      let names = ShellCommand.all.map(\.name)
      throw Notice.error(
        "unknown command '\(word)'" + Suggestion.didYouMean(word, in: names)
          + "; type .help for the list")
    }
    let (query, pipe) = ShellPipe.split(trimmed)
    if let pipe, pipe.isEmpty { throw Notice.error("expected a command after '!'") }
    if query.isEmpty { throw Notice.error("expected a query before '!'") }
    return .query(query, pipeTo: pipe)
  }

  static func parse(_ command: ShellCommand, _ argument: String) throws(Notice) -> Command {
    func required(_ what: String) throws(Notice) -> String {
      if argument.isEmpty { throw Notice.error("expected \(what) after '\(command.name)'") }
      return argument
    }
    switch command.action {
    case .help: return .help(argument)
    case .show:
      return .show(
        try required("an entry id").split(whereSeparator: \.isWhitespace).map(String.init))
    case .explain: return .explain(try required("a query"))
    case .brief:
      let (query, file) = Briefing.splitOutput(argument)
      if query.isEmpty { throw Notice.error("expected a query after '.brief'") }
      if file?.isEmpty == true { throw Notice.error("expected a file name after '>'") }
      return .brief(query: query, file: file)
    case .vocab: return .vocab(argument.isEmpty ? nil : argument)
    case .format: return .format(argument.isEmpty ? nil : argument)
    case .save:
      let (name, query) = try required("a name").splitCommand()
      return .save(name: name, query: query.isEmpty ? nil : query)
    case .searches: return .searches
    case .delete: return .delete(try required("a name"))
    case .reload: return .reload
    case .yes: return .acceptSuggestion
    case .tag: return try parseTag(required("changes and a query"))
    case .new:
      let (kind, title) = try required("a kind and a title").splitCommand()
      if title.isEmpty { throw Notice.error("expected a title after '.new \(kind)'") }
      return .new(kind: kind, title: title)
    case .edit: return .edit(try required("an entry id"))
    case .quit: return .quit
    }
  }

  /// `[--dry-run] CHANGE… -- QUERY`; without `--`, the query starts at the first word that is
  /// not a change (`+x`, `-x`).
  static func parseTag(_ argument: String) throws(Notice) -> Command {
    var words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    let dryRun = words.first == "--dry-run"
    if dryRun { words.removeFirst() }
    let changes: [String]
    let query: String
    if let dashes = words.firstIndex(of: "--") {
      changes = Array(words[..<dashes])
      query = words[(dashes + 1)...].joined(separator: " ")
    } else {
      let count = words.prefix { $0.hasPrefix("+") || $0.hasPrefix("-") }.count
      changes = Array(words.prefix(count))
      query = words.dropFirst(count).joined(separator: " ")
    }
    if changes.isEmpty { throw Notice.error("expected a change such as '+tag' or '-office:x'") }
    if query.trimmed.isEmpty {
      throw Notice.error("expected a query after the changes: .tag +x -- QUERY ('*' for all)")
    }
    return .tag(changes: changes, query: query, dryRun: dryRun)
  }
}

extension String {
  /// The first word and the rest, trimmed.
  func splitCommand() -> (word: String, rest: String) {
    let t = trimmed
    guard let space = t.firstIndex(where: \.isWhitespace) else { return (t, "") }
    return (String(t[..<space]), String(t[space...]).trimmed)
  }
}
