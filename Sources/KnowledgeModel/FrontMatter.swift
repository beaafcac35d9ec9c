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
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
      return FrontMatter(yaml: nil, yamlLine: 1, body: text, bodyLine: 1)
    }
    lines = lines.dropFirst()
    var yamlLines: [Substring] = []
    var lineNumber = 1
    while let line = lines.first {
      lines = lines.dropFirst()
      lineNumber += 1
      let trimmed = line.trimmingTrailingSpaces()
      if trimmed == "---" || trimmed == "..." {
        return FrontMatter(
          yaml: yamlLines.joined(separator: "\n"), yamlLine: 2,
          body: lines.joined(separator: "\n"), bodyLine: lineNumber + 1)
      }
      yamlLines.append(line)
    }
    throw .unterminated
  }

  /// Removes a UTF-8 byte order mark and turns CRLF and lone CR line ends into LF.
  public static func normalise(_ text: String) -> String {
    var t = text
    if t.unicodeScalars.first == "\u{FEFF}" { t.unicodeScalars.removeFirst() }
    if t.contains("\r") {
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
