import CYaml

/// Builds a `YAMLTree` straight from libyaml's events: the library Yams is built on, without
/// Yams's node tree in between (composing Yams nodes and converting them was a third of a cold
/// load). It composes as `Yams.compose` does with the basic resolver, and reports the same
/// problems at the same places:
/// - one document at most (a second is "found another document", at its start);
/// - an alias stands for the node its anchor last named before it (an anchor is named once its
///   node is complete, so a node cannot contain itself); an unknown one is an error;
/// - keys repeated in one mapping are an error at the first of them, naming them all; keys are
///   the same when their text and tag are (scalars), or their items are (sequences, mappings);
/// - scalars keep their text; a plain `~`, `null`, `Null`, `NULL` or empty scalar is null.
///
/// Composing does not recurse: nesting is kept on a stack (the depth limit is checked before,
/// `YAMLTree.nestingProblem`; only comparing keys that are themselves sequences or mappings walks
/// them recursively, within that limit). Aliases share the
/// subtree they name, so an alias bomb costs little memory; every node is counted as if each
/// alias were written out, and a document of more than `budget` nodes is refused (after the
/// whole document is read, so that a problem further on is reported first, as Yams does).
///
/// One difference: a key that is itself a sequence or mapping is compared without its tags.
struct YAMLComposer {
  /// Turns a mark (lines and columns from 1) into a place in the file.
  let at: (_ line: Int, _ column: Int) -> SourceLocation
  let budget: Int

  /// A complete node: the tree, how many nodes it stands for, and a scalar's text and tag.
  private struct Built {
    var tree: YAMLTree
    var size: Int
    var scalar: (text: String, tag: String?)?

    /// What Yams compares when it looks for repeated keys.
    var identity: Identity {
      if let scalar { return .scalar(scalar.text, tag: scalar.tag) }
      return .node(Shape(tree))
    }
  }

  private enum Identity: Hashable {
    case scalar(String, tag: String?)
    case node(Shape)

    /// Yams orders repeated keys by text, and names the others so.
    var text: String? {
      if case .scalar(let s, _) = self { return s }
      return nil
    }
  }

  /// A sequence's or mapping's content, without places.
  private indirect enum Shape: Hashable {
    case scalar(String)
    case null
    case sequence([Shape])
    case mapping([String], [Shape])

    init(_ tree: YAMLTree) {
      switch tree {
      case .scalar(let s, _): self = .scalar(s)
      case .null: self = .null
      case .sequence(let items, _): self = .sequence(items.map(Shape.init))
      case .mapping(let pairs, _): self = .mapping(pairs.map(\.key), pairs.map { Shape($0.value) })
      }
    }
  }

  /// A sequence or mapping still open.
  private struct Open {
    var isMapping: Bool
    var location: SourceLocation
    var anchor: String?
    var items: [YAMLTree] = []
    var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLTree)] = []
    var keys: [Built] = []
    var pendingKey: Built?
    var size = 1
  }

  enum Failure: Error {
    case problem(YAMLTree.ParseError)
    /// More nodes than the budget, with the root's place.
    case tooLarge(SourceLocation)
  }

  /// The document's root, or nil when the text holds no document.
  func compose(_ yaml: String) throws(Failure) -> YAMLTree? {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw .problem(
        YAMLTree.ParseError(location: at(1, 1), message: "invalid YAML: out of memory"))
    }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    var text = yaml
    let result = text.withUTF8 { bytes -> Result<YAMLTree?, Failure> in
      yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
      do throws(Failure) {
        return .success(try run(&parser))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  private func run(_ parser: inout yaml_parser_t) throws(Failure) -> YAMLTree? {
    var anchors: [String: Built] = [:]
    var stack: [Open] = []
    var root: Built?
    var documents = 0
    // Every node, aliases written out (never past the budget, so it cannot overflow).
    var nodes = 0
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(&parser, &event) == 1 else { throw .problem(problem(parser)) }
      defer { yaml_event_delete(&event) }
      let mark = at(event.start_mark.line + 1, event.start_mark.column + 1)
      var done: Built?
      switch event.type {
      case YAML_STREAM_END_EVENT:
        guard let root else { return nil }
        if nodes > budget { throw .tooLarge(root.tree.location) }
        return root.tree
      case YAML_DOCUMENT_START_EVENT:
        documents += 1
        if documents > 1 {
          throw .problem(
            YAMLTree.ParseError(
              location: mark,
              message:
                "invalid YAML: but found another document expected a single document in the stream"
            ))
        }
        continue
      case YAML_SCALAR_EVENT:
        let s = event.data.scalar
        let value = String(
          decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
        let isNull =
          s.style == YAML_PLAIN_SCALAR_STYLE
          && (value.isEmpty || value == "~" || value == "null" || value == "Null"
            || value == "NULL")
        let built = Built(
          tree: isNull ? .null(mark) : .scalar(value, mark), size: 1,
          scalar: (value, Self.tag(s.tag)))
        if let anchor = Self.text(s.anchor) { anchors[anchor] = built }
        done = built
      case YAML_ALIAS_EVENT:
        guard let name = Self.text(event.data.alias.anchor), let named = anchors[name] else {
          throw .problem(
            YAMLTree.ParseError(location: mark, message: "invalid YAML: found undefined alias"))
        }
        done = named
      case YAML_SEQUENCE_START_EVENT:
        let s = event.data.sequence_start
        stack.append(Open(isMapping: false, location: mark, anchor: Self.text(s.anchor)))
        nodes = min(budget + 1, nodes + 1)
        continue
      case YAML_MAPPING_START_EVENT:
        let m = event.data.mapping_start
        stack.append(Open(isMapping: true, location: mark, anchor: Self.text(m.anchor)))
        nodes = min(budget + 1, nodes + 1)
        continue
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        let open = stack.removeLast()
        let built: Built
        if open.isMapping {
          try Self.checkRepeatedKeys(open)
          built = Built(tree: .mapping(open.pairs, open.location), size: open.size)
        } else {
          built = Built(tree: .sequence(open.items, open.location), size: open.size)
        }
        if let anchor = open.anchor { anchors[anchor] = built }
        done = built
      default:
        continue
      }
      guard let node = done else { continue }
      if event.type != YAML_SEQUENCE_END_EVENT && event.type != YAML_MAPPING_END_EVENT {
        nodes = min(budget + 1, nodes + node.size)
      }
      if stack.isEmpty {
        root = node
        continue
      }
      let k = stack.count - 1
      stack[k].size = min(budget + 1, stack[k].size + node.size)
      if !stack[k].isMapping {
        stack[k].items.append(node.tree)
      } else if let key = stack[k].pendingKey {
        stack[k].pairs.append((key.scalar?.text ?? "", key.tree.location, node.tree))
        stack[k].keys.append(key)
        stack[k].pendingKey = nil
      } else {
        stack[k].pendingKey = node
      }
    }
  }

  /// Yams's error for a mapping that repeats keys: at the first of the smallest one.
  private static func checkRepeatedKeys(_ open: Open) throws(Failure) {
    let keys = open.keys
    guard keys.count > 1 else { return }
    // Most mappings have a few text keys, all different: compared in pairs, nothing hashed.
    if keys.count <= 32 {
      let texts = keys.compactMap { $0.scalar?.tag == nil ? $0.scalar?.text : nil }
      if texts.count == keys.count
        && !(1..<texts.count).contains(where: { i in texts[..<i].contains(texts[i]) })
      {
        return
      }
    }
    var first: [Identity: Int] = [:]
    var repeated: Set<Identity> = []
    for (k, identity) in keys.map(\.identity).enumerated() {
      if first[identity] == nil { first[identity] = k } else { repeated.insert(identity) }
    }
    guard !repeated.isEmpty else { return }
    let sorted = repeated.sorted { ($0.text ?? "") < ($1.text ?? "") }
    let names = sorted.map { "'\($0.text ?? "<uncovertable>")'" }.joined(separator: ", ")
    throw .problem(
      YAMLTree.ParseError(
        location: keys[first[sorted[0]]!].tree.location,
        message: "duplicate key \(names)"))
  }

  /// What libyaml says went wrong, where.
  private func problem(_ parser: yaml_parser_t) -> YAMLTree.ParseError {
    let problem = Self.text(parser.problem) ?? ""
    switch parser.error {
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
      let context = Self.text(parser.context)
      let detail = [problem, context].compactMap { $0 }.filter { !$0.isEmpty }
      return YAMLTree.ParseError(
        location: at(parser.problem_mark.line + 1, parser.problem_mark.column + 1),
        message: "invalid YAML: " + detail.joined(separator: " "))
    case YAML_READER_ERROR:
      return YAMLTree.ParseError(location: at(1, 1), message: "invalid YAML: \(problem)")
    default:
      return YAMLTree.ParseError(location: at(1, 1), message: "invalid YAML")
    }
  }

  private static func text(_ c: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    c.map { String(cString: $0) }
  }

  private static func text(_ c: UnsafePointer<CChar>?) -> String? {
    c.map { String(cString: $0) }
  }

  /// The tag a scalar resolves to when it is not text: the one written, but the non-specific
  /// `!` (nil: text, which is what the basic resolver makes of every other scalar).
  private static func tag(_ c: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let written = text(c), written != "!", written != "tag:yaml.org,2002:str" else {
      return nil
    }
    return written
  }
}
