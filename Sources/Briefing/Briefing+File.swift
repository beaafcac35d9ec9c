import Foundation
import SystemIO

extension Briefing {
  /// The format a file name asks for: HTML for `.html` and `.htm`, Markdown otherwise.
  public static func format(forFile path: String) -> Format {
    let lower = path.lowercased()
    return lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? .html : .markdown
  }

  /// Writes the handout to `path` (a leading `~/` is the home folder) in the format its name asks
  /// for, atomically (a temporary file renamed over it), so a reader never sees half a handout.
  public func write(toFile path: String) throws(FileError) {
    let text = render(as: Self.format(forFile: path))
    let expanded = path.hasPrefix("~/") ? NSString(string: path).expandingTildeInPath : path
    try Files.replace(expanded, with: Array(text.utf8), mode: 0o644)
  }

  /// Splits `QUERY > FILE` (the shell's `.brief`): the last `>` outside quotes that has white
  /// space before it starts the file name. Without one, the whole text is the query.
  public static func splitOutput(_ line: String) -> (query: String, file: String?) {
    let chars = Array(line)
    var quoted = false
    var split: Int?
    for (i, c) in chars.enumerated() {
      if c == "\"", i == 0 || chars[i - 1] != "\\" { quoted.toggle() }
      if c == ">", !quoted, i > 0, chars[i - 1].isWhitespace { split = i }
    }
    guard let split else { return (line.trimmingSpaces, nil) }
    let file = String(chars[(split + 1)...]).trimmingSpaces
    return (String(chars[..<split]).trimmingSpaces, file)
  }
}
