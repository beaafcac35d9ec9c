/// Makes entry number `n` from the seed alone, so that entry `n` is the same whatever the size
/// of the knowledge base (a 1k base is the first thousand entries of a 100k one).
struct EntryMaker: Sendable {
  let seed: UInt64
  let words: [String]
  let wordRanks: Zipf
  let tagRanks: Zipf
  let officeRanks: Zipf
  let vocabulary: SyntheticVocabulary

  init(seed: UInt64, vocabulary: SyntheticVocabulary, wordCount: Int = 30_000) {
    self.seed = seed
    self.vocabulary = vocabulary
    words = Lexicon.words(wordCount)
    wordRanks = Zipf(count: wordCount, exponent: 1.0)
    tagRanks = Zipf(count: vocabulary.tags.count, exponent: 0.8)
    officeRanks = Zipf(count: vocabulary.leafOffices.count, exponent: 0.7)
  }

  static let industries = ["child-welfare", "aviation", "health-care", "cross-industry"]
  static let valences = ["positive", "negative", "mixed"]

  func entry(_ n: Int) -> SyntheticEntry {
    var random = SplitMix(seed: seed ^ (UInt64(n) &* 0x2545_F491_4F6C_DD1D))
    let roll = random.int(0...9)
    let kind = roll < 2 ? "principle" : roll < 6 ? "practice" : "lesson"
    let id = "e" + String(n).leftPadded(to: 6)
    var tags = pick(random.int(2...6), from: vocabulary.tags, ranks: tagRanks, &random)
    if n < vocabulary.tags.count, !tags.contains(vocabulary.tags[n]) {
      tags[0] = vocabulary.tags[n]
    }
    var offices = pick(
      random.int(1...2), from: vocabulary.leafOffices, ranks: officeRanks, &random)
    if n < vocabulary.leafOffices.count, !offices.contains(vocabulary.leafOffices[n]) {
      offices[0] = vocabulary.leafOffices[n]
    }
    var outcomes: [String] = []
    for _ in 0..<random.int(1...3) {
      let o = vocabulary.leafOutcomes[random.int(0...vocabulary.leafOutcomes.count - 1)]
      if !outcomes.contains(o) { outcomes.append(o) }
    }
    if n < vocabulary.leafOutcomes.count, !outcomes.contains(vocabulary.leafOutcomes[n]) {
      outcomes[0] = vocabulary.leafOutcomes[n]
    }
    let year = 2005 + random.int(0...19)
    let month = random.int(1...12)
    let day = random.int(1...28)
    let precision = random.int(0...19)
    var date = String(year)
    if precision > 0 { date += "-" + String(month).leftPadded(to: 2) }
    if precision > 2 { date += "-" + String(day).leftPadded(to: 2) }
    let sources = (0..<random.int(1...2)).map { k in
      (
        title: sentence(random.int(3...7), &random, period: false),
        url: "https://example.org/\(id)/\(k)"
      )
    }
    let related =
      n > 0 && random.int(0...9) < 3 ? ["e" + String(random.int(0...n - 1)).leftPadded(to: 6)] : []
    return SyntheticEntry(
      number: n, id: id, kind: kind, title: sentence(random.int(4...9), &random, period: false),
      summary: sentence(random.int(12...25), &random, period: true), tags: tags,
      offices: offices, outcomes: outcomes, date: date,
      industry: Self.industries[random.int(0...3)],
      valence: kind == "lesson" ? Self.valences[random.int(0...2)] : nil, sources: sources,
      related: related, body: body(random.int(100...500), &random))
  }

  /// `count` distinct values drawn by rank.
  func pick(_ count: Int, from values: [String], ranks: Zipf, _ random: inout SplitMix)
    -> [String]
  {
    var out: [String] = []
    var tries = 0
    while out.count < count && tries < 100 {
      tries += 1
      let v = values[ranks.draw(&random)]
      if !out.contains(v) { out.append(v) }
    }
    return out
  }

  func sentence(_ length: Int, _ random: inout SplitMix, period: Bool) -> String {
    var out = ""
    for k in 0..<length {
      if k > 0 { out += " " }
      let w = words[wordRanks.draw(&random)]
      out += k == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w
    }
    return period ? out + "." : out
  }

  /// About `length` words in sentences of 6–18 words and paragraphs of 3–6 sentences, with a
  /// fixed phrase now and then.
  func body(_ length: Int, _ random: inout SplitMix) -> String {
    var out = ""
    var written = 0
    var sentencesInParagraph = 0
    var paragraphLength = random.int(3...6)
    while written < length {
      let n = min(length - written, random.int(6...18))
      var words: [String] = []
      while words.count < n {
        if random.int(0...99) == 0 {
          words += Lexicon.phrases[random.int(0...Lexicon.phrases.count - 1)].split(separator: " ")
            .map(String.init)
        } else {
          words.append(self.words[wordRanks.draw(&random)])
        }
      }
      written += words.count
      words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
      out += words.joined(separator: " ") + "."
      sentencesInParagraph += 1
      if sentencesInParagraph == paragraphLength {
        out += "\n\n"
        sentencesInParagraph = 0
        paragraphLength = random.int(3...6)
      } else {
        out += " "
      }
    }
    return out.trimmingTrailingWhitespace() + "\n"
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }

  func trimmingTrailingWhitespace() -> String {
    var s = self[...]
    while let last = s.last, last == " " || last == "\n" { s = s.dropLast() }
    return String(s)
  }
}
