import Foundation

/// Times in store files: ISO 8601 in UTC to the second, e.g. `2026-11-27T10:00:00Z`.
public enum Timestamp {
  public static func format(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
  }

  static func parse(_ text: String) -> Date? {
    try? Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).parse(text)
  }
}
