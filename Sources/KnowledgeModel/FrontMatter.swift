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
  /// line and closes with `---` or `...` on a line of its own (spaces and tabs after either
  /// are ignored).
  public static func split(_ text: String) throws(SplitError) -> FrontMatter {
    // Walks the bytes of the lines only up to the closing fence (`memchr` for each line end);
    // the body is the rest of the text, taken whole (a 20 MB body is never split into lines).
    var text = text
    let fences = text.withUTF8 { Self.fences($0) }
    switch fences {
    case .none:
      return FrontMatter(yaml: nil, yamlLine: 1, body: text, bodyLine: 1)
    case .unterminated:
      throw .unterminated
    case .closed(let yaml, let body, let bodyLine):
      let utf8 = text.utf8
      let at = { (offset: Int) in utf8.index(utf8.startIndex, offsetBy: offset) }
      return FrontMatter(
        yaml: String(text[at(yaml.lowerBound)..<at(yaml.upperBound)]), yamlLine: 2,
        body: body.map { String(text[at($0)...]) } ?? "", bodyLine: bodyLine)
    }
  }

  /// Where the fences put the YAML and the body, in bytes.
  private enum Fences {
    case none
    case unterminated
    /// The YAML's bytes (without the last line's end), where the body begins (nil: nothing
    /// after the closing fence), and its line.
    case closed(yaml: Range<Int>, body: Int?, bodyLine: Int)
  }

  private static func fences(_ bytes: UnsafeBufferPointer<UInt8>) -> Fences {
    let newline = Int32(UInt8(ascii: "\n"))
    /// The line that begins at `start`, and where the next begins (nil after the last).
    func line(at start: Int) -> (line: Range<Int>, next: Int?) {
      guard start < bytes.count,
        let found = memchr(bytes.baseAddress! + start, newline, bytes.count - start)
      else { return (start..<bytes.count, nil) }
      let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
      return (start..<end, end + 1)
    }
    /// Whether the line is `fence` three times, then only spaces and tabs.
    func isFence(_ line: Range<Int>, _ fence: UInt8) -> Bool {
      guard line.count >= 3, bytes[line.lowerBound] == fence,
        bytes[line.lowerBound + 1] == fence, bytes[line.lowerBound + 2] == fence
      else { return false }
      return bytes[(line.lowerBound + 3)..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
    let dash = UInt8(ascii: "-")
    let (first, afterFirst) = line(at: 0)
    guard isFence(first, dash) else { return .none }
    guard let yamlStart = afterFirst else { return .unterminated }
    var lineNumber = 1
    var cursor: Int? = yamlStart
    var yamlEnd = yamlStart
    while let start = cursor {
      let (current, next) = line(at: start)
      lineNumber += 1
      if isFence(current, dash) || isFence(current, UInt8(ascii: ".")) {
        return .closed(yaml: yamlStart..<yamlEnd, body: next, bodyLine: lineNumber + 1)
      }
      yamlEnd = current.upperBound
      cursor = next
    }
    return .unterminated
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
