/// The watch daemon's journal, a text file the daemon appends to and clients read:
///
///     safetykb-journal 1 TOKEN ROOT      the header: format version, 16 hex digits, the root
///     practices/a.md                     a file that may have changed (relative to the root)
///     *                                  anything may have changed
///     cookie NAME                        a client's cookie arrived: every line above is complete
///
/// Paths, the root and cookie names are escaped: a byte up to a space, DEL, `\` and `*` is
/// written `\xHH`, so a line holds no space but after `cookie`, and no name can forge a line.
enum JournalFormat {
  static let magic = "safetykb-journal"
  static let version = 1
  /// A journal longer than this is replaced by a new one (with a new token).
  static let limit = 1 << 20

  /// One line of the journal, without its newline.
  enum Line: Equatable {
    case path(String)
    case everything
    case cookie(String)
  }

  struct Header: Equatable {
    var token: UInt64
    var root: String
    /// Bytes of the header line, its newline included: where the first event line starts.
    var length: Int
  }

  static func header(token: UInt64, root: String) -> [UInt8] {
    let hex = String(token, radix: 16)
    let padded = String(repeating: "0", count: 16 - hex.count) + hex
    return Array("\(magic) \(version) \(padded) ".utf8) + escape(root) + [newline]
  }

  /// The header at the start of `bytes`, or nil when there is none (another file, damage).
  static func header(in bytes: ArraySlice<UInt8>) -> Header? {
    guard let end = bytes.firstIndex(of: newline) else { return nil }
    let fields = bytes[bytes.startIndex..<end].split(
      separator: space, maxSplits: 3, omittingEmptySubsequences: false)
    guard fields.count == 4, fields[0].elementsEqual(magic.utf8),
      fields[1].elementsEqual(String(version).utf8), fields[2].count == 16,
      let token = UInt64(String(decoding: fields[2], as: UTF8.self), radix: 16), token != 0,
      let root = unescape(fields[3])
    else { return nil }
    return Header(token: token, root: root, length: end + 1 - bytes.startIndex)
  }

  static func line(_ line: Line) -> [UInt8] {
    switch line {
    case .path(let path): escape(path) + [newline]
    case .everything: [star, newline]
    case .cookie(let name): Array("cookie ".utf8) + escape(name) + [newline]
    }
  }

  /// Reads one line (without its newline); nil when it is none of the three forms.
  static func parse(_ bytes: ArraySlice<UInt8>) -> Line? {
    if bytes.elementsEqual([star]) { return .everything }
    let cookie = "cookie ".utf8
    if bytes.starts(with: cookie) {
      return unescape(bytes.dropFirst(cookie.count)).map { .cookie($0) }
    }
    return unescape(bytes).map { .path($0) }
  }

  static func escape(_ text: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for b in text.utf8 {
      if needsEscape(b) {
        out += [backslash, UInt8(ascii: "x"), hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]]
      } else {
        out.append(b)
      }
    }
    return out
  }

  /// The text `escape` wrote, or nil when the bytes are not such text (an unescaped special
  /// byte, a broken escape, nothing at all).
  static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
    guard !bytes.isEmpty else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      let b = bytes[i]
      if b == backslash {
        guard bytes.endIndex - i >= 4, bytes[i + 1] == UInt8(ascii: "x"),
          let high = hexValue(bytes[i + 2]), let low = hexValue(bytes[i + 3])
        else { return nil }
        out.append(high << 4 | low)
        i += 4
      } else {
        guard !needsEscape(b) else { return nil }
        out.append(b)
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static let newline = UInt8(ascii: "\n")
  static let space = UInt8(ascii: " ")
  static let star = UInt8(ascii: "*")
  static let backslash = UInt8(ascii: "\\")
  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func needsEscape(_ b: UInt8) -> Bool {
    b <= space || b == 0x7F || b == backslash || b == star
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
