import KnowledgeModel
import QueryEngine
import Rendering

/// The shell's help, built from the command table and a few topics.
public enum HelpText {
  public static let topicNames = ["query", "fields", "stages", "formats", "searches", "keys"]

  public static var topics: [String] { ShellCommand.all.map(\.name) + topicNames }

  /// Help on a topic, or the overview for an empty topic; nil when there is no such topic.
  public static func text(for topic: String) -> String? {
    let topic = topic.trimmed.lowercased()
    if topic.isEmpty { return overview }
    let dotted = topic.hasPrefix(".") ? topic : "." + topic
    if let command = ShellCommand.all.first(where: { $0.name == dotted }),
      !topicNames.contains(topic)
    {
      return "\(command.name) \(command.synopsis)".trimmed
        + "\n  \(command.summary)\n  \(command.details)\n"
    }
    switch topic {
    case "query": return query
    case "fields": return fields
    case "stages": return stages
    case "formats":
      return Format.allCases.map { "  \($0.rawValue.padding(10))\($0.summary)" }.joined(
        separator: "\n") + "\n"
    case "searches": return searches
    case "keys": return keys
    default: return nil
    }
  }

  static var overview: String {
    var text = "Type a query to search, or a command:\n"
    let width = ShellCommand.all.map { "\($0.name) \($0.synopsis)".count }.max() ?? 0
    for command in ShellCommand.all {
      text +=
        "  " + "\(command.name) \(command.synopsis)".padding(width + 2) + command.summary + "\n"
    }
    text += "  QUERY ! COMMAND".padding(width + 4) + "pipe the results to a shell command\n"
    text += "  !COMMAND".padding(width + 4) + "run a shell command\n"
    text += "Help on: .help query, fields, stages, formats, searches, keys, or a command.\n"
    return text
  }

  static let query = """
    Queries (see docs/query-language.md):
      safety culture            entries with both words (stemmed, any case, accents ignored)
      "learning organization"   a phrase
      incid*                    a prefix
      tag:just-culture          a field; office:lancaster also matches paths below it
      a OR b, NOT a, -a, ( )    boolean logic; AND is implicit between terms
      date:2019..2021           inclusive ranges; date:2019-10 covers the month
      *                         every entry
      @name, @name(arg), @last  saved searches and the previous query
      ... | sort date | limit 5 stages (see .help stages)

    """

  /// The fields, from the one catalogue the parser, the stages and completion read.
  static var fields: String {
    func listed(_ infos: [FieldInfo]) -> String {
      infos.map { info in
        info.names.count == 1
          ? info.names[0]
          : info.names[0] + " (" + info.names.dropFirst().joined(separator: ", ") + ")"
      }.joined(separator: ", ")
    }
    let inQueries = FieldCatalog.all.filter { $0.offered.count > 0 }
    let inStagesOnly = FieldCatalog.all.filter { $0.offered.isEmpty }
    return """
      Fields in a query, and any other front-matter key of the knowledge base:
        \(listed(inQueries))
      similar:ID finds entries like entry ID, most alike first.
      Stages also know: \(listed(inStagesOnly)).
      Tab completes field names, the values of tag, office, outcome and kind, ids after id:
      and similar:, and the words of the thesaurus.

      """
  }

  static let stages = """
    Stages, after '|', run left to right:
      sort FIELD [asc|desc]     relevance, title, date, id, kind or another field
      limit N                   keep the first N
      count                     how many entries matched
      count by FIELD            one row per value, most first (dates: a timeline, oldest
                                first; paths: a tree in a table)
      count by FIELD depth N    paths cut to their first N levels
      count by F1, F2           a cross-tabulation, F2 across
      fields F1,F2,... | *      the columns to show; * for every field

    """

  static let searches = """
    Saved searches:
      .save NAME [QUERY]        save QUERY (or the last query) as @NAME
      .searches                 list them, with how many entries each matches now
      .delete NAME              delete a personal one
      @NAME(a, b)               use one inside any query; $1, $2 ... take the arguments
    Personal searches live in ~/.config/safetykb/searches.yaml ($SAFETYKB_SEARCHES); the
    knowledge base may ship shared ones in its searches.yaml.

    """

  static let keys = """
    Keys: Tab completes; Up and Down walk the history; Ctrl-R searches it; Ctrl-C clears the
    line or stops output; Ctrl-D on an empty line leaves. ~/.editrc is read (bind -v for vi).

    """
}

extension String {
  func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }
}
