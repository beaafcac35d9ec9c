/// One lexical unit of a query, with the place it was written.
public struct Token: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// A run of word characters that is not one of the tokens below (may be `AND`, `*`, `a..b`).
    case word(String)
    /// A double-quoted phrase, escapes removed.
    case phrase(String)
    /// `field:value`; the value is a word or, when the colon is followed by a quote, a phrase.
    case field(name: String, nameRange: Range<Int>, value: FieldToken, valueRange: Range<Int>)
    /// `@name` or `@name(arg, "arg")`.
    case saved(name: String, arguments: [Argument])
    /// `-` touching its operand.
    case minus
    case leftParen
    case rightParen
    case pipe
    case end
  }

  /// The raw value part of a `field:value` token.
  public enum FieldToken: Hashable, Sendable {
    case word(String)
    case phrase(String)
  }

  public var kind: Kind
  public var range: Range<Int>

  public init(_ kind: Kind, _ range: Range<Int>) {
    self.kind = kind
    self.range = range
  }
}

/// One argument of a saved-search call: the text, whether it was quoted, and its place.
public struct Argument: Hashable, Sendable {
  public var text: String
  public var quoted: Bool
  public var span: SourceSpan

  public init(text: String, quoted: Bool, span: SourceSpan = SourceSpan(0..<0)) {
    self.text = text
    self.quoted = quoted
    self.span = span
  }
}
