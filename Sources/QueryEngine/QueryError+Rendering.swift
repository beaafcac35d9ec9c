import KnowledgeModel
import TerminalText

extension QueryError {
  /// The error as shown to people: the message, the query indented by two spaces, and carets
  /// under the place.
  ///
  /// ```
  /// error: expected a term after 'AND'
  ///   tag:supervision AND
  ///                       ^
  /// ```
  public var rendered: String {
    Caret.render(label: "error", message: message, text: text, range: range)
  }
}

extension QueryWarning {
  /// The warning with the query and carets under the value it is about.
  public func rendered(in text: String) -> String {
    Caret.render(label: "warning", message: message, text: text, range: range)
  }
}

/// The one layout of located messages.
public enum Caret {
  public static func render(label: String, message: String, text: String, range: Range<Int>)
    -> String
  {
    let line = Escaping.visible(text)
    let chars = Array(text)
    let start = min(max(0, range.lowerBound), chars.count)
    let end = min(max(start, range.upperBound), chars.count)
    // Columns are counted in the escaped text so carets stay under the right characters; a place
    // past the end (where a missing term would go) keeps its distance.
    let beyond = max(0, range.lowerBound - chars.count)
    let before = Escaping.visible(String(chars[0..<start])).count + beyond
    let width = max(1, Escaping.visible(String(chars[start..<end])).count)
    let pad = String(repeating: " ", count: before)
    let carets = String(repeating: "^", count: width)
    return "\(label): \(Escaping.visible(message))\n  \(line)\n  \(pad)\(carets)"
  }
}
