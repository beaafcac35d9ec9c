/// The words of the synthetic knowledge base, most frequent first: common English words and
/// domain words, then made-up words built from syllables (stable under stemming: they end in a
/// vowel other than `e` or `y`).
enum Lexicon {
  static let common: [String] = """
    the of and to in a is that for it as was with be by on not he this are or his from at which \
    but have an they you were her she there been one all we their has would when if so what can \
    more no out up them some could into other time these two may then do first any my now such \
    like our over man me even most made after also did many before must through back years where \
    much your way well down should because each just those people how too little state good very \
    make world still own see men work long get here between both life being under never day same \
    another know while last might us great old year off come since against go came right used \
    take three safety review reviews reviewed reviewing incident incidents culture practice \
    practices learning learned lesson lessons staff agency agencies child children family \
    families case cases worker workers office offices system systems critical report reports \
    reporting error errors risk risks team teams training supervisor supervisors outcome \
    outcomes data analysis method methods harm near miss event events leader leaders leadership \
    change changes improvement quality process processes decision decisions evidence finding \
    findings partnership partner partners county federal state aviation hospital patient \
    patients nurse nurses pilot pilots accountability trust blame fatality fatalities \
    prevention response safe unsafe model models tool tools checklist checklists debrief
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

  static let consonants = Array("bdfgklmnprtvz")
  static let vowels = Array("aiou")

  /// The made-up word number `n`: two syllables for the first 2,704, three after.
  static func madeUp(_ n: Int) -> String {
    let syllables = consonants.count * vowels.count
    var rest = n
    var count = 2
    if rest >= syllables * syllables {
      rest -= syllables * syllables
      count = 3
    }
    var word = ""
    for _ in 0..<count {
      let s = rest % syllables
      rest /= syllables
      word.append(consonants[s / vowels.count])
      word.append(vowels[s % vowels.count])
    }
    return word
  }

  /// `count` distinct words: the common ones first, then made-up ones.
  static func words(_ count: Int) -> [String] {
    var out = common
    var seen = Set(out)
    var n = 0
    while out.count < count {
      let w = madeUp(n)
      n += 1
      if seen.insert(w).inserted { out.append(w) }
    }
    return out
  }

  /// Fixed two-word phrases sprinkled into bodies, so that phrase queries find something.
  static let phrases = [
    "critical incident", "case review", "safety culture", "near miss", "just culture",
    "systems thinking", "psychological safety", "team debrief",
  ]
}
