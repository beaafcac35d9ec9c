#if canImport(Glibc)
  import Glibc
#endif

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatter: Sendable, Equatable {
  /// The YAML text between the fences, or nil when the file has no front matter.
  public var yaml: String?
  /// The line (1-based) of the first YAML line in the file.
  public var yamlLine: Int
  public var body: String
  /// The line (1-based) where the body begins.
  public var bodyLine: Int

  public enum SplitError: Error, Equatable {
    /// An opening `---` with no closing `---` or `...`.
    case unterminated
  }

  /// Splits normalised text (no BOM, `\n` line ends). Front matter opens with `---` on the first
  /// line and closes with `---` or `...` on a line of its own.
  public static func split(_ text: String) throws(SplitError) -> FrontMatter {
    // Walks lines only up to the closing fence; the body is the rest of the text, taken whole
    // (a 20 MB body is never split into lines here).
    let newline = UInt8(ascii: "\n")
    func line(at start: String.Index) -> (line: Substring, next: String.Index?) {
      guard let end = text.utf8[start...].firstIndex(of: newline) else {
        return (text[start...], nil)
      }
      return (text[start..<end], text.utf8.index(after: end))
    }
    let (first, afterFirst) = line(at: text.startIndex)
    guard first.trimmingTrailingSpaces() == "---" else {
      return FrontMatter(yaml: nil, yamlLine: 1, body: text, bodyLine: 1)
    }
    guard let yamlStart = afterFirst else { throw .unterminated }
    var lineNumber = 1
    var cursor: String.Index? = yamlStart
    // The YAML is the lines between the fences, without the last one's line end.
    var yamlEnd = yamlStart
    while let start = cursor {
      let (current, next) = line(at: start)
      lineNumber += 1
      let trimmed = current.trimmingTrailingSpaces()
      if trimmed == "---" || trimmed == "..." {
        return FrontMatter(
          yaml: String(text[yamlStart..<yamlEnd]), yamlLine: 2,
          body: next.map { String(text[$0...]) } ?? "", bodyLine: lineNumber + 1)
      }
      yamlEnd = current.endIndex
      cursor = next
    }
    throw .unterminated
  }

  /// Removes a UTF-8 byte order mark and turns CRLF and lone CR line ends into LF.
  public static func normalise(_ text: String) -> String {
    var t = text
    if t.unicodeScalars.first == "\u{FEFF}" { t.unicodeScalars.removeFirst() }
    let hasCR =
      t.utf8.withContiguousStorageIfAvailable { bytes in
        bytes.baseAddress.map { memchr($0, 0x0D, bytes.count) != nil } ?? false
      }
      ?? t.utf8.contains(UInt8(ascii: "\r"))
    if hasCR {
      t = t.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
    }
    return t
  }
}

extension Substring {
  func trimmingTrailingSpaces() -> Substring {
    var s = self
    while let last = s.last, last == " " || last == "\t" { s.removeLast() }
    return s
  }
}

extension String {
  /// Foundation-free replacement of every occurrence of `target`.
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    result += rest
    return result
  }
}

extension Substring {
  func range(of target: String) -> Range<Substring.Index>? {
    guard let first = target.first else { return nil }
    var i = startIndex
    while let start = self[i...].firstIndex(of: first) {
      if self[start...].hasPrefix(target) {
        return start..<self.index(start, offsetBy: target.count)
      }
      i = self.index(after: start)
    }
    return nil
  }
}
