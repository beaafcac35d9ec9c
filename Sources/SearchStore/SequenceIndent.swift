import Yams

/// libyaml writes a list inside a mapping without indenting it (`searches:` then `- name: ...` at
/// column 0). The documented format, and most hand-written YAML, indents it by two spaces; this
/// shifts the lines of the top-level `searches` list right by two. The result is checked to parse
/// to the same tree, and the unshifted text is kept if it does not.
enum SequenceIndent {
  static func indentSearches(_ yaml: String, key: String) -> String {
    var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: key + ":") else { return yaml }
    var index = start + 1
    while index < lines.count {
      let line = lines[index]
      if let first = line.first, first != " ", first != "-" { break }
      if !line.isEmpty { lines[index] = "  " + line }
      index += 1
    }
    let shifted = lines.joined(separator: "\n")
    guard let before = try? Yams.compose(yaml: yaml), let after = try? Yams.compose(yaml: shifted),
      before == after
    else { return yaml }
    return shifted
  }
}
