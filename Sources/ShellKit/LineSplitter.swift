import KnowledgeModel

/// Splits a shell line into the query and the command its results are piped to: `QUERY ! CMD`.
/// The `!` must stand outside quotes and after white space (or at the start); a `!` inside a word
/// (`wow!`) is part of the word.
public enum LineSplitter {
  public static func split(_ line: String) -> (query: String, command: String?) {
    var inQuote = false
    var escaped = false
    var previous: Character = " "
    for index in line.indices {
      let ch = line[index]
      defer { previous = ch }
      if inQuote {
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inQuote = false
        }
        continue
      }
      if ch == "\"" {
        inQuote = true
      } else if ch == "!", previous.isWhitespace {
        let query = String(line[..<index])
        let command = String(line[line.index(after: index)...])
        return (query.trimmed, command.trimmed)
      }
    }
    return (line, nil)
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
