/// A date as precise as its author wrote it: a year, a month or a day.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int?
  public var day: Int?

  public init(year: Int, month: Int? = nil, day: Int? = nil) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; nil for anything else, including impossible days.
  public init?(_ text: String) {
    // Read as bytes: only ASCII digits and hyphens can make a date.
    var text = text
    guard
      let (y, m, d) = text.withUTF8({ bytes -> (Int, Int?, Int?)? in
        func number(_ range: Range<Int>) -> Int? {
          var n = 0
          for i in range {
            let b = bytes[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
          }
          return n
        }
        let dash = UInt8(ascii: "-")
        switch bytes.count {
        case 4: return number(0..<4).map { ($0, nil, nil) }
        case 7 where bytes[4] == dash:
          guard let y = number(0..<4), let m = number(5..<7) else { return nil }
          return (y, m, nil)
        case 10 where bytes[4] == dash && bytes[7] == dash:
          guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
            return nil
          }
          return (y, m, d)
        default: return nil
        }
      })
    else { return nil }
    year = y
    if let m {
      guard (1...12).contains(m) else { return nil }
      month = m
    }
    if let d {
      guard d >= 1, d <= PartialDate.daysIn(month: month!, year: y) else { return nil }
      day = d
    }
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The first day this date covers, as a sortable number `yyyymmdd`.
  public var lowerBound: Int { year * 10000 + (month ?? 1) * 100 + (day ?? 1) }
  /// The last day this date covers, as a sortable number `yyyymmdd`.
  public var upperBound: Int {
    let m = month ?? 12
    return year * 10000 + m * 100 + (day ?? PartialDate.daysIn(month: m, year: year))
  }

  public static func < (a: PartialDate, b: PartialDate) -> Bool {
    (a.lowerBound, a.upperBound) < (b.lowerBound, b.upperBound)
  }

  public var description: String {
    var s = String(format4(year))
    if let month { s += "-" + pad2(month) }
    if let day { s += "-" + pad2(day) }
    return s
  }

  private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  private func format4(_ n: Int) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
  }
}
