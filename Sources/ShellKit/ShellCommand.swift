/// What a command's argument is, for completion.
public enum ArgumentKind: Sendable, Equatable {
  case none
  case entryID
  case format
  case facet
  case savedSearch
  case query
  case savedSearchThenQuery
  case helpTopic
  /// `+value -office:value … -- QUERY`.
  case tagChanges
  /// A kind, then free text.
  case kind
}

/// The shell's commands. Each case is one row of `ShellCommand.all`; `Shell` switches over
/// them, so help, completion and what runs come from one table.
public enum ShellAction: Sendable, Equatable {
  case help, show, explain, brief, vocab, format, save, searches, delete, reload, tag, new, edit,
    yes, quit
}

/// One dot-command: its name, its argument synopsis, its help, and how to complete its argument.
public struct ShellCommand: Sendable, Equatable {
  public var action: ShellAction
  public var name: String
  public var synopsis: String
  public var summary: String
  public var details: String
  public var argument: ArgumentKind
  /// Words a newcomer might type instead (`help`, `quit`, `exit`).
  public var bareWords: [String]

  /// Every command, in the order `.help` lists them.
  public static let all: [ShellCommand] = [
    ShellCommand(
      action: .help, name: ".help", synopsis: "[TOPIC]",
      summary: "show help on commands or a topic",
      details:
        "Topics: the name of a command (.save), or 'query', 'fields', 'stages', 'formats', 'searches', 'keys'.",
      argument: .helpTopic, bareWords: ["help", "?"]),
    ShellCommand(
      action: .show, name: ".show", synopsis: "ID", summary: "show a whole entry",
      details: "Prints the entry's metadata, body, sources and related entries.",
      argument: .entryID, bareWords: []),
    ShellCommand(
      action: .explain, name: ".explain", synopsis: "QUERY", summary: "show how a query is read",
      details:
        "Prints the query fully parenthesised, with aliases, hierarchy and saved searches resolved, and how many entries each term matches.",
      argument: .query, bareWords: []),
    ShellCommand(
      action: .brief, name: ".brief", synopsis: "QUERY [> FILE]",
      summary: "write a briefing handout of a query's entries",
      details:
        "Title, date, how the query was read, contents, then each entry's summary, what to do and sources. FILE ending in .html gets a self-contained HTML page, any other name Markdown; without '> FILE' the Markdown is shown.",
      argument: .query, bareWords: []),
    ShellCommand(
      action: .vocab, name: ".vocab", synopsis: "[tags|offices|outcomes|kinds]",
      summary: "list the vocabulary with entry counts",
      details: "Without an argument, lists all four sections.", argument: .facet, bareWords: []),
    ShellCommand(
      action: .format, name: ".format", synopsis: "[FORMAT]",
      summary: "set or show the output format",
      details:
        "Formats: table, tsv, csv, json, jsonl, ids, markdown. 'auto' goes back to table on a terminal, tsv elsewhere.",
      argument: .format, bareWords: []),
    ShellCommand(
      action: .save, name: ".save", synopsis: "NAME [QUERY]",
      summary: "save a search (the last query if none is given)",
      details:
        "Names are lower-case words joined by hyphens. A query may use $1 … $9 for arguments: @name(a, b). Saved searches never run shell commands.",
      argument: .savedSearchThenQuery, bareWords: []),
    ShellCommand(
      action: .searches, name: ".searches", synopsis: "",
      summary: "list saved searches with live counts",
      details:
        "Shows each search's name, where it comes from (personal or shared), its description, its query and how many entries it matches now.",
      argument: .none, bareWords: []),
    ShellCommand(
      action: .delete, name: ".delete", synopsis: "NAME", summary: "delete a personal saved search",
      details: "Shared searches come with the knowledge base and cannot be deleted here.",
      argument: .savedSearch, bareWords: []),
    ShellCommand(
      action: .reload, name: ".reload", synopsis: "", summary: "load the knowledge base again",
      details: "Keeps the current knowledge base if the new one cannot be loaded.", argument: .none,
      bareWords: []),
    ShellCommand(
      action: .tag, name: ".tag", synopsis: "[--dry-run] CHANGE… -- QUERY",
      summary: "change the tags, offices or outcomes of the entries found",
      details:
        "CHANGE is +VALUE or -VALUE for tags, +office:VALUE, -outcome:VALUE, +related:ID for the other lists. Values must be in the vocabulary. Only the changed lines of each file are rewritten. --dry-run shows the diff and writes nothing.",
      argument: .tagChanges, bareWords: []),
    ShellCommand(
      action: .new, name: ".new", synopsis: "KIND TITLE",
      summary: "write a new entry in the editor",
      details:
        "Creates KIND's folder/ID.md (the id made from the title) from a template with the fields, the kind's section headings and the allowed values, opens $VISUAL (else $EDITOR, else vi), then checks the file and offers to edit again, keep or discard it.",
      argument: .kind, bareWords: []),
    ShellCommand(
      action: .edit, name: ".edit", synopsis: "ID", summary: "edit an entry in the editor",
      details:
        "Opens a copy of the entry's file in the editor; when the editor exits, checks it and offers to edit again, keep or discard it. The file is replaced whole, never half-written.",
      argument: .entryID, bareWords: []),
    ShellCommand(
      action: .yes, name: ".yes", synopsis: "",
      summary: "run the query suggested after a search that found nothing",
      details:
        "When a query finds nothing, the shell suggests the nearest query that finds something (a word spelt as the knowledge base spells it, a value from the vocabulary, or the ? best-match form) with its count; .yes runs it.",
      argument: .none, bareWords: []),
    ShellCommand(
      action: .quit, name: ".quit", synopsis: "", summary: "leave the shell (also Ctrl-D)",
      details: "History is already saved.", argument: .none,
      bareWords: ["quit", "exit", ".exit", "\\q"]),
  ]

  /// The command a word names: `.show`, or a bare word a newcomer would type (`help`, `quit`).
  public static func named(_ word: String) -> ShellCommand? {
    let lower = word.lowercased()
    return all.first { $0.name == lower || $0.bareWords.contains(lower) }
  }
}
