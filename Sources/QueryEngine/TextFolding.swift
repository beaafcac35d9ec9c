import Foundation

/// Splits text into search words: runs of Unicode letters and digits, lower-cased, with
/// diacritics removed (`Café` → `cafe`). Combining marks inside a word are dropped, not breaks.
struct TextFolding {
  /// Folded forms of non-ASCII scalars met so far (nil: not part of a word).
  private var cache: [UInt32: String?] = [:]

  init() {}

  /// The folded words of `text`, in order.
  mutating func words(_ text: String) -> [String] {
    var text = text
    if let ascii = text.withUTF8({ Self.asciiWords($0) }) { return ascii }
    return scalarWords(text)
  }

  /// The fast path for ASCII text: bytes in, small strings out; nil when the text has any
  /// non-ASCII byte (then every scalar needs the full folding).
  static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    var out: [String] = []
    out.reserveCapacity(bytes.count / 6)
    let ascii = forEachASCIIWord(bytes) { out.append(String(decoding: $0, as: UTF8.self)) }
    return ascii ? out : nil
  }

  /// Calls `body` with each word of ASCII text, lower-cased, as bytes; false, calling nothing,
  /// when the text has a non-ASCII byte. A heap buffer as long as the text holds the word (a
  /// word may be the whole text): never the stack, whose size on worker threads is small.
  static func forEachASCIIWord(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) -> Bool {
    guard isASCII(bytes) else { return false }
    let word = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
    defer { word.deallocate() }
    var n = 0
    asciiLetters.withUnsafeBufferPointer { letters in
      for b in bytes {
        let letter = letters[Int(b)]
        if letter != 0 {
          word[n] = letter
          n += 1
        } else if n > 0 {
          body(UnsafeBufferPointer(rebasing: word[0..<n]))
          n = 0
        }
      }
    }
    if n > 0 { body(UnsafeBufferPointer(rebasing: word[0..<n])) }
    return true
  }

  /// By ASCII byte: the byte a word has for it (a letter lower-cased, a digit), or 0 for one
  /// that is not part of a word. One read, where three ranges would be compared.
  private static let asciiLetters: [UInt8] = (0..<128).map { b in
    switch UInt8(b) {
    case 0x61...0x7A, 0x30...0x39: UInt8(b)
    case 0x41...0x5A: UInt8(b) | 0x20
    default: 0
    }
  }

  /// Whether every byte is ASCII: eight bytes at a time.
  static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let raw = UnsafeRawBufferPointer(bytes)
    var i = 0
    while i + 8 <= raw.count {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      i += 8
    }
    while i < raw.count {
      if raw[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  /// Any text: scalar by scalar, with diacritics folded away.
  mutating func scalarWords(_ text: String) -> [String] {
    var out: [String] = []
    var current = String.UnicodeScalarView()
    var inWord = false
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 0x80 {
        if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
          current.append(scalar)
          inWord = true
        } else if v >= 0x41 && v <= 0x5A {
          current.append(Unicode.Scalar(v + 0x20)!)
          inWord = true
        } else if inWord {
          out.append(String(current))
          current.removeAll(keepingCapacity: true)
          inWord = false
        }
        continue
      }
      if TextFolding.isMark(scalar) { continue }
      if let folded = fold(scalar) {
        current.append(contentsOf: folded.unicodeScalars)
        inWord = true
      } else if inWord {
        out.append(String(current))
        current.removeAll(keepingCapacity: true)
        inWord = false
      }
    }
    if inWord { out.append(String(current)) }
    return out
  }

  private mutating func fold(_ scalar: Unicode.Scalar) -> String? {
    if let known = cache[scalar.value] { return known }
    var result: String?
    let p = scalar.properties
    if p.isAlphabetic || p.numericType != nil {
      let decomposed = String(scalar).decomposedStringWithCanonicalMapping
      var kept = String.UnicodeScalarView()
      for s in decomposed.unicodeScalars where !TextFolding.isMark(s) { kept.append(s) }
      result = String(kept).lowercased()
    }
    cache[scalar.value] = result
    return result
  }

  static func isMark(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }
}
