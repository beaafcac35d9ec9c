/// What the shell proposes for the word under the cursor: a pure value computed from
/// `(line, cursor)`, with no knowledge of the terminal.
///
/// Offsets are in `Character`s of the line. The text between `replaceFrom` and the cursor is
/// replaced by the chosen candidate (or by the candidates' longest common prefix).
public struct Completion: Sendable, Equatable {
  /// Where the word being completed starts (0 ... cursor).
  public var replaceFrom: Int
  /// Full replacements for the word, e.g. `["office:", "outcome:"]`.
  public var candidates: [String]
  /// Whether a single, complete candidate is followed by a space. Even when true, no space
  /// follows a candidate ending in `:` (a field name waits for its value) or `/` (a path
  /// continues), nor one ending in a space already.
  public var appendsSpace: Bool

  public init(replaceFrom: Int, candidates: [String], appendsSpace: Bool = true) {
    self.replaceFrom = replaceFrom
    self.candidates = candidates
    self.appendsSpace = appendsSpace
  }

  /// No candidates: Tab beeps.
  public static func none(at cursor: Int) -> Completion {
    Completion(replaceFrom: cursor, candidates: [])
  }
}

/// What pressing Tab does to the line, decided from a `Completion`.
public enum CompletionStep: Sendable, Equatable {
  /// Nothing to do: ring the bell.
  case beep
  /// Replace the characters `from ..< to` (to = cursor) with `text`.
  case replace(from: Int, to: Int, with: String)
  /// No progress possible: show these candidates below the prompt.
  case list([String])
}

/// The pure rules of Tab completion.
public enum CompletionPlanner {
  /// One candidate: insert it (and maybe a space). Several: insert their longest common prefix
  /// when that extends the word; otherwise (typically on the second Tab) list them.
  public static func step(line: String, cursor: Int, completion: Completion) -> CompletionStep {
    let characters = Array(line)
    let cursor = min(max(cursor, 0), characters.count)
    let from = min(max(completion.replaceFrom, 0), cursor)
    let typed = String(characters[from..<cursor])
    let candidates = unique(completion.candidates)
    switch candidates.count {
    case 0:
      return .beep
    case 1:
      let candidate = candidates[0]
      let text = candidate + (needsSpace(candidate, completion.appendsSpace) ? " " : "")
      let after = characters[cursor...]
      if text == typed || (after.first == " " && candidate == typed) { return .beep }
      return .replace(from: from, to: cursor, with: text)
    default:
      let prefix = longestCommonPrefix(candidates)
      if prefix.count > typed.count
        || (prefix.count == typed.count && prefix != typed && !prefix.isEmpty)
      {
        return .replace(from: from, to: cursor, with: prefix)
      }
      return .list(candidates)
    }
  }

  /// Whether a single candidate gets a trailing space.
  public static func needsSpace(_ candidate: String, _ appendsSpace: Bool) -> Bool {
    guard appendsSpace, let last = candidate.last else { return false }
    return last != ":" && last != "/" && last != " "
  }

  /// The longest common prefix, in whole `Character`s.
  public static func longestCommonPrefix(_ strings: [String]) -> String {
    guard var prefix = strings.first.map(Array.init) else { return "" }
    for string in strings.dropFirst() {
      let other = Array(string)
      var count = 0
      while count < prefix.count, count < other.count, prefix[count] == other[count] { count += 1 }
      prefix.removeSubrange(count...)
    }
    return String(prefix)
  }

  private static func unique(_ strings: [String]) -> [String] {
    var seen = Set<String>()
    return strings.filter { seen.insert($0).inserted }
  }
}
