import KnowledgeModel

/// Where a shell line's query ends and the command its results are piped to begins:
/// `QUERY ! COMMAND`. The lexer's rules decide: only double quotes make a phrase, `\"` and `\\`
/// escape inside one, and a `!` that starts a word outside a phrase starts the command (a `!`
/// inside a word, `wow!`, is part of the word). A `!` inside a phrase that is never closed counts
/// as outside, so an unbalanced quote cannot hide a command from the saved-search store, which
/// refuses any query with a pipe.
public enum ShellPipe {
  /// The character offset of the `!` that starts the command, or nil.
  public static func position(in line: String) -> Int? {
    var inPhrase = false
    var escaped = false
    var previous: Character = " "
    var firstInOpenPhrase: Int? = nil
    for (offset, ch) in line.enumerated() {
      defer { previous = ch }
      if inPhrase {
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inPhrase = false
          firstInOpenPhrase = nil
        } else if ch == "!", previous.isWhitespace, firstInOpenPhrase == nil {
          firstInOpenPhrase = offset
        }
        continue
      }
      if ch == "\"" {
        inPhrase = true
      } else if ch == "!", previous.isWhitespace {
        return offset
      }
    }
    return firstInOpenPhrase
  }

  public static func contains(_ line: String) -> Bool { position(in: line) != nil }

  /// The query before the pipe and the command after it (nil without a pipe), both trimmed.
  public static func split(_ line: String) -> (query: String, command: String?) {
    guard let offset = position(in: line) else { return (line, nil) }
    let index = line.index(line.startIndex, offsetBy: offset)
    return (String(line[..<index]).trimmed, String(line[line.index(after: index)...]).trimmed)
  }
}
