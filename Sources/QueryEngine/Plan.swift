import KnowledgeModel

/// A query after saved searches are expanded and fields and values resolved: what evaluation and
/// explanation work on. Each leaf says in words how it was read.
indirect enum Plan: Sendable {
  case all
  case leaf(Leaf)
  case not(Plan)
  case and([Plan])
  case or([Plan])
}

/// One resolved term.
struct Leaf: Sendable {
  var test: Test
  /// How the term was read, e.g. `office:lancaster → la-dcfs/regional/lancaster (and below)`.
  var label: String

  enum Test: Sendable {
    case values(ValueField, ValueMatch)
    /// Entries whose whole date lies within `yyyymmdd` bounds (inclusive).
    case date(Int32, Int32)
    case text([TextField], TextMatch)
    /// `similar:ID`: the entries alike to one, with their likeness.
    case similar(MoreLikeThis.Likeness)
    case nothing
  }
}

/// Which value postings a term searches.
enum ValueField: Sendable, Hashable {
  case facet(Facet)
  case id
  case related
  case extra(String)
}

/// How a value matches.
enum ValueMatch: Sendable {
  /// A lower-cased value exactly.
  case exact(String)
  /// A path: itself or below; without `/`, any path with that segment and below.
  case hierarchy(String)
  /// Values beginning with the (lower-cased) text; empty matches any value.
  case prefix(String)
  /// Inclusive bounds, compared as numbers, dates or text.
  case range(String?, String?)
  /// Values (or, for paths, an ancestor path or a segment) matching a `*` pattern.
  case glob(String, hierarchical: Bool)
}

/// How full text matches.
enum TextMatch: Sendable {
  case stem(String)
  case phrase([String])
  /// Folded, unstemmed word beginnings.
  case prefix(String)
  /// A word or phrase of the thesaurus: the written form (first) or any other member of its
  /// group, or entries with a facet value it is an alias of.
  case expanded([TextAlternative])
}

/// One way an expanded word or phrase matches.
struct TextAlternative: Sendable {
  enum Form: Sendable {
    /// Stems: one word, or a phrase of several.
    case words([String])
    /// Entries with this facet value (or below it).
    case facet(Facet, String)
  }

  var form: Form
  /// How much a hit counts in ranking: 1 for the written form, less for the others.
  var weight: Double

  /// The weight of a synonym's hit, against 1 for the form written in the query.
  static let synonymWeight = 0.5

  var simple: TextMatch? {
    guard case .words(let stems) = form else { return nil }
    return stems.count == 1 ? .stem(stems[0]) : .phrase(stems)
  }
}
