import CCmarkGFM

/// One parsed cmark-gfm document, freed with its parser when it goes.
final class Document {
  let parser: OpaquePointer
  let root: OpaquePointer

  init(_ markdown: String) {
    let parser = safetykb_cmark_parser()!
    self.parser = parser
    var text = markdown
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        cmark_parser_feed(parser, chars.baseAddress, chars.count)
      }
    }
    root = cmark_parser_finish(parser)
  }

  deinit {
    cmark_node_free(root)
    cmark_parser_free(parser)
  }

  var html: String { Self.take(safetykb_cmark_html(parser, root)) }
  var commonMark: String { Self.take(safetykb_cmark_commonmark(root)) }

  private static func take(_ text: UnsafeMutablePointer<CChar>?) -> String {
    guard let text else { return "" }
    defer { safetykb_cmark_free(text) }
    return String(cString: text)
  }

  /// Leaves out raw HTML, unwraps links to unsafe destinations and every image, and moves
  /// headings down.
  func sanitize(headingShift: Int) {
    var dropped: [OpaquePointer] = []
    var unwrapped: [OpaquePointer] = []
    Self.visit(root) { node in
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: dropped.append(node)
      case CMARK_NODE_IMAGE: unwrapped.append(node)
      case CMARK_NODE_LINK:
        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        if !CommonMark.isSafeDestination(url) { unwrapped.append(node) }
      case CMARK_NODE_HEADING:
        let level = cmark_node_get_heading_level(node)
        cmark_node_set_heading_level(node, min(6, level + Int32(headingShift)))
      default: break
      }
    }
    for node in dropped { cmark_node_free(node) }
    // Innermost first: a node is unwrapped before any node around it.
    for node in unwrapped.reversed() {
      while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
      cmark_node_free(node)
    }
  }

  /// The text of a node's inline content (text and code), as written.
  static func text(of node: OpaquePointer) -> String {
    var out = ""
    visit(node) { child in
      let type = cmark_node_get_type(child)
      if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE,
        let literal = cmark_node_get_literal(child)
      {
        out += String(cString: literal)
      }
    }
    return out
  }

  /// Calls `body` with the node and each node below it, parents first (nothing may be freed on
  /// the way).
  static func visit(_ node: OpaquePointer, _ body: (OpaquePointer) -> Void) {
    let iterator = cmark_iter_new(node)
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) { body(child) }
    }
  }
}
