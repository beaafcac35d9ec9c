/// Front matter in the plain form nearly every entry is written in, read straight from its
/// bytes: a mapping of keys to one-line values (plain, quoted without escapes, or a flow sequence
/// of such items), and block sequences of such values or of flat mappings. For these, libyaml's
/// scanner, parser and events and the composer's bookkeeping were about half of parsing a file.
///
/// Anything else, down to a comment, a tab, a blank line inside a block or a repeated key, is
/// left to libyaml (`tree` gives nil), so every document this reader takes is one whose meaning
/// is not in doubt. What it gives is the tree `YAMLComposer` gives for the same text, places and
/// all: the tests and the entry fuzz target hold the two against each other.
enum FlatYAML {
  /// The tree of `bytes` (valid UTF-8), or nil when it is not in the plain form.
  static func tree(
    _ bytes: UnsafeBufferPointer<UInt8>,
    at: @escaping (_ line: Int, _ column: Int) -> SourceLocation
  ) -> YAMLTree? {
    // A larger document (never an entry's) goes to libyaml, which also counts its nodes
    // against `YAMLTree.nodeBudget`: 64 KB cannot hold that many.
    guard bytes.count <= 1 << 16, plainBytes(bytes) else { return nil }
    return Reader(bytes: bytes, at: at).document()
  }

  /// Whether the text has none of what changes how lines, columns or characters are read:
  /// control characters (tabs among them), DEL, C1 controls (NEL among them), the Unicode line
  /// and paragraph separators, a byte order mark, and the non-characters U+FFFE and U+FFFF.
  private static func plainBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        if (b < 0x20 && b != 0x0A) || b == 0x7F { return false }
        i += 1
        continue
      }
      if b == 0xC2, i + 1 < n, bytes[i + 1] < 0xA0 { return false }
      if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
        return false
      }
      if b == 0xEF, i + 2 < n,
        (bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF)
          || (bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF))
      {
        return false
      }
      i += 1
    }
    return true
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let at: (Int, Int) -> SourceLocation
    /// Each line's first byte and its end (before its `\n`).
    var lines: [(start: Int, end: Int)] = []
    /// Whether each line is ASCII (its columns are its bytes).
    var ascii: [Bool] = []
    /// Whether a line with other characters is too long to count its columns for every node
    /// on it (the document is then left to libyaml).
    var tooLong = false

    init(bytes: UnsafeBufferPointer<UInt8>, at: @escaping (Int, Int) -> SourceLocation) {
      self.bytes = bytes
      self.at = at
      var start = 0
      var isASCII = true
      for i in 0..<bytes.count {
        if bytes[i] == 0x0A {
          lines.append((start, i))
          ascii.append(isASCII)
          if !isASCII && i - start > 512 { tooLong = true }
          start = i + 1
          isASCII = true
        } else if bytes[i] >= 0x80 {
          isASCII = false
        }
      }
      lines.append((start, bytes.count))
      ascii.append(isASCII)
      if !isASCII && bytes.count - start > 512 { tooLong = true }
    }

    typealias Pairs = [(key: String, keyLocation: SourceLocation, value: YAMLTree)]

    /// The top-level mapping: keys at the start of their lines.
    func document() -> YAMLTree? {
      guard !tooLong else { return nil }
      var pairs: Pairs = []
      var rootMark: SourceLocation?
      var i = 0
      while i < lines.count {
        let line = lines[i]
        if line.start == line.end {
          i += 1
          continue
        }
        guard let (key, colon) = key(at: line.start, line.end),
          !pairs.contains(where: { $0.key == key })
        else { return nil }
        let keyMark = place(i, line.start)
        if rootMark == nil { rootMark = keyMark }
        var p = colon + 1
        while p < line.end && bytes[p] == 0x20 { p += 1 }
        i += 1
        let value: YAMLTree
        if p < line.end {
          guard bytes[colon + 1] == 0x20, let inline = self.value(i - 1, p, line.end) else {
            return nil
          }
          value = inline
        } else if i < lines.count, isEntry(lines[i], spaces(lines[i].start, lines[i].end)) {
          guard let sequence = blockSequence(&i) else { return nil }
          value = sequence
        } else if i < lines.count, lines[i].start < lines[i].end, bytes[lines[i].start] == 0x20 {
          // Something nested, or a value continued on the next line.
          return nil
        } else {
          // An empty value is null, placed just after its colon.
          value = .null(place(i - 1, colon + 1))
        }
        pairs.append((key, keyMark, value))
      }
      guard let rootMark else { return nil }
      return .mapping(pairs, rootMark)
    }

    /// A block sequence starting on line `i` (its `- ` indented or not), of one-line values or
    /// flat mappings; `i` moves past it. Nil when line `i` does not start one, or when it is not
    /// in the plain form.
    private func blockSequence(_ i: inout Int) -> YAMLTree? {
      let first = lines[i]
      let indent = spaces(first.start, first.end)
      // (Far less deep than `YAMLTree.nestingProblem` allows.)
      guard indent <= 64, isEntry(first, indent) else { return nil }
      let mark = place(i, first.start + indent)
      var items: [YAMLTree] = []
      while i < lines.count, isEntry(lines[i], indent),
        spaces(lines[i].start, lines[i].end) == indent
      {
        let line = lines[i]
        let content = line.start + indent + 2
        if let (firstKey, firstColon) = key(at: content, line.end) {
          // A flat mapping: its other keys on the lines below, in line with the first.
          let mapMark = place(i, content)
          var pairs: Pairs = []
          var (k, c, keyStart, row) = (firstKey, firstColon, content, i)
          while true {
            guard !pairs.contains(where: { $0.key == k }), let value = inlineAfter(row, c) else {
              return nil
            }
            pairs.append((k, place(row, keyStart), value))
            row += 1
            guard row < lines.count else { break }
            let next = lines[row]
            guard spaces(next.start, next.end) == indent + 2 else { break }
            guard let (nextKey, nextColon) = key(at: next.start + indent + 2, next.end) else {
              break
            }
            (k, c, keyStart) = (nextKey, nextColon, next.start + indent + 2)
          }
          i = row
          items.append(.mapping(pairs, mapMark))
        } else {
          guard let value = value(i, content, line.end) else { return nil }
          items.append(value)
          i += 1
        }
      }
      return .sequence(items, mark)
    }

    /// Whether `line` is `- ` and a value after `indent` spaces.
    private func isEntry(_ line: (start: Int, end: Int), _ indent: Int) -> Bool {
      let dash = line.start + indent
      return dash + 2 < line.end && bytes[dash] == UInt8(ascii: "-") && bytes[dash + 1] == 0x20
        && bytes[dash + 2] != 0x20
    }

    /// The one-line value after the colon at `colon` on line `row` (one space, then the value).
    private func inlineAfter(_ row: Int, _ colon: Int) -> YAMLTree? {
      let end = lines[row].end
      guard colon + 2 < end, bytes[colon + 1] == 0x20 else { return nil }
      var p = colon + 1
      while p < end && bytes[p] == 0x20 { p += 1 }
      guard p < end else { return nil }
      return value(row, p, end)
    }

    /// How many spaces line bytes `start..<end` begin with.
    private func spaces(_ start: Int, _ end: Int) -> Int {
      var p = start
      while p < end && bytes[p] == 0x20 { p += 1 }
      return p - start
    }

    /// A plain key at `start` (a letter, digit or `_`, then those, `-` and `.`), followed by a
    /// colon and a space or the line's end: its text and the colon's offset.
    private func key(at start: Int, _ end: Int) -> (String, Int)? {
      guard start < end, isKeyStart(bytes[start]) else { return nil }
      var p = start + 1
      while p < end
        && (isKeyStart(bytes[p]) || bytes[p] == UInt8(ascii: "-") || bytes[p] == UInt8(ascii: "."))
      {
        p += 1
      }
      guard p < end, bytes[p] == UInt8(ascii: ":"), p - start <= 128,
        p + 1 == end || bytes[p + 1] == 0x20
      else { return nil }
      return (text(start, p), p)
    }

    private func isKeyStart(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        || b == UInt8(ascii: "_")
    }

    /// A value from `start` to the line's `end`: quoted, a flow sequence or plain.
    private func value(_ row: Int, _ start: Int, _ end: Int) -> YAMLTree? {
      switch bytes[start] {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        guard let (text, after) = quoted(start, end), onlySpaces(after, end) else { return nil }
        return .scalar(text, place(row, start))
      case UInt8(ascii: "["):
        return flowSequence(row, start, end)
      default:
        return plain(row, start, end)
      }
    }

    /// A quoted scalar at `start` closed on its line, with no escape (a backslash in double
    /// quotes, a doubled quote in single ones): its text and the offset after it.
    private func quoted(_ start: Int, _ end: Int) -> (String, Int)? {
      let quote = bytes[start]
      var p = start + 1
      while p < end && bytes[p] != quote {
        if quote == UInt8(ascii: "\"") && bytes[p] == UInt8(ascii: "\\") { return nil }
        p += 1
      }
      guard p < end else { return nil }
      if quote == UInt8(ascii: "'"), p + 1 < end, bytes[p + 1] == quote { return nil }
      return (text(start + 1, p), p + 1)
    }

    /// A plain scalar from `start` to the line's end, trailing spaces left out: one that cannot
    /// be read as anything else (no indicator first, no `: `, ` #` or final colon).
    private func plain(_ row: Int, _ start: Int, _ end: Int) -> YAMLTree? {
      guard !Self.indicators.contains(bytes[start]) else { return nil }
      var last = end
      while last > start && bytes[last - 1] == 0x20 { last -= 1 }
      guard bytes[last - 1] != UInt8(ascii: ":") else { return nil }
      for p in start..<(last - 1) {
        if bytes[p] == UInt8(ascii: ":") && bytes[p + 1] == 0x20 { return nil }
        if bytes[p] == 0x20 && bytes[p + 1] == UInt8(ascii: "#") { return nil }
      }
      return scalar(text(start, last), place(row, start))
    }

    /// A flow sequence on one line, of plain items in a narrow alphabet or double-quoted ones.
    private func flowSequence(_ row: Int, _ start: Int, _ end: Int) -> YAMLTree? {
      var items: [YAMLTree] = []
      var p = start + 1
      while p < end && bytes[p] == 0x20 { p += 1 }
      guard p < end else { return nil }
      if bytes[p] == UInt8(ascii: "]") {
        return onlySpaces(p + 1, end) ? .sequence([], place(row, start)) : nil
      }
      while true {
        guard p < end else { return nil }
        let itemStart = p
        if bytes[p] == UInt8(ascii: "\"") {
          guard let (text, after) = quoted(p, end) else { return nil }
          items.append(.scalar(text, place(row, itemStart)))
          p = after
          while p < end && bytes[p] == 0x20 { p += 1 }
        } else {
          guard Self.isFlowStart(bytes[p]) else { return nil }
          while p < end && bytes[p] != UInt8(ascii: ",") && bytes[p] != UInt8(ascii: "]") {
            guard Self.isFlowByte(bytes[p]) else { return nil }
            p += 1
          }
          var last = p
          while bytes[last - 1] == 0x20 { last -= 1 }
          items.append(scalar(text(itemStart, last), place(row, itemStart)))
        }
        guard p < end else { return nil }
        if bytes[p] == UInt8(ascii: "]") {
          return onlySpaces(p + 1, end) ? .sequence(items, place(row, start)) : nil
        }
        guard bytes[p] == UInt8(ascii: ",") else { return nil }
        p += 1
        while p < end && bytes[p] == 0x20 { p += 1 }
      }
    }

    /// What may begin a plain value: not an indicator (nor `-`, `?` or `:`, which may in YAML
    /// but are left to libyaml).
    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    private static func isFlowStart(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
        || b == UInt8(ascii: "_") || b == UInt8(ascii: "/") || b == UInt8(ascii: "(") || b >= 0x80
    }

    private static func isFlowByte(_ b: UInt8) -> Bool {
      isFlowStart(b) || b == 0x20 || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
        || b == UInt8(ascii: "+") || b == UInt8(ascii: ")")
    }

    /// A plain scalar's node: null for the words YAML reads as null.
    private func scalar(_ text: String, _ mark: SourceLocation) -> YAMLTree {
      switch text {
      case "~", "null", "Null", "NULL": return .null(mark)
      default: return .scalar(text, mark)
      }
    }

    private func onlySpaces(_ start: Int, _ end: Int) -> Bool {
      (start..<end).allSatisfy { bytes[$0] == 0x20 }
    }

    private func text(_ start: Int, _ end: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// The place of byte `offset` on line `row` (0-based): columns count characters.
    private func place(_ row: Int, _ offset: Int) -> SourceLocation {
      if ascii[row] { return at(row + 1, offset - lines[row].start + 1) }
      var column = 1
      for p in lines[row].start..<offset where bytes[p] & 0xC0 != 0x80 { column += 1 }
      return at(row + 1, column)
    }
  }
}
