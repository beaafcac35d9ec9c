import Foundation
import Yams

/// Builds and edits the YAML mapping of one saved search.
enum SearchEntry {
  /// A new mapping: name, description, query, created, updated.
  static func make(name: String, query: String, description: String?, now: Date) -> Node {
    var pairs: [(Node, Node)] = [(key("name"), text(name))]
    if let description { pairs.append((key("description"), text(description))) }
    pairs.append((key("query"), quoted(query)))
    let stamp = Node(Timestamp.format(now))
    pairs.append((key("created"), stamp))
    pairs.append((key("updated"), stamp))
    return .mapping(Node.Mapping(pairs))
  }

  /// The existing mapping with a new query, a new `updated` time and, when one is given, a new
  /// description. `created`, other keys and their order are kept.
  static func replacing(_ entry: Node, query: String, description: String?, now: Date) -> Node {
    guard case .mapping(var fields) = entry else { return entry }
    fields["query"] = quoted(query)
    if let description { fields["description"] = text(description) }
    if fields["created"] == nil { fields["created"] = Node(Timestamp.format(now)) }
    fields["updated"] = Node(Timestamp.format(now))
    return .mapping(fields)
  }

  private static func key(_ string: String) -> Node { Node(string) }

  /// The query is always single-quoted: it often holds `:`, `|`, `"` and `$`.
  private static func quoted(_ string: String) -> Node {
    .scalar(Node.Scalar(string, .implicit, .singleQuoted))
  }

  /// Plain when YAML would read the text back as a string, single-quoted otherwise (`true`, `12`).
  private static func text(_ string: String) -> Node {
    let plain = Node(string)
    if Resolver.default.resolveTag(of: plain) == .str { return plain }
    return .scalar(Node.Scalar(string, .implicit, .singleQuoted))
  }
}
