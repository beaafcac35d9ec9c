extension Briefing {
  /// The handout as one self-contained HTML page: the Markdown rendered by cmark-gfm in safe mode,
  /// a small stylesheet for screen and print, and a content security policy that lets the page
  /// load and run nothing.
  public var html: String {
    var body = CommonMark.html(markdown)
    // The level-2 headings are the handout's own (an entry's headings are moved below level 2 and
    // its raw HTML is left out), so the n-th `<h2>` is the n-th anchor.
    var out = ""
    var rest = Substring(body)
    for anchor in anchors {
      guard let range = rest.range(of: "<h2>") else { break }
      out += rest[..<range.lowerBound] + "<h2 id=\"\(anchor)\">"
      rest = rest[range.upperBound...]
    }
    body = out + rest
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="SafetyKB">
      <title>\(Self.escapedHTML(title))</title>
      <style>
      \(Self.stylesheet)</style>
      </head>
      <body>
      <main>
      \(body)</main>
      </body>
      </html>

      """
  }

  static let stylesheet = """
    body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #111; background: #fff;
      max-width: 44em; margin: 2em auto; padding: 0 1em; }
    h1 { font-size: 1.8em; margin: 0 0 .2em; }
    h1 + p { color: #555; margin-top: 0; }
    h2 { font-size: 1.3em; margin-top: 1.8em; padding-bottom: .15em; border-bottom: 1px solid #999; }
    h3 { font-size: 1.05em; margin-bottom: .3em; }
    h4, h5, h6 { font-size: 1em; }
    blockquote { margin: .8em 0; padding-left: .9em; border-left: 3px solid #bbb; color: #333; }
    pre { white-space: pre-wrap; font-size: .8em; background: #f4f4f4; padding: .7em; }
    code { font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    a { color: #1a4f8b; overflow-wrap: anywhere; }
    table { border-collapse: collapse; } th, td { border: 1px solid #aaa; padding: .2em .5em; }
    @media print {
      @page { margin: 2cm; }
      body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
      a { color: inherit; text-decoration: none; }
      h2, h3 { break-after: avoid; page-break-after: avoid; }
      blockquote, li, pre { break-inside: avoid; page-break-inside: avoid; }
      pre { background: none; border: 1px solid #ccc; }
    }

    """

  /// Text for HTML: `&`, `<`, `>`, `"` and `'` as entities.
  static func escapedHTML(_ text: String) -> String {
    text.map { entities[$0] ?? String($0) }.joined()
  }

  static let entities: [Character: String] = [
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
  ]
}
