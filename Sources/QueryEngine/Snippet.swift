import KnowledgeModel

/// The words a query's full text matches, for snippets and highlighting: stems (with the
/// synonyms' stems) and unstemmed prefixes.
public struct MatchedWords: Hashable, Sendable {
  var stems: Set<String> = []
  var prefixes: [String] = []

  public var isEmpty: Bool { stems.isEmpty && prefixes.isEmpty }

  public init() {}

  /// The words of these full-text terms.
  init(_ terms: [([TextField], TextMatch)]) {
    for (_, match) in terms { add(match) }
  }

  mutating func add(_ match: TextMatch) {
    switch match {
    case .stem(let s): stems.insert(s)
    case .phrase(let ss): addPhrase(ss)
    case .prefix(let p): if !p.isEmpty { prefixes.append(p) }
    case .expanded(let alternatives):
      for a in alternatives { if case .words(let ss) = a.form { addPhrase(ss) } }
    }
  }

  /// A phrase's words, less its function words: `a` and `of` from "death of a child" would
  /// light up every line.
  private mutating func addPhrase(_ words: [String]) {
    let content = words.count > 1 ? words.filter { !StopWords.contains($0) } : words
    stems.formUnion(content.isEmpty ? words : content)
  }
}

/// A passage of an entry: about twenty words around its best hits, `…` where it is cut, and the
/// places of the matched words in it (character offsets), so a terminal can highlight them.
public struct Snippet: Hashable, Sendable {
  public var text: String
  public var matches: [Range<Int>]

  public init(text: String, matches: [Range<Int>] = []) {
    self.text = text
    self.matches = matches
  }

  /// Words in a snippet.
  public static let length = 20
}

extension Searcher {
  /// The passage of the entry (title, summary or body) with the most distinct matched words
  /// (then the most hits) in any twenty words; the beginning of the summary or body when none
  /// matches.
  public func snippet(for entry: Int, matching words: MatchedWords) -> Snippet {
    let e = knowledgeBase.entries[entry]
    let stemmer = Stemmer()
    var folding = TextFolding()
    var best: (score: Int, kind: Int, source: String, words: [SnippetWord], start: Int)?
    for (kind, source) in [e.title, e.summary ?? "", e.body].enumerated() where !source.isEmpty {
      let ws = SnippetWord.split(source, words, stemmer, &folding)
      let (start, score) = SnippetWord.bestWindow(ws)
      guard let b = best else {
        best = (score, kind, source, ws, start)
        continue
      }
      // On equal scores the body wins (it says more than a title the table already shows);
      // with no hit at all, the summary, else the body, rather than the title.
      let better =
        score != b.score ? score > b.score : score > 0 ? kind > b.kind : b.kind == 0
      if better { best = (score, kind, source, ws, start) }
    }
    guard let best, !best.words.isEmpty else { return Snippet(text: "") }
    return SnippetWord.render(best.source, best.words, from: best.start)
  }
}

/// A word of a text, where it is, and whether it matches.
struct SnippetWord {
  var range: Range<String.Index>
  var key: String
  var matched: Bool

  static func split(
    _ text: String, _ words: MatchedWords, _ stemmer: Stemmer, _ folding: inout TextFolding
  ) -> [SnippetWord] {
    var out: [SnippetWord] = []
    var i = text.startIndex
    while i < text.endIndex {
      guard text[i].isLetter || text[i].isNumber else {
        i = text.index(after: i)
        continue
      }
      var j = i
      while j < text.endIndex, text[j].isLetter || text[j].isNumber { j = text.index(after: j) }
      let folded = folding.words(String(text[i..<j])).first ?? ""
      let stem = stemmer.stem(folded)
      let matched =
        words.stems.contains(stem) || words.prefixes.contains { folded.hasPrefix($0) }
      out.append(SnippetWord(range: i..<j, key: stem, matched: matched))
      i = j
    }
    return out
  }

  /// The start of the window of `Snippet.length` words with the most distinct matched words,
  /// then the most hits, a few words before its first hit; and that score.
  static func bestWindow(_ words: [SnippetWord]) -> (Int, Int) {
    let n = Snippet.length
    var best = (start: 0, score: 0)
    for s in words.indices where words[s].matched {
      let window = words[s..<min(words.count, s + n)].filter(\.matched)
      let score = Set(window.map(\.key)).count * 100 + window.count
      if score > best.score { best = (s, score) }
    }
    let start = best.score > 0 ? max(0, min(best.start - 3, words.count - n)) : 0
    return (start, best.score)
  }

  /// The words from `start` on, white space made single spaces, with `…` where cut.
  static func render(_ text: String, _ words: [SnippetWord], from start: Int) -> Snippet {
    let end = min(words.count, start + Snippet.length)
    var out = start > 0 ? "… " : ""
    var count = out.count
    var matches: [Range<Int>] = []
    for k in start..<end {
      if k > start {
        var spaced = ""
        var space = false
        for c in text[words[k - 1].range.upperBound..<words[k].range.lowerBound] {
          if !c.isWhitespace {
            spaced.append(c)
          } else if !space {
            spaced.append(" ")
          }
          space = c.isWhitespace
        }
        out += spaced
        count += spaced.count
      }
      let word = String(text[words[k].range])
      if words[k].matched { matches.append(count..<count + word.count) }
      out += word
      count += word.count
    }
    if end < words.count {
      out += " …"
    } else if let last = words.last {
      // The text's own ending (`briefly.`), without trailing white space.
      var tail = Substring(text[last.range.upperBound...])
      while let c = tail.last, c.isWhitespace { tail.removeLast() }
      out += tail.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    return Snippet(text: out, matches: matches)
  }
}

extension Searcher {
  /// The places (character offsets) of the words of `text` that a query's words match, for
  /// highlighting any text, such as a whole entry shown after a query (`.show ID`).
  public func highlights(in text: String, matching words: MatchedWords) -> [Range<Int>] {
    guard !words.isEmpty else { return [] }
    var folding = TextFolding()
    var out: [Range<Int>] = []
    var offset = 0
    var at = text.startIndex
    for word in SnippetWord.split(text, words, Stemmer(), &folding) where word.matched {
      offset += text.distance(from: at, to: word.range.lowerBound)
      let length = text.distance(from: word.range.lowerBound, to: word.range.upperBound)
      out.append(offset..<offset + length)
      offset += length
      at = word.range.upperBound
    }
    return out
  }
}
