/// Makes untrusted text safe to show on a terminal: control characters, escape sequences and
/// bidirectional overrides become visible escapes (`\e`, `\r`, `\u{202E}`) instead of acting.
public enum Escaping {
  /// A byte every data format (TSV, CSV, JSON) writes as it is, on a pipe or a terminal:
  /// printable ASCII other than the backslash, the double quote and the comma. Text made only of
  /// such bytes is "plain", and renderers copy it without looking at it.
  @inline(__always)
  public static func isPlainDataByte(_ b: UInt8) -> Bool {
    b >= 0x20 && b < 0x7F && b != 0x5C && b != 0x22 && b != 0x2C
  }

  public static func visible(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\u{1B}": out += "\\e"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\n": out += "\\n"
      case "\u{08}": out += "\\b"
      case "\u{07}": out += "\\a"
      default:
        if needsEscape(scalar) {
          out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Like `visible` but keeps line breaks and tabs, for multi-line text such as an entry's body.
  public static func visibleKeepingLines(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\t" {
        out.unicodeScalars.append(scalar)
      } else {
        out += visible(String(scalar))
      }
    }
    return out
  }

  /// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate characters.
  public static func needsEscape(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029 || v == 0x200E || v == 0x200F
      || v == 0x061C
  }

  public static func isSafe(_ text: String) -> Bool {
    !text.unicodeScalars.contains(where: needsEscape)
  }
}
