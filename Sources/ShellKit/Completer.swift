import Curation
import KnowledgeModel
import QueryEngine
import TerminalText

/// What Tab offers: the candidates that may replace the text from `start` (a character offset)
/// to the cursor, and whether a space goes after a single candidate.
public struct CompletionResult: Sendable, Equatable {
  public var start: Int
  public var candidates: [String]
  public var appendSpace: Bool

  public init(start: Int, candidates: [String], appendSpace: Bool) {
    self.start = start
    self.candidates = candidates
    self.appendSpace = appendSpace
  }

  public static func none(at cursor: Int) -> CompletionResult {
    CompletionResult(start: cursor, candidates: [], appendSpace: false)
  }
}

/// Tab completion as a pure function of the line and the cursor, over what the knowledge base
/// and the saved searches hold. Tested without a terminal.
public struct Completer: Sendable {
  public var kb: KnowledgeBase
  public var savedSearchNames: [String]
  /// The index over `kb`, when built: values and keys are read from it. (Without it they are
  /// gathered from every entry, which at 100,000 entries takes a quarter of a second a Tab.)
  public var index: SearchIndex?

  public init(kb: KnowledgeBase, savedSearchNames: [String], index: SearchIndex? = nil) {
    self.kb = kb
    self.savedSearchNames = savedSearchNames
    self.index = index
  }

  public static var fieldNames: [String] { FieldCatalog.offeredInQueries }
  public static let stageNames = ["sort", "limit", "count", "fields"]
  static let sortKeys = ["relevance", "title", "date", "id", "kind"]

  public func complete(line: String, cursor: Int) -> CompletionResult {
    let chars = Array(line)
    let cursor = min(max(0, cursor), chars.count)
    let before = String(chars[0..<cursor])
    let (word, start) = Self.currentWord(chars, cursor)
    let leading = before.drop { $0 == " " }
    if leading.hasPrefix("."), !leading.contains(" ") {
      return result(start, word, ShellCommand.all.map(\.name), space: true)
    }
    if leading.hasPrefix(".") {
      let name = String(leading.prefix { $0 != " " }).lowercased()
      if let command = ShellCommand.named(name) {
        return argument(command, line: before, word: word, start: start)
      }
      return .none(at: cursor)
    }
    if leading.hasPrefix("!") { return .none(at: cursor) }
    if before.isEmpty {
      return result(start, word, ShellCommand.all.map(\.name), space: true)
    }
    return query(before: before, word: word, start: start)
  }

  func argument(_ command: ShellCommand, line: String, word: String, start: Int) -> CompletionResult
  {
    let words = line.split(separator: " ", omittingEmptySubsequences: true)
    let position = words.count - (line.hasSuffix(" ") ? 0 : 1)
    switch command.argument {
    case .none: return .none(at: start + word.count)
    case .entryID: return result(start, word, kb.entries.ids().sorted(), space: true)
    case .format:
      return result(
        start, word, ["table", "tsv", "csv", "json", "jsonl", "ids", "markdown", "auto"],
        space: false)
    case .facet:
      return position == 1
        ? result(start, word, Facet.allCases.map(\.rawValue), space: false)
        : .none(at: start + word.count)
    case .savedSearch: return result(start, word, savedSearchNames, space: false)
    case .helpTopic: return result(start, word, HelpText.topics, space: false)
    case .query: return query(before: line, word: word, start: start)
    case .savedSearchThenQuery:
      if position == 1 { return result(start, word, savedSearchNames, space: true) }
      return query(before: line, word: word, start: start)
    case .kind:
      return position == 1
        ? result(start, word, EntryTemplate.kinds(kb.vocabulary), space: true)
        : .none(at: start + word.count)
    case .tagChanges:
      if words.dropLast(line.hasSuffix(" ") ? 0 : 1).contains("--") {
        return query(before: line, word: word, start: start)
      }
      return change(word, start: start)
    }
  }

  /// A `tag` change being typed: `+` or `-`, then a tag, or `office:`, `outcome:`, `related:`
  /// and a value of that field.
  func change(_ word: String, start: Int) -> CompletionResult {
    guard let sign = word.first, sign == "+" || sign == "-" else {
      return result(start, word, ["--", "--dry-run"], space: true)
    }
    let rest = String(word.dropFirst())
    if let colon = rest.firstIndex(of: ":") {
      let field = String(rest[..<colon]).lowercased()
      let value = String(rest[rest.index(after: colon)...])
      let values = field == "related" ? kb.entries.ids().sorted() : values(of: field, prefix: value)
      return result(start + 1 + field.count + 1, value, values, space: true)
    }
    let fields = ["office:", "outcome:", "related:"]
    let tags = values(of: "tag", prefix: rest).filter { !$0.contains("/") || rest.contains("/") }
    var found = result(start + 1, rest, tags + fields, space: true)
    found.appendSpace = !found.candidates.contains { $0.hasSuffix(":") }
    return found
  }

  /// Completion inside a query: stages after `|`, saved searches after `@`, values after
  /// `field:`, field names otherwise.
  func query(before: String, word: String, start: Int) -> CompletionResult {
    if let pipe = before.lastIndex(of: "|") {
      let stage = before[before.index(after: pipe)...].split(separator: " ").map(String.init)
      let typing = before.hasSuffix(" ") ? stage.count : stage.count - 1
      if typing <= 0 { return result(start, word, Self.stageNames, space: true) }
      switch stage.first?.lowercased() {
      case "sort" where typing == 1:
        return result(start, word, Self.sortKeys + extraKeys, space: true)
      case "sort" where typing == 2: return result(start, word, ["asc", "desc"], space: false)
      case "count" where typing == 1: return result(start, word, ["by"], space: true)
      case "count" where typing == 2:
        return result(start, word, Self.fieldNames + extraKeys + ["month"], space: false)
      case "fields":
        let comma =
          word.lastIndex(of: ",").map { word.distance(from: word.startIndex, to: $0) + 1 } ?? 0
        let part = String(word.dropFirst(comma))
        return result(
          start + comma, part,
          Self.fieldNames + extraKeys + ["score", "path", "tags", "offices", "outcomes", "month"],
          space: false)
      default: return .none(at: start + word.count)
      }
    }
    var prefix = 0
    for ch in word { if ch == "-" || ch == "(" { prefix += 1 } else { break } }
    let term = String(word.dropFirst(prefix))
    let termStart = start + prefix
    if term.hasPrefix("@") {
      return result(termStart, term, (savedSearchNames + ["last"]).map { "@" + $0 }, space: true)
    }
    if let colon = term.firstIndex(of: ":") {
      let field = term[..<colon].lowercased()
      let value = String(term[term.index(after: colon)...])
      let valueStart = termStart + field.count + 1
      return result(valueStart, value, values(of: String(field), prefix: value), space: true)
    }
    if term.isEmpty { return .none(at: start + word.count) }
    // A bare word: a field name, or a word or phrase of the thesaurus (a space follows those;
    // the line editor adds none after a field name's ':').
    let synonyms = kb.vocabulary?.synonymCompletions(prefix: term) ?? []
    return result(
      termStart, term, (Self.fieldNames + extraKeys).map { $0 + ":" } + synonyms,
      space: !synonyms.isEmpty)
  }

  /// Values of a field that complete `prefix`: whole paths that start with it, and path segments
  /// that start with it (`office:lanc` → `lancaster`, which matches the whole sub-tree).
  func values(of field: String, prefix: String) -> [String] {
    let facet: Facet?
    switch field {
    case "tag", "tags": facet = .tag
    case "office", "offices": facet = .office
    case "outcome", "outcomes": facet = .outcome
    case "kind": facet = .kind
    default: facet = nil
    }
    var all = Set<String>()
    if let facet {
      for term in kb.vocabulary?.terms[facet] ?? [] { all.insert(term.value) }
      if let index {
        all.formUnion(index.values(of: facet))
      } else {
        all.formUnion(kb.entries.gathered { facet.values(of: $0) })
      }
    } else if field == "id" || field == "similar" {
      all.formUnion(kb.entries.ids())
    } else {
      if let index {
        all.formUnion(index.values(ofKey: field))
      } else {
        all.formUnion(kb.entries.gathered { $0.extraValues[field]?.values ?? [] })
      }
    }
    let lower = prefix.lowercased()
    var out = Set(all.filter { $0.lowercased().hasPrefix(lower) })
    if !lower.contains("/"), facet?.isHierarchical == true {
      for path in all {
        for segment in path.split(separator: "/").dropFirst()
        where segment.lowercased().hasPrefix(lower) {
          out.insert(String(segment))
        }
      }
    }
    return out.sorted()
  }

  var extraKeys: [String] {
    index?.extraKeys ?? kb.entries.gathered(\.extraKeys).sorted()
  }

  func result(_ start: Int, _ typed: String, _ options: [String], space: Bool) -> CompletionResult {
    let lower = typed.lowercased()
    var seen = Set<String>()
    // A value with a control character or bidi override cannot be typed and would act on the
    // terminal when the list is shown: it is never offered.
    let matches = options.filter {
      Escaping.isSafe($0) && $0.lowercased().hasPrefix(lower) && seen.insert($0).inserted
    }
    return CompletionResult(start: start, candidates: matches, appendSpace: space)
  }

  /// The word the cursor is in (back to white space) and its start.
  static func currentWord(_ chars: [Character], _ cursor: Int) -> (String, Int) {
    var start = cursor
    while start > 0, !chars[start - 1].isWhitespace, chars[start - 1] != "|" { start -= 1 }
    return (String(chars[start..<cursor]), start)
  }
}
