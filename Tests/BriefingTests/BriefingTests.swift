import Briefing
import KnowledgeModel
import QueryEngine
import TestSupport
import Testing

/// Briefings, above all with hostile entries: markup in titles, summaries, bodies and sources.
@Suite struct BriefingTests {
  static let hostileBody = """
    ## What happened

    <script>alert("happened")</script>

    ## What to do

    1. Meet the staff <b onmouseover="alert(1)">today</b>.
    2. Read [the guide](javascript:alert(document.cookie)) and [the other](https://example.org/ok).
    3. ![tracker](https://evil.example/pixel.png) <img src=x onerror=alert(2)>

    <iframe src="https://evil.example"></iframe>

    ### A detail

    # A heading of level one ends the section

    ## Evidence and limits

    Not quoted.
    """

  static let searcher: Searcher = {
    let entries = [
      Entry(
        id: "hostile", title: "<script>alert('title')</script> *Bold* [x](javascript:y) #1",
        kind: "lesson", summary: "Summary with <img src=x onerror=alert(3)> and `code`",
        date: PartialDate("2022-10-20"),
        sources: [
          SourceReference(title: "Evil <b>source</b>", url: "javascript:alert(4)"),
          SourceReference(title: "Good source", url: "https://example.org/good", date: "2021"),
          SourceReference(title: "Spaced", url: "https://example.org/a b<script>"),
        ],
        body: hostileBody),
      Entry(
        id: "principle", title: "A principle", kind: "principle",
        body: "## What it says\n\nX.\n\n## In practice\n\nDo *this*.\n\n## Why it matters\n\nY.\n"),
      Entry(id: "plain", title: "No sections", kind: "practice", body: "Just text."),
    ]
    return Searcher(KnowledgeBase(root: "t", name: "t", vocabulary: nil, entries: entries))
  }()

  static func briefing(_ query: String = "*", title: String? = nil) throws -> Briefing {
    try Briefing(query: query, title: title, date: "2026-01-31", searcher: searcher)
  }

  @Test func htmlCarriesNothingActiveFromEntries() throws {
    let html = try Self.briefing(title: "<script>alert('t')</script>").html.lowercased()
    for bad in [
      "<script", "<img", "<iframe", "onmouseover", "href=\"javascript", "<b>", "<b ", "src=\"",
      "<link", "raw html omitted",
    ] {
      #expect(!html.contains(bad), "found '\(bad)'")
    }
    // What was markup in an entry's text is shown as text.
    #expect(html.contains("summary with &lt;img src=x onerror=alert(3)&gt; and `code`"))
    #expect(
      html.contains("&lt;script&gt;alert('title')&lt;/script&gt; *bold* [x](javascript:y) #1"))
    #expect(html.contains("<title>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</title>"))
    #expect(html.contains("<a href=\"https://example.org/ok\">the other</a>"))
    #expect(html.contains("<a href=\"https://example.org/good\">https://example.org/good</a>"))
  }

  @Test func htmlIsOneSelfContainedPageThatRunsNothing() throws {
    let html = try Self.briefing().html
    #expect(html.hasPrefix("<!DOCTYPE html>\n"))
    #expect(
      html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'"))
    #expect(html.contains("<style>"))
    #expect(html.contains("@media print"))
    #expect(html.hasSuffix("</html>\n"))
  }

  @Test func contentsLinkToEachEntry() throws {
    let html = try Self.briefing().html
    for n in 1...3 {
      #expect(html.contains("<h2 id=\"entry-\(n)\">\(n). "))
      #expect(html.contains("href=\"#entry-\(n)\""))
    }
    #expect(html.contains("<h2 id=\"contents\">Contents</h2>"))
  }

  @Test func markdownHasTheHandoutsParts() throws {
    let md = try Self.briefing("kind:principle", title: "Team meeting").markdown
    #expect(
      md == """
        # Team meeting

        2026-01-31 · 1 entry

        ## About this briefing

        The entries are those the query below finds, in its order. How SafetyKB read it:

        ```text
        query: kind:principle
        read as: kind:principle
        matching:
          kind:principle: 1 entry
        order: by title, then id (no full-text word to rank by)
        total: 1 of 3 entries match
        ```

        ## Contents

        1. [A principle](#entry-1) (principle)

        ## 1. A principle

        **Kind:** principle · **Id:** principle

        ### In practice

        Do *this*.

        """)
  }

  @Test func theEntrysOwnMarkdownIsSanitizedInTheSourceToo() throws {
    let md = try Self.briefing("id:hostile").markdown
    // The quoted section: kept as Markdown, without raw HTML, unsafe links or images.
    #expect(md.contains("### What to do"))
    #expect(md.contains("Meet the staff today."))
    #expect(md.contains("Read the guide and [the other](https://example.org/ok)."))
    #expect(Self.unescapedAngles(md).isEmpty, "\(Self.unescapedAngles(md))")
    #expect(!md.contains("(javascript:alert"))
    #expect(!md.contains("pixel.png"))
    #expect(!md.contains("<iframe"))
    // The section's headings move below the handout's; the section ends at a level 1 or 2.
    #expect(md.contains("#### A detail"))
    #expect(!md.contains("ends the section"))
    #expect(!md.contains("Not quoted"))
    #expect(!md.contains("happened\")"))
    // Unsafe or malformed addresses are shown as text, not links.
    #expect(md.contains("1. Evil \\<b>source\\</b>. javascript:alert(4)"))
    #expect(md.contains("2. Good source (2021). <https://example.org/good>"))
    #expect(md.contains("3. Spaced. https://example.org/a b\\<script>"))
    #expect(!CommonMark.html(md).contains("raw HTML omitted"))
  }

  /// Each `<` of the Markdown that is neither escaped nor an autolink to a web address.
  static func unescapedAngles(_ md: String) -> [Substring] {
    var out: [Substring] = []
    var i = md.startIndex
    while let at = md[i...].firstIndex(of: "<") {
      let rest = md[at...]
      let escaped = at > md.startIndex && md[md.index(before: at)] == "\\"
      if !escaped, !rest.hasPrefix("<https://"), !rest.hasPrefix("<http://") {
        out.append(rest.prefix(20))
      }
      i = md.index(after: at)
    }
    return out
  }

  @Test func countsAreNotABriefing() {
    #expect(throws: QueryError.self) { try Self.briefing("* | count by kind") }
  }

  @Test func anEmptyResultSaysSo() throws {
    let briefing = try Self.briefing("kind:nothing")
    #expect(briefing.items.isEmpty)
    #expect(briefing.markdown.contains("No entry matches the query."))
  }

  @Test func theBundledKnowledgeBaseMakesAHandout() throws {
    let searcher = Searcher(try Loader.load(Binary.repositoryKnowledge))
    let briefing = try Briefing(query: "kind:lesson | limit 3", searcher: searcher)
    #expect(briefing.items.count == 3)
    #expect(briefing.title == Briefing.defaultTitle)
    #expect(briefing.html.contains("<h2 id=\"entry-3\">"))
  }
}
