/// TSV and CSV. Both have a header row. TSV escapes backslash, tab, newline and carriage return
/// as `\\`, `\t`, `\n`, `\r` (as PostgreSQL's text format does); CSV follows RFC 4180: CRLF line
/// ends, fields with a comma, quote or line break quoted, quotes doubled. List values are joined
/// with `,` in TSV and `; ` in CSV.
struct DelimitedRenderer: Sendable {
  let separator: String
  let lineEnd: String
  let listSeparator: String
  let escape: @Sendable (String) -> String

  static let tsv = DelimitedRenderer(
    separator: "\t", lineEnd: "\n", listSeparator: ",", escape: DelimitedRenderer.escapeTSV)
  static let csv = DelimitedRenderer(
    separator: ",", lineEnd: "\r\n", listSeparator: "; ", escape: DelimitedRenderer.quoteCSV)

  func render(_ table: ResultTable, into out: inout some RenderSink) {
    let (columns, rows) = table.grid
    out.write(columns.map(escape).joined(separator: separator) + lineEnd)
    // Cell by cell into the sink, shared text straight from its bytes: no strings on the way
    // unless a value needs escaping.
    let tsv = separator == "\t"
    let (separatorBytes, lineEndBytes) = (Array(separator.utf8), Array(lineEnd.utf8))
    rows.shared.withUnsafeBufferPointer { shared in
      separatorBytes.withUnsafeBufferPointer { separator in
        lineEndBytes.withUnsafeBufferPointer { lineEnd in
          for r in rows.indices {
            for c in 0..<rows.width {
              if c > 0 { out.write(utf8: separator) }
              switch rows.content(r, c) {
              case .shared(let range, let plain):
                let bytes = UnsafeBufferPointer(rebasing: shared[range])
                let special =
                  !plain
                  && (tsv
                    ? ByteScan.mayNeedEscape(bytes, 0x5C, 0x5C)
                    : ByteScan.mayNeedEscape(bytes, 0x2C, 0x22))
                if special {
                  out.write(escape(String(decoding: bytes, as: UTF8.self)))
                } else {
                  out.write(utf8: bytes)
                }
              case .cell(.text(let s)): out.write(escape(s))
              case .cell(.null): break
              case .cell(let cell): out.write(escape(cell.plain(separator: listSeparator)))
              }
            }
            out.write(utf8: lineEnd)
          }
        }
      }
    }
  }

  /// The bytes that make a TSV value need escaping: backslash, tab, newline, carriage return.
  @inline(__always)
  static func tsvSpecial(_ b: UInt8) -> Bool { b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D }

  /// The bytes that make a CSV value need quoting: comma, quote, newline, carriage return.
  @inline(__always)
  static func csvSpecial(_ b: UInt8) -> Bool { b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }

  /// TSV's escapes, made on the UTF-8 bytes: every byte escaped is ASCII, and no byte of a
  /// multi-byte character is below 0x80, so nothing else can be touched. (Appending scalar by
  /// scalar to a string was two thirds of printing a `body` column.)
  static func escapeTSV(_ s: String) -> String {
    guard contains(s, tsvSpecial) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 64)
    for b in s.utf8 {
      switch b {
      case 0x5C: out.append(0x5C); out.append(0x5C)
      case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
      case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
      default: out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// RFC 4180 quoting, made on the UTF-8 bytes as `escapeTSV` is.
  static func quoteCSV(_ s: String) -> String {
    guard contains(s, csvSpecial) else { return s }
    var out: [UInt8] = [0x22]
    out.reserveCapacity(s.utf8.count + 16)
    for b in s.utf8 {
      if b == 0x22 { out.append(0x22) }
      out.append(b)
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether any UTF-8 byte of `s` matches: over the contiguous bytes when the string has them
  /// (a plain loop the compiler vectorises), else byte by byte.
  @inline(__always)
  static func contains(_ s: String, _ matches: (UInt8) -> Bool) -> Bool {
    if let found = s.utf8.withContiguousStorageIfAvailable({ bytes in
      for b in bytes where matches(b) { return true }
      return false
    }) {
      return found
    }
    return s.utf8.contains(where: matches)
  }
}
