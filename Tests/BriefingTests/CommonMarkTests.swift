import Briefing
import Testing

/// Untrusted Markdown through cmark-gfm.
@Suite struct CommonMarkTests {
  @Test(arguments: [
    "<script>alert(1)</script>",
    "Text <img src=x onerror=alert(1)> more",
    "<iframe src=\"https://evil.example\"></iframe>",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox)",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "[a]: javascript:alert(1)\n\n[ref][a]",
  ])
  func htmlNeverCarriesScriptsOrRawHTML(_ markdown: String) {
    for html in [CommonMark.html(markdown), CommonMark.html(CommonMark.sanitized(markdown))] {
      let lower = html.lowercased()
      #expect(!lower.contains("<script"), "\(html)")
      #expect(!lower.contains("<iframe"), "\(html)")
      #expect(!lower.contains("href=\"javascript"), "\(html)")
      #expect(!lower.contains("href=\"vbscript"), "\(html)")
      #expect(!lower.contains("href=\"data"), "\(html)")
      #expect(!lower.contains("src=\"javascript"), "\(html)")
      #expect(!lower.contains("onerror"), "\(html)")
    }
    // What a handout includes from an entry is sanitized first: no image at all (nothing is
    // loaded from elsewhere).
    #expect(!CommonMark.html(CommonMark.sanitized(markdown)).contains("<img"))
  }

  @Test func sanitizedMarkdownKeepsNoRawHTMLNorUnsafeLinks() {
    let out = CommonMark.sanitized(
      "Do <b>this</b>.\n\n<div>block</div>\n\n[ok](https://example.org) [bad](javascript:x)\n")
    #expect(!out.contains("<b>"))
    #expect(!out.contains("<div>"))
    #expect(!out.contains("javascript"))
    #expect(out.contains("[ok](https://example.org)"))
    #expect(out.contains("bad"))
  }

  @Test func headingsMoveDown() {
    #expect(CommonMark.sanitized("# A\n\n## B\n", headingShift: 2) == "### A\n\n#### B\n")
    #expect(CommonMark.sanitized("##### A\n", headingShift: 3) == "###### A\n")
  }

  @Test func escapedTextStaysText() {
    let hostile = "<script>alert(1)</script> *bold* [x](javascript:y) # not a heading"
    let html = CommonMark.html(CommonMark.escaped(hostile))
    #expect(
      html
        == "<p>&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](javascript:y) # not a heading</p>\n"
    )
  }

  @Test func sectionsAreFoundByTheirHeading() {
    let body = """
      ## What happened

      A thing.

      ## What to do

      1. First.
      2. Second.

      ### Detail

      More.

      ## Evidence and limits

      None.
      """
    let section = CommonMark.section(["What to do", "In practice"], in: body)
    #expect(section?.heading == "What to do")
    #expect(section?.markdown == "1.  First.\n2.  Second.\n\n### Detail\n\nMore.\n")
    #expect(CommonMark.section(["In practice"], in: body) == nil)
    #expect(CommonMark.section(["What to do"], in: "No headings at all.") == nil)
  }

  @Test(arguments: [
    ("https://example.org", true), ("mailto:a@b.org", true), ("other.md", true),
    ("#x", true), ("javascript:x", false), (" javascript:x", false), ("file:///etc", false),
    ("data:x", false), ("ftp://x", false),
  ])
  func safeDestinations(_ url: String, _ safe: Bool) {
    #expect(CommonMark.isSafeDestination(url) == safe)
  }
}
