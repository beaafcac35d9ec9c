/// Finds a shell pipe (`!`) outside quotes. A saved search must never run a command when it is
/// run, so the store refuses such queries on save and skips them on load.
///
/// Quotes follow the query language: only double quotes make a phrase, and `\"` and `\\` escape
/// inside one (a single quote is an ordinary word character). A `!` inside a phrase that is never
/// closed counts as outside, so an unbalanced quote cannot hide a command.
enum ShellPipe {
  /// The offset (in characters) of the first `!` outside a phrase, or nil.
  static func position(in query: String) -> Int? {
    var inPhrase = false
    var escaped = false
    var firstInOpenPhrase: Int? = nil
    for (offset, ch) in query.enumerated() {
      if inPhrase {
        if escaped {
          escaped = false
        } else if ch == "\\" {
          escaped = true
        } else if ch == "\"" {
          inPhrase = false
          firstInOpenPhrase = nil
        } else if ch == "!", firstInOpenPhrase == nil {
          firstInOpenPhrase = offset
        }
        continue
      }
      switch ch {
      case "\"": inPhrase = true
      case "!": return offset
      default: break
      }
    }
    return firstInOpenPhrase
  }

  static func contains(_ query: String) -> Bool { position(in: query) != nil }
}
